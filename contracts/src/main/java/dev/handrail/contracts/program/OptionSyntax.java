package dev.handrail.contracts.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How one program's options are written, as {@code getopt_long} reads them: which short options
 * ({@code -o FILE}, {@code -oFILE}, the last of a cluster {@code -no FILE}) and which long options
 * ({@code --output FILE}, {@code --output=FILE}) take a value. A long option may be shortened to
 * any prefix ({@code --out}), as GNU programs accept; a prefix of more than one is an error there,
 * so counting it as each is safe. {@code --} ends the options. Immutable.
 *
 * @param valuedShort the short options that take a value, as the letters after the dash
 * @param valuedLong  the long options that take a value, without the dashes
 */
public record OptionSyntax(String valuedShort, Set<String> valuedLong) {

    /** A program whose options take no values. */
    public static final OptionSyntax FLAGS_ONLY = new OptionSyntax("", Set.of());

    public OptionSyntax {
        valuedLong = Set.copyOf(valuedLong);
    }

    /** One option as written: its name with its dashes ({@code -o}, {@code --out}) and its value or null. */
    public record Option(String name, @Nullable String value) {}

    /**
     * The words split into options and operands.
     *
     * @param options  the options, in order
     * @param operands the operands, in order ({@code --} left out)
     */
    public record Parsed(List<Option> options, List<String> operands) {

        /** The words from the first operand on: for a wrapper, the command it runs. */
        public List<String> rest(List<String> words) {
            return operands.isEmpty() ? List.of() : words.subList(words.size() - operands.size(), words.size());
        }
    }

    /** Whether {@code name} (a long option without dashes, maybe shortened) may stand for {@code option}. */
    public static boolean abbreviates(String name, String option) {
        return !name.isEmpty() && option.startsWith(name);
    }

    /**
     * Splits {@code words}.
     *
     * @param stopAtOperand whether the first operand ends the options (POSIX, and every wrapper:
     *                      what follows is the command); otherwise options may follow operands (GNU)
     */
    public Parsed parse(List<String> words, boolean stopAtOperand) {
        List<Option> options = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            String word = words.get(i);
            if (word.equals("--")) {
                operands.addAll(words.subList(i + 1, words.size()));
                break;
            }
            if (word.startsWith("--")) {
                i = longOption(words, i, options);
            } else if (word.startsWith("-") && word.length() > 1) {
                i = shortOptions(words, i, options);
            } else if (stopAtOperand) {
                operands.addAll(words.subList(i, words.size()));
                break;
            } else {
                operands.add(word);
                i++;
            }
        }
        return new Parsed(List.copyOf(options), List.copyOf(operands));
    }

    private int longOption(List<String> words, int at, List<Option> options) {
        String word = words.get(at);
        int equals = word.indexOf('=');
        if (equals > 0) {
            options.add(new Option(word.substring(0, equals), word.substring(equals + 1)));
            return at + 1;
        }
        String name = word.substring(2);
        if (valuedLong.stream().anyMatch(option -> abbreviates(name, option)) && at + 1 < words.size()) {
            options.add(new Option(word, words.get(at + 1)));
            return at + 2;
        }
        options.add(new Option(word, null));
        return at + 1;
    }

    private int shortOptions(List<String> words, int at, List<Option> options) {
        String cluster = words.get(at);
        for (int c = 1; c < cluster.length(); c++) {
            char letter = cluster.charAt(c);
            if (valuedShort.indexOf(letter) >= 0) {
                if (c + 1 < cluster.length()) {
                    options.add(new Option("-" + letter, cluster.substring(c + 1)));
                    return at + 1;
                }
                options.add(new Option("-" + letter, at + 1 < words.size() ? words.get(at + 1) : null));
                return at + 2;
            }
            options.add(new Option("-" + letter, null));
        }
        return at + 1;
    }
}
