package dev.handrail.executor.app;

import dev.handrail.contracts.error.ErrorCode;

import dev.handrail.executor.desktop.DesktopException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks a URL for {@code browser.open}: absolute {@code http} or {@code https} with a host, no
 * user name or password in it (a classic way to disguise the real host), no whitespace or control
 * characters, at most 2048 characters. Policy checks the same before deciding; this is the
 * executor's own check. Stateless.
 */
public final class WebAddress {

    public static final int MAX_LENGTH = 2048;

    private WebAddress() {
    }

    /** The URL as a URI, or a refusal with {@code INVALID_URL}. */
    public static URI parse(String url) {
        if (url.length() > MAX_LENGTH) {
            throw invalid(url, "it is longer than " + MAX_LENGTH + " characters");
        }
        if (url.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw invalid(url, "it holds whitespace or control characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(url, e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(url, "only http and https URLs are opened");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid(url, "it names no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(url, "it carries a user name or password");
        }
        return uri;
    }

    private static DesktopException invalid(String url, String why) {
        String shown = url.length() > 100 ? url.substring(0, 100) + "..." : url;
        return new DesktopException(ErrorCode.INVALID_URL, "'" + shown + "' is not opened: " + why);
    }
}
