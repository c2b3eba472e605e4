package dev.handrail.executor.screen;

import dev.handrail.contracts.artifact.Artifacts;
import dev.handrail.contracts.capability.Arguments;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.desktop.Capture;
import dev.handrail.executor.desktop.CaptureArea;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import dev.handrail.executor.desktop.ScreenPort;
import dev.handrail.executor.desktop.WindowMatcher;
import dev.handrail.executor.desktop.WindowPort;
import dev.handrail.executor.file.Sha256;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code screen.capture}: reads the whole virtual screen, a region, one monitor or one window (by
 * title, matched as {@code window.focus} matches it), encodes it as PNG and keeps it in the
 * {@link ArtifactStore} as the action's {@value Artifacts#SCREEN_PNG}. The pixels never travel in
 * the result: it carries the picture's size, where it sits on the screen, its scale and its
 * SHA-256, so the audit trail keeps a digest and a size, not the picture. Stateless.
 */
@Singleton
public final class ScreenCaptureHandler extends DesktopCapability {

    public static final String INTENT = "screen.capture";

    private final ArtifactStore artifacts;

    public ScreenCaptureHandler(Desktop desktop, ArtifactStore artifacts) {
        super(desktop, INTENT, List.of(ScreenPort.class, WindowPort.class));
        this.artifacts = artifacts;
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        CaptureArea area = area(Params.of(INTENT, invocation));
        Capture capture = port(ScreenPort.class).capture(area);
        byte[] png = Png.encode(capture.image());
        String sha256 = Sha256.hex(png);
        try {
            artifacts.put(invocation.actionId(), Artifacts.SCREEN_PNG, Artifacts.MEDIA_TYPE_PNG, png);
        } catch (ArtifactNotStoredException e) {
            return Outcome.retriable(
                    ErrorCode.UPSTREAM_UNAVAILABLE, "The capture was taken but could not be stored: " + e.getMessage());
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("artifact", Artifacts.SCREEN_PNG);
        output.put("media_type", Artifacts.MEDIA_TYPE_PNG);
        output.put("width", capture.image().getWidth());
        output.put("height", capture.image().getHeight());
        output.put("x", capture.x());
        output.put("y", capture.y());
        output.put("scale", capture.scale());
        output.put("sha256", sha256);
        output.put("bytes", png.length);
        return Outcome.succeeded(output, new HashMap<>(area.describe()));
    }

    /** The one area the parameters name (the catalogue lets at most one through); none is the whole screen. */
    private CaptureArea area(Arguments args) throws InterruptedException {
        Optional<Map<String, Object>> region = args.fields("region");
        if (region.isPresent()) {
            Map<String, Object> r = region.get();
            return new CaptureArea.Region(whole(r, "x"), whole(r, "y"), whole(r, "width"), whole(r, "height"));
        }
        Optional<String> window = args.optionalText("window");
        if (window.isPresent()) {
            return new CaptureArea.OfWindow(
                    WindowMatcher.byTitle(port(WindowPort.class).windows(), window.get()));
        }
        return args.optionalWhole("monitor")
                .<CaptureArea>map(index -> new CaptureArea.Monitor(index.intValue()))
                .orElseGet(CaptureArea.WholeScreen::new);
    }

    private static int whole(Map<String, Object> fields, String name) {
        return ((Number) fields.get(name)).intValue();
    }
}
