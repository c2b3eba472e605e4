package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.devkit.Ports;
import dev.handrail.executor.desktop.x11.TargetWindow;
import dev.handrail.executor.desktop.x11.XServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Keyboard, mouse and applications through the gateway, against a real window under Xvfb (with
 * openbox): each action is planned by an agent, approved by an operator, run by the executor on
 * the X display, and the window itself reports what it received.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopInputIT {

    private static final Duration PATIENCE = TargetWindow.PATIENCE;
    private static final String TITLE = "Handrail input target";
    private static final String LAUNCHED = "Launched through the gateway";

    private static XServer server;
    private static TargetWindow window;
    private static LocalSystem system;
    private static Api operator;
    private static Api agent;

    @BeforeAll
    static void startSystem() throws IOException {
        Assumptions.assumeTrue(XServer.xvfb().isPresent(), "Xvfb is not installed: no desktop to drive");
        Awaitility.ignoreExceptionsByDefault();
        server = XServer.start(true);
        window = TargetWindow.start(server, TITLE, 60, 60);
        Path home = Files.createTempDirectory("handrail-desktop-input-it");
        Path workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        system = LocalSystem.start(
                new Settings(Ports.free(), home, workspace, repo, null, null, false),
                Map.of(
                        "DISPLAY",
                        server.display(),
                        "HANDRAIL_DESKTOP",
                        "x11",
                        // The test window is a Java program: the node allows the JVM as an application.
                        "HANDRAIL_EXECUTOR_APPS_ALLOWED_EXECUTABLES",
                        TargetWindow.javaCommand().get(0),
                        "HANDRAIL_EXECUTOR_APPS_ALLOW_INTERPRETERS",
                        "true"));
        Api admin = Api.admin(system);
        operator = admin.as("olga-desktop", "operator");
        agent = admin.as("agent-desktop-input", "agent");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(
                                run("window.list", Map.of()).get("state").asText())
                        .isEqualTo("succeeded"));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
        if (window != null) {
            window.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void listsTheWindowAndFocusesIt() {
        JsonNode listed = run("window.list", Map.of());
        assertThat(titles(listed.get("execution").get("output"))).contains(TITLE);

        JsonNode focused = run("window.focus", Map.of("title", TITLE));

        assertThat(focused.get("state").asText()).as(focused.toString()).isEqualTo("succeeded");
        assertThat(focused.get("execution").get("output").get("title").asText()).isEqualTo(TITLE);
        await().atMost(PATIENCE).until(() -> window.last("FOCUS").orElse("").equals("gained"));
    }

    @Test
    @Order(2)
    void typesTextTheWindowReceives() {
        run("window.focus", Map.of("title", TITLE));

        JsonNode typed = approved("keyboard.type", Map.of("text", "typed through the gateway: ä", "delay_ms", 5));

        assertThat(typed.get("state").asText()).as(typed.toString()).isEqualTo("succeeded");
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(window.last("TEXT").orElse("")).endsWith("typed through the gateway: ä"));
    }

    @Test
    @Order(3)
    void pressesAHotkeyTheWindowReceives() {
        run("window.focus", Map.of("title", TITLE));

        JsonNode pressed = approved("keyboard.hotkey", Map.of("keys", "ctrl+shift+k"));

        assertThat(pressed.get("state").asText()).as(pressed.toString()).isEqualTo("succeeded");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(window.all("HOTKEY"))
                        .anySatisfy(line -> assertThat(line)
                                .contains("Ctrl")
                                .contains("Shift")
                                .endsWith("+K")));
    }

    @Test
    @Order(4)
    void clicksWhereItIsToldAndTheWindowSeesIt() {
        int[] area = window.area();
        int x = area[0] + 25;
        int y = area[1] + 30;

        JsonNode clicked = approved("mouse.click", Map.of("x", x, "y", y));

        assertThat(clicked.get("state").asText()).as(clicked.toString()).isEqualTo("succeeded");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(window.all("CLICK")).contains(x + " " + y + " 1 1"));
    }

    @Test
    @Order(5)
    void launchesAnApplicationAndClosesIt() {
        List<String> args = new ArrayList<>(
                TargetWindow.javaCommand().subList(1, TargetWindow.javaCommand().size()));
        args.addAll(TargetWindow.arguments(LAUNCHED, 300, 200, false));

        JsonNode launched = approved(
                "app.launch", Map.of("target", TargetWindow.javaCommand().get(0), "args", args));

        assertThat(launched.get("state").asText()).as(launched.toString()).isEqualTo("succeeded");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(titles(
                                run("window.list", Map.of()).get("execution").get("output")))
                        .contains(LAUNCHED));

        JsonNode closed = approved("app.close", Map.of("target", LAUNCHED));

        assertThat(closed.get("state").asText()).as(closed.toString()).isEqualTo("succeeded");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(titles(
                                run("window.list", Map.of()).get("execution").get("output")))
                        .doesNotContain(LAUNCHED)
                        .contains(TITLE));
    }

    /** Plans a capability that runs without approval and answers the outcome. */
    private static JsonNode run(String intent, Map<String, Object> params) {
        return agent.plan(Map.of("intent", intent, "params", params, "session_id", "s-input"))
                .body();
    }

    /** Plans as the agent, approves as the operator, and answers the outcome. */
    private static JsonNode approved(String intent, Map<String, Object> params) {
        JsonNode planned = run(intent, params);
        assertThat(planned.get("state").asText()).as(planned.toString()).isEqualTo("pending_approval");
        return operator.post("/v1/actions/" + planned.get("action_id").asText() + "/approve", "")
                .body();
    }

    private static List<String> titles(JsonNode output) {
        JsonNode windows = output.get("windows");
        return StreamSupport.stream(windows.spliterator(), false)
                .map(w -> w.path("title").asText())
                .toList();
    }
}
