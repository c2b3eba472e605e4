package dev.handrail.policy.rules;

/** The configured policy file is missing or cannot be read when policy starts; the message names the file. */
public class PolicyFileUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PolicyFileUnavailableException(String message) {
        super(message);
    }
}
