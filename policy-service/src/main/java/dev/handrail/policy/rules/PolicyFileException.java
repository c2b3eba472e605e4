package dev.handrail.policy.rules;

/** A policy file that cannot be used; the message names the rule (or key) at fault and what is wrong. */
public class PolicyFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PolicyFileException(String message) {
        super(message);
    }

    public PolicyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
