package dev.handrail.contracts.program;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The argument rules of one program (under each name it goes by) and the option syntax they are
 * read with.
 *
 * @param names  the program's names, lower case, without directory or Windows extension
 * @param syntax which of its options take a value
 * @param rules  what it must not be asked to do
 */
public record ProgramArguments(Set<String> names, OptionSyntax syntax, List<ArgumentRule> rules) {

    public ProgramArguments {
        names = Set.copyOf(names);
        rules = List.copyOf(rules);
    }

    /** The first rule {@code args} (the words after the program) break, if any. */
    public Optional<ArgumentRule> firstBroken(List<String> args) {
        return rules.stream()
                .filter(rule -> rule.matcher().matches(args, syntax))
                .findFirst();
    }
}
