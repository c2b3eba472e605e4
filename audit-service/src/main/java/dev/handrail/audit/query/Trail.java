package dev.handrail.audit.query;

import java.util.List;

/**
 * Every stored event about one action, in the order they were appended, and the action's
 * {@code intent} (as its events name it; null if none of them does).
 */
public record Trail(String actionId, String intent, List<TrailEvent> events) {}
