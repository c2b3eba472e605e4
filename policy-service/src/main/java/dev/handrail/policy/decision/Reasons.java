package dev.handrail.policy.decision;

/** Every reason code a decision can carry (documented in docs/policy.md), besides {@code policy_rule:<id>}. */
public final class Reasons {

    public static final String RISK_ALLOWS = "risk_allows";
    public static final String RISK_REQUIRES_APPROVAL = "risk_requires_approval";
    public static final String APPROVAL_MODE_AUTO = "approval_mode_auto";
    public static final String APPROVAL_MODE_REQUIRED = "approval_mode_required";
    public static final String KILL_SWITCH = "kill_switch";
    public static final String CAPABILITY_DISABLED = "capability_disabled";
    public static final String CIRCUIT_OPEN = "circuit_open";
    public static final String BLOCKED_COMMAND = "blocked_command";
    public static final String BLOCKED_HOTKEY = "blocked_hotkey";
    /** A program is given arguments that write files, run programs or change the machine; a person decides. */
    public static final String UNSAFE_ARGUMENTS = "unsafe_arguments";

    public static final String BUDGET_EXCEEDED = "budget_exceeded";
    public static final String RUN_BUDGET_EXCEEDED = "run_budget_exceeded";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String APPROVED_BY_OPERATOR = "approved_by_operator";
    public static final String DENIED_BY_OPERATOR = "denied_by_operator";

    private Reasons() {}
}
