package dev.handrail.executor.screen;

import dev.handrail.contracts.artifact.Artifacts;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.capability.RefusedException;
import dev.handrail.executor.desktop.Capture;
import dev.handrail.executor.desktop.CaptureArea;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import dev.handrail.executor.desktop.DesktopFeature;
import dev.handrail.executor.desktop.WindowMatcher;
import dev.handrail.executor.file.Sha256;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code screen.capture}: reads the whole virtual screen, a region, one monitor or one window (by
 * title, matched as {@code window.focus} matches it), encodes it as PNG and keeps it in the
 * {@link ArtifactStore} as the action's {@value Artifacts#SCREEN_PNG}. The pixels never travel in
 * the result: it carries the picture's size, where it sits on the screen, its scale and its
 * SHA-256, so the audit trail keeps a digest and a size, not the picture. Stateless.
 */
public final class ScreenCaptureHandler extends DesktopCapability {

    public static final String INTENT = "screen.capture";
    private static final List<String> AREAS = List.of("region", "window", "monitor");

    private final ArtifactStore artifacts;

    public ScreenCaptureHandler(Desktop desktop, ArtifactStore artifacts) {
        super(desktop, INTENT, DesktopFeature.SCREEN);
        this.artifacts = artifacts;
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        CaptureArea area = area(invocation.params());
        Capture capture = desktop.capture(area);
        byte[] png = Png.encode(capture.image());
        String sha256 = Sha256.hex(png);
        try {
            artifacts.put(invocation.actionId(), Artifacts.SCREEN_PNG, Artifacts.MEDIA_TYPE_PNG, png);
        } catch (ArtifactNotStoredException e) {
            return Outcome.retriable(ErrorCode.UPSTREAM_UNAVAILABLE, "The capture was taken but could not be stored: "
                    + e.getMessage());
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

    /** The one area the parameters name (none: the whole screen); two or more are refused. */
    private CaptureArea area(Map<String, Object> params) throws InterruptedException {
        List<String> given = AREAS.stream().filter(name -> params.get(name) != null).toList();
        if (given.size() > 1) {
            throw new RefusedException(ErrorCode.INVALID_PARAMS, "Give at most one of region, window and monitor, not "
                    + String.join(" and ", given) + ": keep " + given.get(0) + " to capture that, or none for the whole screen");
        }
        if (given.isEmpty()) {
            return new CaptureArea.WholeScreen();
        }
        return switch (given.get(0)) {
            case "region" -> region(params.get("region"));
            case "window" -> new CaptureArea.OfWindow(WindowMatcher.byTitle(desktop.windows(), Params.string(params, "window")));
            default -> new CaptureArea.Monitor((int) Params.integer(params, "monitor", 0, Integer.MAX_VALUE));
        };
    }

    private static CaptureArea.Region region(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new RefusedException(ErrorCode.INVALID_PARAMS,
                    "Parameter 'region' must be an object {x, y, width, height}");
        }
        Map<String, Object> named = new HashMap<>();
        for (String side : List.of("x", "y", "width", "height")) {
            named.put("region." + side, map.get(side));
        }
        return new CaptureArea.Region(
                (int) Params.integer(named, "region.x", Integer.MIN_VALUE, Integer.MAX_VALUE),
                (int) Params.integer(named, "region.y", Integer.MIN_VALUE, Integer.MAX_VALUE),
                (int) Params.integer(named, "region.width", 1, ScreenBounds.MAX_REGION_SIDE),
                (int) Params.integer(named, "region.height", 1, ScreenBounds.MAX_REGION_SIDE));
    }
}
