package dev.handrail.contracts.policy;

/**
 * Request to put a pending approval on hold: it stays pending (and still expires on time), and
 * policy records who is holding it and why.
 */
public record ApprovalHold(String actionId, String heldBy, String comment) {}
