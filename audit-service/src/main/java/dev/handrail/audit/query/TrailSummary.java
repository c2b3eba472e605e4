package dev.handrail.audit.query;

import java.time.Instant;

/** One line of the trail list: an action, where it stands, and the span of its events. */
public record TrailSummary(
        String actionId, String intent, String state, long eventCount, Instant firstAt, Instant lastAt) {}
