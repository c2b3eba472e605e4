package dev.handrail.executor.app;

import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.ParamType;
import dev.handrail.contracts.capability.WebUrl;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.desktop.DesktopException;
import java.net.URI;

/**
 * Checks a URL for {@code browser.open} by the rules policy checked it with ({@link WebUrl}) and
 * the catalogue's length bound; this is the executor's own check. Stateless.
 */
public final class WebAddress {

    /** The longest URL opened, in characters: the catalogue's bound on {@code url}. */
    public static final int MAX_LENGTH = CapabilityCatalogue.find(BrowserOpenHandler.INTENT)
            .flatMap(c -> c.param("url"))
            .map(p -> ((ParamType.Text) p.type()).maxLength())
            .orElseThrow();

    private WebAddress() {}

    /** The URL as a URI, or a refusal with {@code INVALID_URL}. */
    public static URI parse(String url) {
        if (url.length() > MAX_LENGTH) {
            throw invalid(url, "it is longer than " + MAX_LENGTH + " characters");
        }
        WebUrl.problem(url).ifPresent(problem -> {
            throw invalid(url, problem);
        });
        return URI.create(url);
    }

    private static DesktopException invalid(String url, String why) {
        String shown = url.length() > 100 ? url.substring(0, 100) + "..." : url;
        return new DesktopException(ErrorCode.INVALID_URL, "'" + shown + "' is not opened: " + why);
    }
}
