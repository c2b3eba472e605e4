package dev.handrail.health.incident;

import java.util.List;

/** A page of incidents, newest first, and how many matched in all. */
public record IncidentPage(List<Incident> incidents, long total) {}
