package dev.handrail.executor.app;

import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.desktop.BrowserPort;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code browser.open}: opens an http(s) URL ({@link WebAddress}) in the user's default browser
 * ({@code xdg-open} on Linux, the shell's {@code open} verb on Windows). Stateless.
 */
@Singleton
public final class BrowserOpenHandler extends DesktopCapability {

    public static final String INTENT = "browser.open";
    /** How long the opener is watched for a failure before it counts as handed over to the browser. */
    private static final Duration OPENER_WAIT = Duration.ofSeconds(5);

    public BrowserOpenHandler(Desktop desktop) {
        super(desktop, INTENT, List.of(BrowserPort.class));
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        URI url = WebAddress.parse(Params.of(INTENT, invocation).text("url"));
        Duration wait = OPENER_WAIT.compareTo(invocation.timeout()) < 0 ? OPENER_WAIT : invocation.timeout();
        String opener = port(BrowserPort.class).openUrl(url, wait);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("url", url.toString());
        output.put("opened_with", opener);
        return Outcome.succeeded(output, Map.of("url", url.toString(), "opened_with", opener));
    }
}
