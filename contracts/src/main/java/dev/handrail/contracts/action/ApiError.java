package dev.handrail.contracts.action;

/** A stable machine-readable code and a message a person can act on. */
public record ApiError(String code, String message) {
}
