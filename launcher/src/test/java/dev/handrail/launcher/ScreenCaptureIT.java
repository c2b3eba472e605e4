package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import dev.handrail.devkit.Ports;
import dev.handrail.executor.desktop.x11.TargetWindow;
import dev.handrail.executor.desktop.x11.XServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code screen.capture} end to end under Xvfb: planned by an agent, held for approval, approved
 * by an operator, run by the executor, and the picture fetched through the gateway's artifacts
 * route by those who may see the action (and nobody else), while the audit trail keeps its digest
 * and size, not its pixels.
 */
class ScreenCaptureIT {

    private static final Duration PATIENCE = TargetWindow.PATIENCE;
    private static final String TITLE = "Handrail capture IT";
    private static final int COLOUR = 0xD2691E;

    private static XServer server;
    private static TargetWindow window;
    private static LocalSystem system;
    private static Api admin;
    private static Api operator;
    private static Api agent;
    private static Api otherAgent;

    @BeforeAll
    static void startSystem() throws IOException {
        Assumptions.assumeTrue(XServer.xvfb().isPresent(), "Xvfb is not installed: no screen to capture");
        Awaitility.ignoreExceptionsByDefault();
        server = XServer.start(true);
        window = TargetWindow.start(server, TITLE, 80, 90);
        window.send("COLOUR " + Integer.toHexString(COLOUR));
        await().atMost(PATIENCE).until(() -> window.last("COLOURED").isPresent());
        Path home = Files.createTempDirectory("handrail-screen-capture-it");
        Path workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        system = LocalSystem.start(
                new Settings(Ports.free(), home, workspace, repo, null, null, false),
                Map.of("DISPLAY", server.display(), "HANDRAIL_DESKTOP", "x11"));
        admin = Api.admin(system);
        operator = admin.as("olga-capture", "operator");
        agent = admin.as("agent-capture", "agent");
        otherAgent = admin.as("agent-elsewhere", "agent");
        agent.awaitNodeImplements("screen.capture");
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
    void aWindowCaptureIsApprovedAndItsPictureShowsWhatTheWindowDrew() throws Exception {
        JsonNode captured = approved(Map.of("window", TITLE));
        JsonNode output = captured.get("execution").get("output");
        String id = captured.get("action_id").asText();

        HttpResponse<byte[]> png = agent.bytes("/v1/actions/" + id + "/artifacts/screen.png");

        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(output.get("sha256").asText()).isEqualTo(sha256(png.body()));
        assertThat(output.get("bytes").asLong()).isEqualTo(png.body().length);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(output.get("width").asInt());
        assertThat(image.getHeight()).isEqualTo(output.get("height").asInt());
        int[] area = window.area();
        int px = area[0] - output.get("x").asInt() + 12;
        int py = area[1] - output.get("y").asInt() + 12;
        assertThat(image.getRGB(px, py) & 0xFFFFFF)
                .as("the panel's colour at a known point")
                .isEqualTo(COLOUR);
        assertThat(operator.bytes("/v1/actions/" + id + "/artifacts/screen.png").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRegionCaptureHasTheRequestedSize() throws Exception {
        int[] area = window.area();
        JsonNode captured =
                approved(Map.of("region", Map.of("x", area[0] + 3, "y", area[1] + 3, "width", 48, "height", 36)));

        HttpResponse<byte[]> png =
                agent.bytes("/v1/actions/" + captured.get("action_id").asText() + "/artifacts/screen.png");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(48);
        assertThat(image.getHeight()).isEqualTo(36);
        assertThat(image.getRGB(24, 18) & 0xFFFFFF).isEqualTo(COLOUR);
    }

    @Test
    void whoMayNotSeeTheActionGetsNotFoundAsIfItDidNotExist() {
        String id = approved(Map.of("monitor", 0)).get("action_id").asText();

        HttpResponse<byte[]> stranger = otherAgent.bytes("/v1/actions/" + id + "/artifacts/screen.png");
        HttpResponse<byte[]> unknown = otherAgent.bytes(
                "/v1/actions/" + dev.handrail.contracts.action.ActionIds.next() + "/artifacts/screen.png");
        HttpResponse<byte[]> otherName = agent.bytes("/v1/actions/" + id + "/artifacts/window.png");

        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(code(stranger)).isEqualTo("NOT_FOUND");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(code(unknown)).isEqualTo("NOT_FOUND");
        assertThat(otherName.statusCode()).isEqualTo(404);
        assertThat(code(otherName)).isEqualTo("ARTIFACT_NOT_FOUND");
    }

    @Test
    void theAuditTrailKeepsTheDigestAndSizeButNoPixels() {
        JsonNode captured = approved(Map.of());
        String id = captured.get("action_id").asText();
        String sha256 = captured.get("execution").get("output").get("sha256").asText();

        String trail = await().atMost(PATIENCE)
                .until(
                        () -> admin.get("/v1/audit-trails/" + id).body().toString(),
                        body -> body.contains("\"succeeded\"") && body.contains(sha256));

        assertThat(trail)
                .contains("\"bytes\"")
                .contains("\"width\"")
                .doesNotContain("iVBORw0KGgo")
                .hasSizeLessThan(64 * 1024);
    }

    /** Plans the capture as the agent, approves it as the operator, and answers the outcome, which must be success. */
    private static JsonNode approved(Map<String, Object> params) {
        JsonNode planned = agent.plan(Map.of("intent", "screen.capture", "params", params, "session_id", "s-capture"))
                .body();
        assertThat(planned.get("state").asText()).as(planned.toString()).isEqualTo("pending_approval");
        JsonNode done = operator.post("/v1/actions/" + planned.get("action_id").asText() + "/approve", "")
                .body();
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
        return done;
    }

    private static String code(HttpResponse<byte[]> response) {
        return Json.read(response.body(), JsonNode.class)
                .get("error")
                .get("code")
                .asText();
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
