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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWriteHandlerTest {

    @TempDir
    Path tmp;

    Path root;
    FileWriteHandler handler;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        handler = new FileWriteHandler(Sandbox.open(List.of(root)), 64);
    }

    @Test
    void writesNewFileAndVerifiesItByReadingBack() throws IOException {
        Outcome outcome = write("note.txt", "ünïcode");
        byte[] bytes = "ünïcode".getBytes(StandardCharsets.UTF_8);
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.output())
                .isEqualTo(Map.of("path", root.resolve("note.txt").toString(), "bytes", bytes.length));
        assertThat(outcome.evidence())
                .containsEntry("sha256", Sha256.hex(bytes))
                .containsEntry("bytes", bytes.length);
        assertThat(Files.readString(root.resolve("note.txt"))).isEqualTo("ünïcode");
    }

    @Test
    void replacesExistingFileKeepingItsPermissionsAndLeavesNoTemporaryFile() throws IOException {
        Path file = Files.writeString(root.resolve("config.txt"), "old content that is longer");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(write("config.txt", "new").success()).isTrue();
        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r-----");
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void createsMissingParentDirectoriesInsideTheWorkspace() throws IOException {
        assertThat(write("out/reports/today.txt", "done").success()).isTrue();
        assertThat(Files.readString(root.resolve("out/reports/today.txt"))).isEqualTo("done");
    }

    @Test
    void writesEmptyContent() throws IOException {
        assertThat(write("empty.txt", "").success()).isTrue();
        assertThat(Files.size(root.resolve("empty.txt"))).isZero();
    }

    @Test
    void refusesSymlinkPlantedAtTheTargetAndLeavesItsTargetAlone() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("planted.txt"), secret);
        assertRefused("planted.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertThat(Files.readString(secret)).isEqualTo("secret");
        assertThat(Files.isSymbolicLink(root.resolve("planted.txt"))).isTrue();
    }

    @Test
    void refusesWritingThroughASymlinkedDirectoryOutside() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        assertRefused("escape/new.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefused("escape/sub/new.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        try (Stream<Path> entries = Files.list(outside)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void refusesTraversalAndNul() {
        assertRefused("../x.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefused("x\0.txt", ErrorCode.INVALID_PATH);
        assertThat(tmp.resolve("x.txt")).doesNotExist();
    }

    @Test
    void refusesDirectoryAsTarget() throws IOException {
        Files.createDirectories(root.resolve("dir"));
        assertRefused("dir", ErrorCode.NOT_A_FILE);
    }

    @Test
    void failsWithoutRetryWhenAParentIsAFile() throws IOException {
        Files.writeString(root.resolve("plain.txt"), "x");
        Outcome outcome = write("plain.txt/inner.txt", "y");
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.NOT_A_FILE);
        assertThat(outcome.retriable()).isFalse();
    }

    @Test
    void refusesContentLargerThanTheLimit() {
        assertRefused("big.txt", "x".repeat(65), ErrorCode.FILE_TOO_LARGE);
        assertThat(root.resolve("big.txt")).doesNotExist();
    }

    private Outcome write(String path, String content) {
        return handler.run(new Invocation("a1", Map.of("path", path, "content", content), Duration.ofSeconds(5)));
    }

    private void assertRefused(String path, ErrorCode code) {
        assertRefused(path, "content", code);
    }

    private void assertRefused(String path, String content, ErrorCode code) {
        assertThatThrownBy(() -> write(path, content))
                .isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(code);
    }
}
