package dev.handrail.audit.query;

import java.util.List;

/** Every stored event about one action, in the order they were appended. */
public record Trail(String actionId, List<TrailEvent> events) {
}
