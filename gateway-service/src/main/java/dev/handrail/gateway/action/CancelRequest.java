package dev.handrail.gateway.action;

/** Optional body of {@code POST /v1/actions/{id}/cancel}: why the planner withdraws the action. */
public record CancelRequest(String reason) {}
