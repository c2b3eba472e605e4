package dev.handrail.health.incident;

import java.util.Map;

/** A cause that is there now and should have an open incident: its key, kind, title and what is known of it. */
public record IncidentCause(String key, String kind, String title, Map<String, Object> detail) {}
