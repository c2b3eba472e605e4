package dev.handrail.executor.shell;

import static dev.handrail.contracts.error.ErrorCode.INVALID_COMMAND;

import dev.handrail.executor.capability.RefusedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into an argument vector the way a POSIX shell splits words, and no
 * further: whitespace separates words; single quotes keep everything literally; double quotes
 * keep everything except {@code \"} and {@code \\}; outside quotes a backslash makes the next
 * character literal; quoted and unquoted parts next to each other form one word, and
 * {@code ''} is an empty word. No variables, globs, pipes or redirections: the words go to the
 * program as they are. Stateless.
 */
public final class ArgvParser {

    private ArgvParser() {}

    /** The words of {@code line}; refuses with {@code INVALID_COMMAND} when it cannot be split or is empty. */
    public static List<String> parse(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                inWord = true;
                i = switch (c) {
                    case '\'' -> singleQuoted(line, i + 1, word);
                    case '"' -> doubleQuoted(line, i + 1, word);
                    case '\\' -> escaped(line, i + 1, word);
                    default -> {
                        word.append(c);
                        yield i + 1;
                    }
                };
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new RefusedException(INVALID_COMMAND, "The command is empty");
        }
        return words;
    }

    private static int singleQuoted(String line, int from, StringBuilder word) {
        int end = line.indexOf('\'', from);
        if (end < 0) {
            throw unbalanced('\'', from - 1);
        }
        word.append(line, from, end);
        return end + 1;
    }

    private static int doubleQuoted(String line, int from, StringBuilder word) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw unbalanced('"', from - 1);
    }

    private static int escaped(String line, int from, StringBuilder word) {
        if (from >= line.length()) {
            throw new RefusedException(INVALID_COMMAND, "The command ends with a lone backslash");
        }
        word.append(line.charAt(from));
        return from + 1;
    }

    private static RefusedException unbalanced(char quote, int at) {
        return new RefusedException(INVALID_COMMAND, "Unbalanced " + quote + " quote opened at position " + at);
    }
}
