package dev.handrail.client;

/** Who a token belongs to ({@code GET /v1/me}): principal, kind (user, agent, service), role and token id. */
public record Me(String principal, String kind, String role, String tokenId) {}
