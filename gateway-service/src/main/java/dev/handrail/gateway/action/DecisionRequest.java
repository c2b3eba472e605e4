package dev.handrail.gateway.action;

/** Optional body of the approve and deny endpoints. */
public record DecisionRequest(String comment) {}
