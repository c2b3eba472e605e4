package dev.handrail.contracts.program;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What in a program's arguments an {@link ArgumentRule} looks for. Each kind is data: the
 * options or words it names, read with the program's {@link OptionSyntax}.
 */
public sealed interface ArgumentMatcher {

    /** Whether {@code args} (the words after the program) hold what this looks for. */
    boolean matches(List<String> args, OptionSyntax syntax);

    /**
     * One of these options, anywhere (or, with {@code global}, only before the first operand, as
     * {@code git -c} before its subcommand). Short ones as {@code -o}, long ones as {@code --output},
     * which also matches any shortening the program accepts ({@code --out}).
     */
    record Option(Set<String> names, boolean global) implements ArgumentMatcher {

        public Option(String... names) {
            this(Set.of(names), false);
        }

        @Override
        public boolean matches(List<String> args, OptionSyntax syntax) {
            return syntax.parse(args, global).options().stream()
                    .anyMatch(o -> names.stream().anyMatch(n -> is(o.name(), n)));
        }

        static boolean is(String written, String name) {
            if (written.startsWith("--") && name.startsWith("--")) {
                return OptionSyntax.abbreviates(written.substring(2), name.substring(2));
            }
            return written.equals(name);
        }
    }

    /** One of these options with a value that matches {@code value} ({@code --checkpoint-action=exec=...}). */
    record OptionValue(Set<String> names, Pattern value) implements ArgumentMatcher {

        @Override
        public boolean matches(List<String> args, OptionSyntax syntax) {
            return syntax.parse(args, false).options().stream()
                    .anyMatch(o -> o.value() != null
                            && names.stream().anyMatch(n -> Option.is(o.name(), n))
                            && value.matcher(o.value()).matches());
        }
    }

    /** A word that matches {@code pattern} as a whole ({@code find -exec}; Windows {@code /o}, ignoring case). */
    record Word(Pattern pattern) implements ArgumentMatcher {

        /** A word matching {@code regex} as a whole, ignoring case. */
        public Word(String regex) {
            this(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        }

        @Override
        public boolean matches(List<String> args, OptionSyntax syntax) {
            return args.stream().anyMatch(word -> pattern.matcher(word).matches());
        }
    }

    /** At least {@code count} operands that match {@code pattern} ({@code uniq IN OUT}, {@code hostname NAME}). */
    record Operands(int count, Pattern pattern) implements ArgumentMatcher {

        public Operands(int count) {
            this(count, Pattern.compile(".*", Pattern.DOTALL));
        }

        @Override
        public boolean matches(List<String> args, OptionSyntax syntax) {
            return syntax.parse(args, false).operands().stream()
                            .filter(o -> pattern.matcher(o).matches())
                            .count()
                    >= count;
        }
    }

    /** A first operand (after global options) that is one of these subcommands ({@code git config}). */
    record Subcommand(Set<String> names) implements ArgumentMatcher {

        @Override
        public boolean matches(List<String> args, OptionSyntax syntax) {
            List<String> operands = syntax.parse(args, true).operands();
            return !operands.isEmpty() && names.contains(operands.getFirst().toLowerCase(Locale.ROOT));
        }
    }

    /** Any use at all ({@code xargs}: what it runs is its argument). */
    record Always() implements ArgumentMatcher {

        @Override
        public boolean matches(List<String> args, OptionSyntax syntax) {
            return true;
        }
    }

    /**
     * A script in the program's own language that does what the rule is about: sed's {@code e},
     * {@code w}, {@code W} commands and {@code s///e}, {@code s///w} flags; awk's {@code system()},
     * pipes and {@code print >} redirections. The script is the value of one of {@code scriptOptions}
     * or else the first operand. {@code sandbox} (an option that makes the program refuse all of
     * these itself) turns the check off.
     */
    record Script(Language language, Set<String> scriptOptions, String sandbox) implements ArgumentMatcher {

        /** The languages whose scripts are read. */
        public enum Language {
            SED,
            AWK
        }

        @Override
        public boolean matches(List<String> args, OptionSyntax syntax) {
            OptionSyntax.Parsed parsed = syntax.parse(args, false);
            if (parsed.options().stream().anyMatch(o -> Option.is(o.name(), sandbox))) {
                return false;
            }
            List<String> scripts = parsed.options().stream()
                    .filter(o -> o.value() != null && scriptOptions.stream().anyMatch(n -> Option.is(o.name(), n)))
                    .map(OptionSyntax.Option::value)
                    .toList();
            if (scripts.isEmpty() && !parsed.operands().isEmpty()) {
                scripts = List.of(parsed.operands().getFirst());
            }
            return scripts.stream()
                    .anyMatch(script -> language == Language.SED ? Scripts.sedActs(script) : Scripts.awkActs(script));
        }
    }
}
