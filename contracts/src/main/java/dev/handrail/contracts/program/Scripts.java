package dev.handrail.contracts.program;

import java.util.regex.Pattern;

/**
 * Reads sed and awk scripts far enough to see whether they run commands or write files. Errs on
 * the side of "it does": a script it cannot follow counts as acting. Pure.
 */
final class Scripts {

    private static final String SED_SIMPLE_COMMANDS = "=dDgGhHlnNpPqQxzFL";
    private static final Pattern AWK_SYSTEM = Pattern.compile("\\bsystem\\s*\\(|@load\\b|@include\\b");
    private static final Pattern AWK_PIPE = Pattern.compile("(?<!\\|)\\|(?!\\|)");
    private static final Pattern AWK_PRINT_REDIRECT = Pattern.compile("\\bprintf?\\b[^;{}\\n]*>");
    /** A regular expression literal where an operand may start (so not a division). */
    private static final Pattern AWK_REGEX = Pattern.compile("(^|[~(,{;!&|\\n]\\s*)/(?:\\\\.|[^/\\\\\\n])*/");

    private static final Pattern AWK_STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

    private Scripts() {}

    /** Whether a sed script has an {@code e}, {@code w} or {@code W} command or an {@code e} or {@code w} flag of {@code s}. */
    static boolean sedActs(String script) {
        SedReader reader = new SedReader(script);
        try {
            return reader.acts();
        } catch (IndexOutOfBoundsException unterminated) {
            return true;
        }
    }

    /** Whether an awk program calls {@code system()}, pipes to or from a command, redirects output or loads code. */
    static boolean awkActs(String program) {
        String code = AWK_STRING.matcher(program).replaceAll("\"\"");
        code = AWK_REGEX.matcher(code).replaceAll("$1//");
        return AWK_SYSTEM.matcher(code).find()
                || AWK_PIPE.matcher(code).find()
                || AWK_PRINT_REDIRECT.matcher(code).find();
    }

    /** Walks a sed script command by command. One per script; not thread-safe. */
    private static final class SedReader {

        private final String s;
        private int i;

        SedReader(String script) {
            this.s = script;
        }

        boolean acts() {
            while (true) {
                skip(" \t\n;");
                if (i >= s.length()) {
                    return false;
                }
                address();
                skip(" \t");
                if (s.charAt(i) == ',') {
                    i++;
                    skip(" \t");
                    address();
                }
                skip(" \t!");
                char command = s.charAt(i++);
                switch (command) {
                    case 'e', 'w', 'W' -> {
                        return true;
                    }
                    case 's' -> {
                        if (substitutionActs()) {
                            return true;
                        }
                    }
                    case 'y' -> {
                        char delimiter = s.charAt(i++);
                        delimited(delimiter);
                        delimited(delimiter);
                    }
                    case 'a', 'i', 'c', 'r', 'R' -> restOfLine(true);
                    case '#' -> restOfLine(false);
                    case ':', 'b', 't', 'T', 'v' -> label();
                    case '{', '}' -> {}
                    default -> {
                        if (SED_SIMPLE_COMMANDS.indexOf(command) < 0) {
                            return true;
                        }
                        skip("0123456789 \t");
                    }
                }
            }
        }

        private void address() {
            if (i >= s.length()) {
                return;
            }
            char c = s.charAt(i);
            if (c == '/' || c == '\\') {
                char delimiter = c == '\\' ? s.charAt(++i) : c;
                i++;
                delimited(delimiter);
                skip("IM");
            } else {
                skip("0123456789$~+");
            }
        }

        private boolean substitutionActs() {
            char delimiter = s.charAt(i++);
            delimited(delimiter);
            delimited(delimiter);
            while (i < s.length() && ";\n}".indexOf(s.charAt(i)) < 0) {
                char flag = s.charAt(i++);
                if (flag == 'e' || flag == 'w') {
                    return true;
                }
                if ("gpiImM0123456789 \t".indexOf(flag) < 0) {
                    return true;
                }
            }
            return false;
        }

        /** Moves past the text up to an unescaped {@code delimiter}. */
        private void delimited(char delimiter) {
            while (s.charAt(i) != delimiter) {
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            i++;
        }

        private void restOfLine(boolean continued) {
            while (i < s.length() && s.charAt(i) != '\n') {
                i += continued && s.charAt(i) == '\\' ? 2 : 1;
            }
        }

        private void label() {
            while (i < s.length() && ";\n".indexOf(s.charAt(i)) < 0) {
                i++;
            }
        }

        private void skip(String characters) {
            while (i < s.length() && characters.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }
    }
}
