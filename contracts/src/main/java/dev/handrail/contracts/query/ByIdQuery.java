package dev.handrail.contracts.query;

/** Request for one thing by its id (an action, a trail, a dead letter, a breaker name). */
public record ByIdQuery(String id) {}
