package dev.handrail.executor.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.artifact.Artifacts;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ContentHash;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.contracts.message.MessageTypes;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.executor.desktop.x11.TargetWindow;
import dev.handrail.executor.desktop.x11.XServer;
import dev.handrail.executor.desktop.x11.XvfbExtension;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An executor on a desktop (Xvfb with openbox): its heartbeat advertises every capability and
 * the virtual screen, desktop commands over NATS come back with their evidence, and a screen
 * capture lands in the artifacts object store.
 */
@ExtendWith(XvfbExtension.class)
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorDesktopServiceTest implements TestPropertyProvider {

    static final String NODE = "desk-it";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Bus bus;

    @Inject
    Connection connection;

    Dispatcher tap;
    TargetWindow window;
    final List<Envelope> feed = new CopyOnWriteArrayList<>();
    final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        try {
            Path workspace = Files.createTempDirectory("handrail-desk-ws").toRealPath();
            Path opener = workspace.resolve("open-url");
            Files.writeString(opener, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(opener, PosixFilePermissions.fromString("rwx------"));
            Map<String, String> properties =
                    new HashMap<>(Infrastructure.shared().serviceProperties(null));
            properties.put("handrail.executor.node-id", NODE);
            properties.put("handrail.executor.workspace-roots", workspace.toString());
            properties.put("handrail.service.heartbeat-interval", "200ms");
            properties.put("handrail.executor.desktop.backend", "x11");
            properties.put(
                    "handrail.executor.desktop.display", XvfbExtension.current().display());
            properties.put("handrail.executor.desktop.url-opener", opener.toString());
            return properties;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void start(XServer server) {
        tap = connection.createDispatcher();
        tap.subscribe(Subjects.ACTION_EVENTS_ALL, message -> feed.add(Envelope.parse(message.getData())));
        tap.subscribe(Subjects.HEARTBEAT_ALL, message -> heartbeats.add(Json.read(message.getData(), Heartbeat.class)));
        window = TargetWindow.start(server, "Desk over NATS", 200, 300);
    }

    @AfterAll
    void stop() {
        window.close();
        connection.closeDispatcher(tap);
    }

    @Test
    void advertisesEveryCapabilityAndTheVirtualScreen() {
        Heartbeat beat = await().atMost(PATIENCE)
                .until(
                        () -> heartbeats.stream()
                                .filter(h -> NODE.equals(h.id()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(beat.node().capabilities())
                .containsExactlyElementsOf(CapabilityCatalogue.all().stream()
                        .map(Capability::intent)
                        .toList());
        assertThat(beat.node().screen()).isEqualTo(new ScreenBounds(0, 0, XServer.WIDTH, XServer.HEIGHT));
        assertThat(beat.node().display()).isEqualTo(XvfbExtension.current().display());
    }

    @Test
    void listsTheDesktopsWindowsOverNats() {
        ExecuteCommand list = send("window.list", Map.of());
        ActionSucceeded listed = awaitSucceeded(list);
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> output =
                (Map<String, List<Map<String, Object>>>) listed.execution().output();
        assertThat(output).containsOnlyKeys("windows");
        List<Map<String, Object>> windows = output.get("windows");
        assertThat(windows).anySatisfy(w -> {
            assertThat(w).containsEntry("title", "Desk over NATS");
            assertThat(((Number) w.get("pid")).longValue()).isEqualTo(window.pid());
        });
    }

    @Test
    void focusesAWindowOverNatsWithTheForegroundWindowAsEvidence() {
        ActionSucceeded focused = awaitSucceeded(send("window.focus", Map.of("title", "Desk over NATS")));
        @SuppressWarnings("unchecked")
        Map<String, Object> foreground =
                (Map<String, Object>) focused.execution().evidence().get("foreground");
        assertThat(foreground).containsEntry("title", "Desk over NATS");
    }

    @Test
    void capturesARegionIntoTheObjectStoreAndTheResultCarriesOnlyItsSizeAndDigest() throws Exception {
        window.send("COLOUR 8844cc");
        await().atMost(PATIENCE).until(() -> window.last("COLOURED").isPresent());
        int[] area = window.area();
        Map<String, Object> region = Map.of("x", area[0] + 4, "y", area[1] + 4, "width", 64, "height", 48);

        ExecuteCommand capture = send("screen.capture", Map.of("region", region));
        ActionSucceeded captured = awaitSucceeded(capture);

        @SuppressWarnings("unchecked")
        Map<String, Object> output = (Map<String, Object>) captured.execution().output();
        assertThat(output)
                .containsOnlyKeys("artifact", "media_type", "width", "height", "x", "y", "scale", "sha256", "bytes")
                .containsEntry("artifact", "screen.png")
                .containsEntry("media_type", "image/png")
                .containsEntry("width", 64)
                .containsEntry("height", 48)
                .containsEntry("x", area[0] + 4);
        ObjectStore store = connection.objectStore(Artifacts.BUCKET);
        String key = Artifacts.key(capture.actionId(), Artifacts.SCREEN_PNG);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ObjectInfo info = store.get(key, png);
        assertThat(info.getHeaders().getFirst("Content-Type")).isEqualTo("image/png");
        assertThat(((Number) output.get("bytes")).longValue()).isEqualTo(png.size());
        assertThat(output.get("sha256"))
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(png.toByteArray())));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        assertThat(image.getRGB(30, 20) & 0xFFFFFF).isEqualTo(0x8844CC);
    }

    @Test
    void refusesACaptureOfTwoAreasAtOnceNamingBoth() {
        ActionFailed failed = awaitFailed(send("screen.capture", Map.of("window", "Desk over NATS", "monitor", 0)));

        assertThat(failed.execution().errorCode()).isEqualTo("INVALID_PARAMS");
        assertThat(failed.execution().errorMessage())
                .isEqualTo("Give at most one of region, window, monitor, not window and monitor");
    }

    private ActionFailed awaitFailed(ExecuteCommand command) {
        return await().atMost(PATIENCE)
                .until(
                        () -> feed.stream()
                                .filter(e -> command.actionId().equals(e.subject()))
                                .filter(e -> MessageTypes.classOf(e.type()) == ActionFailed.class)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow()
                .message(ActionFailed.class);
    }

    private ExecuteCommand send(String intent, Map<String, Object> params) {
        ExecuteCommand command = new ExecuteCommand(
                ActionIds.next(),
                intent,
                params,
                NODE,
                10_000,
                0,
                ContentHash.of(intent, params, NODE),
                "s-desk",
                "it");
        bus.publish(Subjects.exec(NODE), Envelope.of("/handrail/test/desk", command, "it", "s-desk"))
                .join();
        return command;
    }

    private ActionSucceeded awaitSucceeded(ExecuteCommand command) {
        return await().atMost(PATIENCE)
                .until(
                        () -> feed.stream()
                                .filter(e -> command.actionId().equals(e.subject()))
                                .filter(e -> MessageTypes.classOf(e.type()) == ActionSucceeded.class)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow()
                .message(ActionSucceeded.class);
    }
}
