package dev.handrail.policy.blocked;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one command line into simple commands (lists of words) by one dialect's quoting,
 * escaping and separator rules, and collects the text of command substitutions found on the
 * way. An unterminated quote runs to the end of the line. Not thread-safe; one per line.
 */
final class Tokenizer {

    private final String line;
    private final ShellDialect dialect;
    private final List<List<String>> commands = new ArrayList<>();
    private final List<String> substitutions = new ArrayList<>();
    private List<String> words = new ArrayList<>();
    private StringBuilder word;

    Tokenizer(String line, ShellDialect dialect) {
        this.line = line == null ? "" : line;
        this.dialect = dialect;
        run();
    }

    List<List<String>> commands() {
        return commands;
    }

    List<String> substitutions() {
        return substitutions;
    }

    private void run() {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c) && c != '\n' && c != '\r') {
                endWord();
                i++;
            } else if (isSeparator(c)) {
                endWord();
                endCommand();
                i++;
            } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(' && dialect != ShellDialect.CMD) {
                int close = matching(i + 1);
                substitutions.add(line.substring(i + 2, Math.max(i + 2, close)));
                append(line.substring(i, Math.min(line.length(), close + 1)));
                i = close + 1;
            } else if (c == '`' && dialect == ShellDialect.SH) {
                int close = line.indexOf('`', i + 1);
                int end = close < 0 ? line.length() : close;
                substitutions.add(line.substring(i + 1, end));
                append(line.substring(i, Math.min(line.length(), end + 1)));
                i = end + 1;
            } else if (c == '\'' && dialect != ShellDialect.CMD) {
                int close = line.indexOf('\'', i + 1);
                int end = close < 0 ? line.length() : close;
                append(line.substring(i + 1, end));
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(i + 1);
            } else if (isEscape(c) && i + 1 < line.length()) {
                append(String.valueOf(line.charAt(i + 1)));
                i += 2;
            } else {
                append(String.valueOf(c));
                i++;
            }
        }
        endWord();
        endCommand();
    }

    private int doubleQuoted(int from) {
        int i = from;
        StringBuilder text = new StringBuilder();
        while (i < line.length() && line.charAt(i) != '"') {
            char c = line.charAt(i);
            if (c == '\\'
                            && dialect == ShellDialect.SH
                            && i + 1 < line.length()
                            && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0
                    || c == '`' && dialect == ShellDialect.POWERSHELL && i + 1 < line.length()) {
                text.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(' && dialect != ShellDialect.CMD) {
                int close = matching(i + 1);
                substitutions.add(line.substring(i + 2, Math.max(i + 2, Math.min(close, line.length()))));
                text.append(line, i, Math.min(line.length(), close + 1));
                i = close + 1;
            } else if (c == '`' && dialect == ShellDialect.SH) {
                int close = line.indexOf('`', i + 1);
                int end = close < 0 ? line.length() : close;
                substitutions.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                text.append(c);
                i++;
            }
        }
        append(text.toString());
        return i + 1;
    }

    /** Index of the parenthesis closing the one at {@code open}, or the end of the line. */
    private int matching(int open) {
        int depth = 0;
        for (int i = open; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return line.length();
    }

    private boolean isSeparator(char c) {
        return switch (c) {
            case ';' -> dialect != ShellDialect.CMD;
            case '&', '|', '\n', '\r', '(', ')' -> true;
            case '{', '}' -> dialect != ShellDialect.CMD;
            default -> false;
        };
    }

    private boolean isEscape(char c) {
        return switch (dialect) {
            case SH -> c == '\\';
            case CMD -> c == '^';
            case POWERSHELL -> c == '`';
        };
    }

    private void append(String text) {
        if (word == null) {
            word = new StringBuilder();
        }
        word.append(text);
    }

    private void endWord() {
        if (word != null) {
            words.add(word.toString());
            word = null;
        }
    }

    private void endCommand() {
        if (!words.isEmpty()) {
            commands.add(words);
            words = new ArrayList<>();
        }
    }
}
