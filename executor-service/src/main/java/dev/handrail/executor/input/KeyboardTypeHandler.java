package dev.handrail.executor.input;

import dev.handrail.contracts.capability.Arguments;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.Focus;
import dev.handrail.executor.desktop.InputPort;
import dev.handrail.executor.desktop.WindowPort;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code keyboard.type}: types text into the focused window, in small pieces (one character at a
 * time with {@code delay_ms} between them), so that a timeout or the kill switch stops it between
 * characters. Verified by the focus: the window focused before typing must still be focused right
 * after the last key went out, or some keys may have gone elsewhere ({@code VERIFICATION_FAILED}).
 * Never retried: a second try would type the text twice. Stateless.
 */
@Singleton
public final class KeyboardTypeHandler extends DesktopCapability {

    public static final String INTENT = "keyboard.type";
    /** Characters sent in one go when there is no delay between them. */
    private static final int PIECE = 32;

    public KeyboardTypeHandler(Desktop desktop) {
        super(desktop, INTENT, List.of(InputPort.class, WindowPort.class));
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        Arguments args = Params.of(INTENT, invocation);
        String text = args.text("text");
        long delay = args.whole("delay_ms");
        refuseControlCharacters(text);
        WindowPort windows = port(WindowPort.class);
        InputPort input = port(InputPort.class);
        Optional<DesktopWindow> before = windows.activeWindow();
        int typed = 0;
        int piece = delay > 0 ? 1 : PIECE;
        int i = 0;
        while (i < text.length()) {
            int end = i;
            for (int n = 0; n < piece && end < text.length(); n++) {
                end += Character.charCount(text.codePointAt(end));
            }
            input.type(text.substring(i, end));
            typed += text.codePointCount(i, end);
            i = end;
            if (delay > 0 && i < text.length()) {
                Thread.sleep(delay);
            }
        }
        Optional<DesktopWindow> after = windows.activeWindow();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("characters", typed);
        evidence.put("window", Focus.describe(before));
        evidence.put("focused_after", Focus.describe(after));
        if (!Focus.same(before, after)) {
            return Outcome.failed(
                    ErrorCode.VERIFICATION_FAILED,
                    "The focus moved from " + Focus.name(before) + " to " + Focus.name(after)
                            + " while typing; some keys may have reached the wrong window",
                    evidence);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("characters", typed);
        output.put("window", before.map(DesktopWindow::title).orElse(null));
        return Outcome.succeeded(output, evidence);
    }

    private static void refuseControlCharacters(String text) {
        text.codePoints()
                .filter(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\b')
                .findFirst()
                .ifPresent(c -> {
                    throw new DesktopException(
                            ErrorCode.UNTYPABLE_CHARACTER,
                            "The text holds control character U+" + String.format("%04X", c)
                                    + ", which cannot be typed; nothing was typed");
                });
    }
}
