package dev.handrail.contracts;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks credentials in text meant for people (health details, log lines, error messages): the
 * password or token of a URL's user information ({@code nats://gateway:pw@host},
 * {@code nats://token@host}) and {@code password=}-style parameters of a JDBC or query string.
 * The one masking rule of the system. Stateless.
 */
public final class Credentials {

    /** What a masked credential reads as. */
    public static final String MASK = "***";

    private static final Pattern USER_AND_PASSWORD =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s:\"',]*):([^/@\\s\"',]*)@");
    private static final Pattern TOKEN_ONLY = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s:\"',]+)@");
    private static final Pattern PARAMETER =
            Pattern.compile("(?i)\\b(password|passwd|pwd|secret|token|sslpassword|sslkey|api_?key)=([^&;\\s\"',]*)");

    private Credentials() {}

    /** {@code text} with every credential it names replaced by {@link #MASK}; null stays null. */
    public static @Nullable String mask(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_AND_PASSWORD.matcher(text).replaceAll("$1$2:" + MASK + "@");
        masked = TOKEN_ONLY
                .matcher(masked)
                .replaceAll(m -> m.group(2).equals(MASK) ? m.group() : m.group(1) + MASK + "@");
        return PARAMETER.matcher(masked).replaceAll("$1=" + MASK);
    }
}
