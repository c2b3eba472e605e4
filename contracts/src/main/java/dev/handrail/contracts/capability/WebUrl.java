package dev.handrail.contracts.capability;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code browser.open} may open ({@link Guard#URL_SCHEME}): an absolute {@code http} or
 * {@code https} URL with a host, no user name or password in it (a classic way to disguise the
 * real host), no whitespace or control characters. Policy checks it before deciding and the
 * executor again before opening. Stateless.
 */
public final class WebUrl {

    /** URL schemes that may be opened. */
    public static final Set<String> SCHEMES = Set.of("http", "https");

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

    private WebUrl() {}

    /** Why {@code url} may not be opened, if it may not. */
    public static Optional<String> problem(String url) {
        Matcher scheme = SCHEME.matcher(url);
        if (!scheme.find()) {
            return Optional.of("url must use http or https, not no scheme");
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(name)) {
            return Optional.of("url must use http or https, not " + name + ":");
        }
        if (url.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of("url holds whitespace or control characters");
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return Optional.of("url must name a host");
            }
            if (uri.getRawUserInfo() != null) {
                return Optional.of("url carries a user name or password");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("url is not a valid URL: " + e.getReason());
        }
    }
}
