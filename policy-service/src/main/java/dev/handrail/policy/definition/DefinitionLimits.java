package dev.handrail.policy.definition;

/**
 * The limits and defaults of action definitions, declared once: validation applies them and
 * docs/definitions.md states them.
 */
public final class DefinitionLimits {

    /** The longest title, in characters. */
    public static final int TITLE_MAX = 200;
    /** The longest command, in characters. */
    public static final int CMD_MAX = 20_000;
    /** The longest prompt, in characters. */
    public static final int PROMPT_MAX = 200_000;
    /** The longest {@code agent}, {@code model} or {@code reasoning} of a prompt, and parameter name or description. */
    public static final int NAME_MAX = 200;
    /** The longest working directory, in characters. */
    public static final int CWD_MAX = 4_096;
    /** The most parameters an action definition declares. */
    public static final int PARAMETERS_MAX = 32;

    /** A command's timeout when none is given, and the bounds any given one is clamped to, in seconds. */
    public static final int COMMAND_TIMEOUT_DEFAULT_S = 60;

    public static final int COMMAND_TIMEOUT_MIN_S = 1;
    public static final int COMMAND_TIMEOUT_MAX_S = 3_600;

    /** A prompt's timeout when none is given, and its bounds, in seconds. */
    public static final int PROMPT_TIMEOUT_DEFAULT_S = 45;

    public static final int PROMPT_TIMEOUT_MIN_S = 5;
    public static final int PROMPT_TIMEOUT_MAX_S = 300;

    /** A prompt's agent, model and reasoning effort when none are given. */
    public static final String PROMPT_AGENT_DEFAULT = "codex";

    public static final String PROMPT_MODEL_DEFAULT = "gpt-5.3-codex";
    public static final String PROMPT_REASONING_DEFAULT = "medium";

    /** The working directory when none is given: the workspace itself. */
    public static final String CWD_DEFAULT = ".";

    /** Page size of a list when none is asked for, and the largest page. */
    public static final int LIST_DEFAULT = 50;

    public static final int LIST_MAX = 200;

    private DefinitionLimits() {}
}
