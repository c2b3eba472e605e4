package dev.handrail.executor.clipboard;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.desktop.ClipboardPort;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import dev.handrail.executor.file.Sha256;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code clipboard.write}: puts text on the clipboard and verifies it by reading the clipboard
 * back ({@code VERIFICATION_FAILED} when it differs, e.g. another application took it at once).
 * The evidence holds digests, not the text. Stateless.
 */
@Singleton
public final class ClipboardWriteHandler extends DesktopCapability {

    public static final String INTENT = "clipboard.write";
    private static final Duration READ_BACK = Duration.ofSeconds(2);

    public ClipboardWriteHandler(Desktop desktop) {
        super(desktop, INTENT, List.of(ClipboardPort.class));
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        String text = Params.of(INTENT, invocation).text("text");
        ClipboardPort clipboard = port(ClipboardPort.class);
        clipboard.writeClipboard(text);
        Optional<String> back = clipboard.readClipboard(
                READ_BACK.compareTo(invocation.timeout()) < 0 ? READ_BACK : invocation.timeout());
        String expected = Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("characters", text.codePointCount(0, text.length()));
        evidence.put("sha256", expected);
        evidence.put(
                "read_back_sha256",
                back.map(t -> Sha256.hex(t.getBytes(StandardCharsets.UTF_8))).orElse(null));
        if (back.isEmpty() || !back.get().equals(text)) {
            return Outcome.failed(
                    ErrorCode.VERIFICATION_FAILED,
                    "The clipboard was written but reads back " + (back.isEmpty() ? "empty" : "as different text")
                            + "; another application may have taken it",
                    evidence);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("characters", text.codePointCount(0, text.length()));
        return Outcome.succeeded(output, evidence);
    }
}
