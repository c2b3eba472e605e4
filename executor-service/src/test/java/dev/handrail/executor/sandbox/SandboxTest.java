package dev.handrail.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.RefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {

    @TempDir
    Path tmp;

    Path root;
    Path outside;
    Sandbox sandbox;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("notes.txt"), "notes");
        sandbox = Sandbox.open(List.of(root));
    }

    @Test
    void resolvesRelativePathAgainstTheFirstRoot() {
        assertThat(sandbox.resolve("notes.txt")).isEqualTo(root.resolve("notes.txt"));
        assertThat(sandbox.resolve("./sub/../notes.txt")).isEqualTo(root.resolve("notes.txt"));
    }

    @Test
    void acceptsAbsolutePathInsideARoot() {
        assertThat(sandbox.resolve(root.resolve("notes.txt").toString())).isEqualTo(root.resolve("notes.txt"));
    }

    @Test
    void acceptsAbsolutePathInsideTheSecondRoot() throws IOException {
        Path second = Files.createDirectories(tmp.resolve("second")).toRealPath();
        Sandbox two = Sandbox.open(List.of(root, second));
        assertThat(two.resolve(second.resolve("a.txt").toString())).isEqualTo(second.resolve("a.txt"));
        assertThat(two.resolve("a.txt")).isEqualTo(root.resolve("a.txt"));
    }

    @Test
    void refusesDotDotTraversal() {
        assertRefused("../outside/secret.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefused("sub/../../outside/secret.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefused("..", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefusedForWrite("../outside/new.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
    }

    @Test
    void refusesAbsolutePathOutsideEveryRoot() {
        assertRefused(outside.resolve("secret.txt").toString(), ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefused("/etc/passwd", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefusedForWrite("/etc/passwd", ErrorCode.PATH_OUTSIDE_WORKSPACE);
    }

    @Test
    void refusesSiblingWhoseNameStartsWithTheRootsName() throws IOException {
        Path evil = Files.createDirectories(tmp.resolve("ws-evil"));
        Files.writeString(evil.resolve("x"), "evil");
        assertRefused(evil.resolve("x").toString(), ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefused("../ws-evil/x", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefusedForWrite(evil.resolve("y").toString(), ErrorCode.PATH_OUTSIDE_WORKSPACE);
    }

    @Test
    void refusesSymlinkThatLeadsOutside() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("secret-link.txt"), outside.resolve("secret.txt"));
        assertRefused("escape/secret.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefused("secret-link.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefusedForWrite("escape/new.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefusedForWrite("escape/deeper/new.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
    }

    @Test
    void refusesNestedSymlinksThatEndOutside() throws IOException {
        Files.createDirectories(root.resolve("a"));
        Files.createSymbolicLink(root.resolve("a/hop2"), outside);
        Files.createSymbolicLink(root.resolve("hop1"), root.resolve("a/hop2"));
        Files.createSymbolicLink(root.resolve("relative-hop"), Path.of("a/hop2"));
        assertRefused("hop1/secret.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefused("relative-hop/secret.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefusedForWrite("hop1/new.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
    }

    @Test
    void followsSymlinkThatStaysInside() throws IOException {
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
        assertThat(sandbox.resolve("alias/file.txt")).isEqualTo(root.resolve("real/file.txt"));
        assertThat(sandbox.resolveForWrite("alias/file.txt")).isEqualTo(root.resolve("real/file.txt"));
    }

    @Test
    void refusesSymlinkPlantedAsTheWriteTarget() throws IOException {
        Files.createSymbolicLink(root.resolve("planted.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("inner-link.txt"), root.resolve("notes.txt"));
        Files.createSymbolicLink(root.resolve("dangling.txt"), outside.resolve("not-there.txt"));
        assertRefusedForWrite("planted.txt", ErrorCode.PATH_OUTSIDE_WORKSPACE);
        assertRefusedForWrite("inner-link.txt", ErrorCode.PATH_IS_SYMLINK);
        assertRefusedForWrite("dangling.txt", ErrorCode.PATH_IS_SYMLINK);
    }

    @Test
    void refusesDanglingSymlinkOnTheWay() throws IOException {
        Files.createSymbolicLink(root.resolve("gone"), outside.resolve("missing-dir"));
        assertRefused("gone/file.txt", ErrorCode.INVALID_PATH);
        assertRefusedForWrite("gone/file.txt", ErrorCode.INVALID_PATH);
    }

    @Test
    void refusesNulByte() {
        assertRefused("notes.txt\0.png", ErrorCode.INVALID_PATH);
        assertRefusedForWrite("a\0b", ErrorCode.INVALID_PATH);
    }

    @Test
    void refusesEmptyPath() {
        assertRefused("", ErrorCode.INVALID_PATH);
        assertRefused("   ", ErrorCode.INVALID_PATH);
    }

    @Test
    void refusesWritingToTheRootItself() {
        assertRefusedForWrite(".", ErrorCode.NOT_A_FILE);
        assertRefusedForWrite(root.toString(), ErrorCode.NOT_A_FILE);
    }

    @Test
    void givesMissingFileUnderItsRealParent() throws IOException {
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
        assertThat(sandbox.resolve("alias/missing/deeper.txt")).isEqualTo(root.resolve("real/missing/deeper.txt"));
    }

    @Test
    void acceptsPathsSpelledThroughASymlinkedRoot() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("ws-link"), root);
        Sandbox linked = Sandbox.open(List.of(link));
        assertThat(linked.roots()).containsExactly(root);
        assertThat(linked.resolve(link.resolve("notes.txt").toString())).isEqualTo(root.resolve("notes.txt"));
        assertThat(linked.resolve(root.resolve("notes.txt").toString())).isEqualTo(root.resolve("notes.txt"));
    }

    @Test
    void createsTheFirstRootAndRequiresTheOthers() {
        Path fresh = tmp.resolve("fresh/workspace");
        Sandbox created = Sandbox.open(List.of(fresh));
        assertThat(fresh).isDirectory();
        assertThat(created.workingDirectory()).isEqualTo(fresh);
        assertThatThrownBy(() -> Sandbox.open(List.of(root, tmp.resolve("absent"))))
                .isInstanceOf(WorkspaceUnavailableException.class)
                .hasMessageContaining("absent");
    }

    @Test
    void createsParentsOnlyInside() throws IOException {
        Path target = sandbox.resolveForWrite("out/deep/report.txt");
        sandbox.createParents(target);
        assertThat(root.resolve("out/deep")).isDirectory();
    }

    @Test
    void containmentComparesWholeNames() {
        assertThat(Sandbox.inside(Path.of("/srv/ws"), List.of(Path.of("/srv/ws"))))
                .isTrue();
        assertThat(Sandbox.inside(Path.of("/srv/ws/x"), List.of(Path.of("/srv/ws"))))
                .isTrue();
        assertThat(Sandbox.inside(Path.of("/srv/ws-evil/x"), List.of(Path.of("/srv/ws"))))
                .isFalse();
        assertThat(Sandbox.inside(Path.of("/srv/wsx"), List.of(Path.of("/srv/ws"))))
                .isFalse();
        assertThat(Sandbox.inside(Path.of("/srv"), List.of(Path.of("/srv/ws")))).isFalse();
        assertThat(Sandbox.inside(Path.of("/anything"), List.of(Path.of("/")))).isTrue();
    }

    private void assertRefused(String raw, ErrorCode code) {
        refusal(assertThatThrownBy(() -> sandbox.resolve(raw)), code);
    }

    private void assertRefusedForWrite(String raw, ErrorCode code) {
        refusal(assertThatThrownBy(() -> sandbox.resolveForWrite(raw)), code);
    }

    private static void refusal(AbstractThrowableAssert<?, ? extends Throwable> thrown, ErrorCode code) {
        thrown.isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(code);
    }
}
