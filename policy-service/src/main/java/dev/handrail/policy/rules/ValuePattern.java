package dev.handrail.policy.rules;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One value a rule matches: a glob ({@code *} any run of characters, {@code ?} one), matched
 * against the whole value, or a regular expression written {@code re:...}, searched in it
 * (anchor it with {@code ^...$} to match the whole). Immutable.
 */
public record ValuePattern(String source, Pattern pattern) {

    private static final String REGEX_PREFIX = "re:";

    /** Compiles {@code source}; throws {@link PatternSyntaxException} for a bad regular expression. */
    public static ValuePattern of(String source) {
        if (source.startsWith(REGEX_PREFIX)) {
            return new ValuePattern(source, Pattern.compile(source.substring(REGEX_PREFIX.length())));
        }
        StringBuilder regex = new StringBuilder("^");
        for (char c : source.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new ValuePattern(source, Pattern.compile(regex.append('$').toString(), Pattern.DOTALL));
    }

    /** Whether {@code value} matches (a null value never does). */
    public boolean matches(String value) {
        return value != null && pattern.matcher(value).find();
    }
}
