package dev.handrail.audit.query;

import java.util.List;

/** A page of trails, newest action first, and how many actions match in all. */
public record TrailPage(List<TrailSummary> trails, long total) {}
