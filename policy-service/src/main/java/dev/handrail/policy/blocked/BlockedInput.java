package dev.handrail.policy.blocked;

/**
 * Why an action's input is blocked outright, whatever the policy file says.
 *
 * @param reason the decision's reason code ({@code blocked_command} or {@code blocked_hotkey})
 * @param detail what was found, for a person
 */
public record BlockedInput(String reason, String detail) {

    public static final String BLOCKED_COMMAND = "blocked_command";
    public static final String BLOCKED_HOTKEY = "blocked_hotkey";
}
