package dev.handrail.contracts.query;

/**
 * Request for a page of actions, newest first; every filter is optional. The reply's data is
 * an {@link ActionPage}.
 */
public record ActionListQuery(String state, String intent, String sessionId, String principal, String node, int limit) {
}
