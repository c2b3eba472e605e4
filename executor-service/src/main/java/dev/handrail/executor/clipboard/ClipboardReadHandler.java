package dev.handrail.executor.clipboard;

import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.desktop.ClipboardPort;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import dev.handrail.executor.file.Sha256;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code clipboard.read}: {@code text}, the clipboard's text (empty when it holds none), with its length and
 * SHA-256 as evidence, so the audit trail can show what was read without storing it twice.
 * Stateless.
 */
@Singleton
public final class ClipboardReadHandler extends DesktopCapability {

    public static final String INTENT = "clipboard.read";

    public ClipboardReadHandler(Desktop desktop) {
        super(desktop, INTENT, List.of(ClipboardPort.class));
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        Optional<String> text = port(ClipboardPort.class).readClipboard(invocation.timeout());
        return Outcome.succeeded(Map.of("text", text.orElse("")), evidence(text));
    }

    static Map<String, Object> evidence(Optional<String> text) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("has_text", text.isPresent());
        evidence.put(
                "characters", text.map(t -> t.codePointCount(0, t.length())).orElse(0));
        evidence.put("sha256", Sha256.hex(text.orElse("").getBytes(StandardCharsets.UTF_8)));
        return evidence;
    }
}
