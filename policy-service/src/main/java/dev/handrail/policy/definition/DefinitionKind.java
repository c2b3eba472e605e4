package dev.handrail.policy.definition;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an action definition holds: a command to run, a prompt for agents to read, or a capability with parameter templates. */
public enum DefinitionKind {
    /** A program and its arguments, run as {@code shell.run} in a working directory inside the workspace. */
    COMMAND,
    /** A prompt stored for agents to fetch; never run by Handrail. */
    PROMPT,
    /** A capability's intent with {@code {{name}}} parameter templates typed by the definition's own schema. */
    ACTION;

    /** The kind as it is written in JSON and stored. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a wire name stands for, if any. */
    public static Optional<DefinitionKind> fromWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(wire)).findFirst();
    }

    /** The wire names, for messages. */
    public static String names() {
        return String.join(
                ", ", Arrays.stream(values()).map(DefinitionKind::wire).toList());
    }
}
