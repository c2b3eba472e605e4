package dev.handrail.contracts.capability;

import static dev.handrail.contracts.capability.OutputField.of;
import static dev.handrail.contracts.capability.Param.optional;
import static dev.handrail.contracts.capability.Param.required;
import static dev.handrail.contracts.capability.RiskLevel.HIGH;
import static dev.handrail.contracts.capability.RiskLevel.LOW;
import static dev.handrail.contracts.capability.RiskLevel.MEDIUM;
import static dev.handrail.contracts.capability.RiskLevel.SAFE;
import static dev.handrail.contracts.capability.Tag.DESKTOP;
import static dev.handrail.contracts.capability.Tag.FILESYSTEM;
import static dev.handrail.contracts.capability.Tag.INPUT;
import static dev.handrail.contracts.capability.Tag.NETWORK;
import static dev.handrail.contracts.capability.Tag.PROCESS;
import static dev.handrail.contracts.capability.Tag.READS;
import static dev.handrail.contracts.capability.Tag.WRITES;

import dev.handrail.contracts.capability.ParamType.Choice;
import dev.handrail.contracts.capability.ParamType.Fields;
import dev.handrail.contracts.capability.ParamType.Flag;
import dev.handrail.contracts.capability.ParamType.Text;
import dev.handrail.contracts.capability.ParamType.TextOrTexts;
import dev.handrail.contracts.capability.ParamType.Whole;
import dev.handrail.contracts.message.ScreenBounds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every capability Handrail knows, each declared once as typed data (docs/capabilities.md is
 * generated from it; docs/adding-a-capability.md says how to add one). Immutable.
 */
public final class CapabilityCatalogue {

    /** The longest path a plan may name, in characters. */
    public static final int PATH_LENGTH = 4_096;
    /** The most keys one hotkey presses together. */
    public static final int HOTKEY_KEYS = 6;
    /** The most clicks one {@code mouse.click} makes. */
    public static final int MAX_CLICKS = 3;
    /** The longest pause between typed characters, in milliseconds. */
    public static final int MAX_TYPING_DELAY_MS = 1_000;

    private static final long SECOND = 1_000;
    private static final long MIN_TIMEOUT_MS = 100;
    private static final List<Definition> DEFINED = new ArrayList<>();
    private static final Map<String, Capability> BY_INTENT = new LinkedHashMap<>();

    static {
        Param path = required(
                "path", new Text(PATH_LENGTH), "The file, relative to the node's workspace or absolute inside it");
        OutputField window = of("window", "string", "Title of the window that had the focus, null when none had");

        define("file.read", SAFE, "Reads a UTF-8 text file from the node's workspace.")
                .tags(FILESYSTEM, READS)
                .param(path)
                .idempotent()
                .maxSeconds(30)
                .output(
                        of("path", "string", "The file's real path"),
                        of("content", "string", "The file's text").asSensitive(),
                        of("bytes", "integer", "The file's size in bytes"));
        define("file.write", MEDIUM, "Writes a UTF-8 text file in the node's workspace, replacing what it held.")
                .approval()
                .tags(FILESYSTEM, WRITES)
                .maxSeconds(30)
                .param(path)
                .param(required("content", new Text(1_048_576, true), "The text to write; empty for an empty file")
                        .asSensitive())
                .output(of("path", "string", "The file's real path"), of("bytes", "integer", "Bytes written"));
        define(
                        "shell.run",
                        MEDIUM,
                        "Runs one allowed program with arguments (no shell) in the workspace and waits for it.")
                .approval()
                .tags(PROCESS, WRITES, NETWORK)
                .maxSeconds(300)
                .param(required(
                        "command",
                        new Text(8_192),
                        "The program and its arguments, quoted as a shell would; "
                                + "no pipes, redirections or variables"))
                .param(optional(
                        "cwd",
                        new Text(PATH_LENGTH),
                        "Directory to run in, relative to the workspace or absolute inside it; "
                                + "the workspace's first root when left out"))
                .output(
                        of("exit_code", "integer", "The program's exit status"),
                        of("stdout", "string", "What it wrote to standard output"),
                        of("stderr", "string", "What it wrote to standard error"),
                        of("truncated", "boolean", "Whether the output was cut at the node's limit"));
        define("browser.open", LOW, "Opens an http or https URL in the user's browser.")
                .approval()
                .tags(DESKTOP, PROCESS, NETWORK, WRITES)
                .maxSeconds(30)
                .guard(Guard.URL_SCHEME)
                .param(required("url", new Text(2_048), "Absolute http or https URL with a host"))
                .output(
                        of("url", "string", "The URL opened"),
                        of("opened_with", "string", "The program that opened it"));
        define("app.launch", MEDIUM, "Starts an allowed application in the user's desktop session.")
                .approval()
                .tags(DESKTOP, PROCESS, WRITES)
                .maxSeconds(60)
                .param(required(
                        "target", new Text(PATH_LENGTH), "The program: a name on the node's allowlist or its path"))
                .param(optional("args", new TextOrTexts(256), "Arguments: a list, or one text quoted as a shell would"))
                .param(optional("working_dir", new Text(PATH_LENGTH), "Directory to start in, inside the workspace"))
                .output(
                        of("pid", "integer", "The started process's id"),
                        of("executable", "string", "The real path of the program started"));
        define("app.close", HIGH, "Closes an application's windows, or ends it by force.")
                .approval()
                .tags(DESKTOP, PROCESS, WRITES)
                .maxSeconds(30)
                .param(required("target", new Text(PATH_LENGTH), "The process id, or the program's name"))
                .param(optional("force", new Flag(), "End the process at once instead of asking its windows to close")
                        .withDefault(false))
                .output(
                        of("pid", "integer", "The process closed"),
                        of("closed_windows", "integer", "How many windows were asked to close"),
                        of("forced", "boolean", "Whether it had to be ended by force"));
        define("window.focus", SAFE, "Brings the window whose title matches to the front and gives it the focus.")
                .tags(DESKTOP, WRITES)
                .idempotent()
                .maxSeconds(10)
                .param(required("title", new Text(1_024), "The window's title, or a part of it (case-insensitive)"))
                .output(
                        of("id", "string", "The window's id"), of("title", "string", "Its full title"),
                        of("pid", "integer", "Its process id"), of("executable", "string", "Its program"),
                        of("x", "integer", "Left edge"), of("y", "integer", "Top edge"),
                        of("width", "integer", "Width in pixels"), of("height", "integer", "Height in pixels"));
        define("window.list", SAFE, "Lists the desktop's top-level windows.")
                .tags(DESKTOP, READS)
                .idempotent()
                .maxSeconds(10)
                .output(of(
                        "windows",
                        "array",
                        "Each window as window.focus describes it, plus focused (true for the one "
                                + "with the focus)"));
        define("keyboard.type", HIGH, "Types text into whatever window has the focus.")
                .approval()
                .tags(DESKTOP, INPUT, WRITES)
                .maxSeconds(60)
                .guard(Guard.TEXT_LENGTH)
                .param(required("text", new Text(10_000), "The text to type").asSensitive())
                .param(optional("delay_ms", new Whole(0, MAX_TYPING_DELAY_MS), "Pause between characters")
                        .withDefault(0))
                .output(of("characters", "integer", "Characters typed"), window);
        define("keyboard.hotkey", HIGH, "Presses keys together, such as ctrl+s, in the focused window.")
                .approval()
                .tags(DESKTOP, INPUT, WRITES)
                .maxSeconds(10)
                .param(required("keys", new TextOrTexts(HOTKEY_KEYS), "Keys as a list, or as one text joined by +"))
                .output(of("keys", "string", "The keys pressed, as pressed"), window);
        define("mouse.click", HIGH, "Clicks a mouse button at a point of the virtual screen.")
                .approval()
                .tags(DESKTOP, INPUT, WRITES)
                .maxSeconds(10)
                .guard(Guard.SCREEN_BOUNDS)
                .param(required(
                        "x", new Whole(Integer.MIN_VALUE, Integer.MAX_VALUE), "Horizontal position in screen pixels"))
                .param(required(
                        "y", new Whole(Integer.MIN_VALUE, Integer.MAX_VALUE), "Vertical position in screen pixels"))
                .param(optional("button", new Choice(List.of("left", "right", "middle")), "The button")
                        .withDefault("left"))
                .param(optional("clicks", new Whole(1, MAX_CLICKS), "1 for a click, 2 for a double click")
                        .withDefault(1))
                .output(
                        of("x", "integer", "Where it clicked"),
                        of("y", "integer", "Where it clicked"),
                        of("window", "string", "Title of the window under the point, null when none"));
        define("clipboard.read", SAFE, "Reads the text on the clipboard.")
                .tags(DESKTOP, READS)
                .idempotent()
                .maxSeconds(10)
                .output(of("text", "string", "The clipboard's text, empty when it holds none")
                        .asSensitive());
        define("clipboard.write", LOW, "Puts text on the clipboard.")
                .tags(DESKTOP, WRITES)
                .idempotent()
                .maxSeconds(10)
                .guard(Guard.TEXT_LENGTH)
                .param(required("text", new Text(1_000_000), "The text").asSensitive())
                .output(of("characters", "integer", "Characters put on the clipboard"));
        define(
                        "screen.capture",
                        MEDIUM,
                        "Captures the whole virtual screen, one region, one monitor or one window as a "
                                + "PNG kept with the action (GET /v1/actions/{id}/artifacts/screen.png), so an agent can look before it clicks.")
                .approval()
                .tags(DESKTOP, READS)
                .idempotent()
                .maxSeconds(30)
                .param(optional(
                        "region",
                        new Fields(List.of(
                                required(
                                        "x",
                                        new Whole(Integer.MIN_VALUE, Integer.MAX_VALUE),
                                        "Left edge in screen pixels"),
                                required(
                                        "y",
                                        new Whole(Integer.MIN_VALUE, Integer.MAX_VALUE),
                                        "Top edge in screen pixels"),
                                required("width", new Whole(1, ScreenBounds.MAX_REGION_SIDE), "Width in screen pixels"),
                                required(
                                        "height",
                                        new Whole(1, ScreenBounds.MAX_REGION_SIDE),
                                        "Height in screen pixels"))),
                        "A rectangle of the virtual screen"))
                .param(optional("window", new Text(1_024), "A window's title, or a part of it (case-insensitive)"))
                .param(optional("monitor", new Whole(0, 63), "A monitor by index, 0 for the primary one"))
                .atMostOne("region", "window", "monitor")
                .output(
                        of("artifact", "string", "The picture's name, for GET /v1/actions/{id}/artifacts/{name}"),
                        of("media_type", "string", "image/png"),
                        of("width", "integer", "The picture's width in pixels"),
                        of("height", "integer", "The picture's height in pixels"),
                        of("x", "integer", "Screen position of the picture's left edge"),
                        of("y", "integer", "Screen position of the picture's top edge"),
                        of("scale", "number", "Picture pixels per screen pixel (1 unless the display is scaled)"),
                        of("sha256", "string", "SHA-256 of the PNG"),
                        of("bytes", "integer", "The PNG's size in bytes"));

        DEFINED.forEach(definition -> BY_INTENT.put(definition.intent, definition.build()));
    }

    private CapabilityCatalogue() {}

    /** The capability for an intent, if Handrail knows it. */
    public static Optional<Capability> find(@Nullable String intent) {
        return intent == null ? Optional.empty() : Optional.ofNullable(BY_INTENT.get(intent));
    }

    /** All capabilities in catalogue order. */
    public static List<Capability> all() {
        return List.copyOf(BY_INTENT.values());
    }

    private static Definition define(String intent, RiskLevel risk, String description) {
        Definition definition = new Definition(intent, risk, description);
        DEFINED.add(definition);
        return definition;
    }

    /** A capability being declared; it becomes a {@link Capability} once every declaration is read. */
    private static final class Definition {
        private final String intent;
        private final RiskLevel risk;
        private final String description;
        private boolean approval;
        private Set<Tag> tags = Set.of();
        private final List<Param> params = new ArrayList<>();
        private final List<OutputField> output = new ArrayList<>();
        private final List<Guard> guards = new ArrayList<>();
        private final List<List<String>> exclusive = new ArrayList<>();
        private long maxMs = 10 * SECOND;
        private boolean idempotent;

        Definition(String intent, RiskLevel risk, String description) {
            this.intent = intent;
            this.risk = risk;
            this.description = description;
        }

        Definition approval() {
            approval = true;
            return this;
        }

        Definition tags(Tag... values) {
            tags = Set.of(values);
            return this;
        }

        Definition param(Param param) {
            params.add(param);
            return this;
        }

        Definition output(OutputField... fields) {
            output.addAll(List.of(fields));
            return this;
        }

        Definition guard(Guard guard) {
            guards.add(guard);
            return this;
        }

        Definition atMostOne(String... names) {
            exclusive.add(List.of(names));
            return this;
        }

        Definition maxSeconds(long seconds) {
            maxMs = seconds * SECOND;
            return this;
        }

        Definition idempotent() {
            idempotent = true;
            return this;
        }

        Capability build() {
            return new Capability(
                    intent,
                    description,
                    risk,
                    approval,
                    tags,
                    params,
                    output,
                    guards,
                    exclusive,
                    MIN_TIMEOUT_MS,
                    Math.min(10 * SECOND, maxMs),
                    maxMs,
                    idempotent);
        }
    }
}
