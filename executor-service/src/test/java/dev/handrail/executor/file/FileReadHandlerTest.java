package dev.handrail.executor.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.RefusedException;
import dev.handrail.executor.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadHandlerTest {

    @TempDir
    Path tmp;

    Path root;
    FileReadHandler handler;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        handler = new FileReadHandler(Sandbox.open(List.of(root)), 16);
    }

    @Test
    void returnsContentAsTextWithSizeAndDigestAsEvidence() throws IOException {
        Files.writeString(root.resolve("hello.txt"), "héllo");
        Outcome outcome = read("hello.txt");
        assertThat(outcome.success()).isTrue();
        byte[] bytes = "héllo".getBytes(StandardCharsets.UTF_8);
        assertThat(outcome.output())
                .isEqualTo(Map.of(
                        "path", root.resolve("hello.txt").toString(), "content", "héllo", "bytes", bytes.length));
        assertThat(outcome.evidence()).containsEntry("bytes", bytes.length).containsEntry("sha256", Sha256.hex(bytes));
    }

    @Test
    void reportsMissingFile() {
        Outcome outcome = read("absent.txt");
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
        assertThat(outcome.retriable()).isFalse();
    }

    @Test
    void refusesDirectory() throws IOException {
        Files.createDirectories(root.resolve("dir"));
        assertRefused("dir", ErrorCode.NOT_A_FILE);
    }

    @Test
    void refusesFileLargerThanTheLimit() throws IOException {
        Files.writeString(root.resolve("big.txt"), "x".repeat(17));
        Files.writeString(root.resolve("fits.txt"), "x".repeat(16));
        assertRefused("big.txt", ErrorCode.FILE_TOO_LARGE);
        assertThat(read("fits.txt").success()).isTrue();
    }

    @Test
    void refusesPathOutsideTheWorkspace() throws IOException {
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("link.txt"), outside);
        assertRefused("../secret.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefused("link.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
    }

    @Test
    void refusesMissingPathParameter() {
        assertThatThrownBy(() -> handler.run(new Invocation("a1", Map.of(), Duration.ofSeconds(1))))
                .isInstanceOf(RefusedException.class)
                .hasMessage("Missing required parameter: path");
    }

    private Outcome read(String path) {
        return handler.run(new Invocation("a1", Map.of("path", path), Duration.ofSeconds(5)));
    }

    private void assertRefused(String path, ErrorCode code) {
        assertThatThrownBy(() -> read(path))
                .isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(code);
    }
}
