package dev.handrail.gateway.action;

import java.util.List;

/** The body of {@code GET /v1/actions}. */
public record ActionList(boolean ok, List<ActionResponse> actions, long total) {}
