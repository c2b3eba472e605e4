package dev.handrail.executor.desktop.windows;

import java.util.List;

/**
 * Joins arguments into the one parameter string {@code ShellExecuteEx} takes, quoted so that
 * {@code CommandLineToArgvW} (what programs use to split it) gives back the same arguments.
 * Stateless.
 */
final class WindowsCommandLine {

    private WindowsCommandLine() {}

    static String join(List<String> args) {
        StringBuilder line = new StringBuilder();
        for (String arg : args) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            quote(arg, line);
        }
        return line.toString();
    }

    private static void quote(String arg, StringBuilder line) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            line.append(arg);
            return;
        }
        line.append('"');
        int backslashes = 0;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                line.append("\\".repeat(backslashes * 2 + 1));
            } else {
                line.append("\\".repeat(backslashes));
            }
            backslashes = 0;
            line.append(c);
        }
        line.append("\\".repeat(backslashes * 2));
        line.append('"');
    }
}
