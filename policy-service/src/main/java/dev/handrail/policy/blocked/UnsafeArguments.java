package dev.handrail.policy.blocked;

import dev.handrail.contracts.program.ArgumentRules;
import java.util.List;
import java.util.Optional;

/**
 * Finds, in a parsed command line, a program given arguments that make it write files, run
 * programs or change the machine ({@link ArgumentRules}, the table the executor refuses them by
 * unless its node allows them). Not a block: policy asks a person first. Pure.
 */
public final class UnsafeArguments {

    private UnsafeArguments() {}

    /** The first such argument among the commands found, if any. */
    public static Optional<ArgumentRules.Breach> find(ShellCommandParser.Parsed parsed) {
        for (List<String> argv : parsed.commands()) {
            Optional<ArgumentRules.Breach> breach =
                    ArgumentRules.check(List.of(argv.getFirst()), argv.subList(1, argv.size()));
            if (breach.isPresent()) {
                return breach;
            }
        }
        return Optional.empty();
    }
}
