package dev.handrail.executor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.RefusedException;
import dev.handrail.executor.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Whatever path a plan names, the sandbox either refuses it with one of its codes or resolves
 * it to a place inside the workspace root, here a root that holds links pointing inside and out.
 */
class SandboxFuzzTest {

    private static final Set<ErrorCode> CODES = Set.of(
            ErrorCode.PATH_OUTSIDE_WORKSPACE, ErrorCode.INVALID_PATH, ErrorCode.PATH_IS_SYMLINK, ErrorCode.NOT_A_FILE);
    private static final Path ROOT;
    private static final Path OUTSIDE;
    private static final Sandbox SANDBOX;

    static {
        try {
            Path base = Files.createTempDirectory("sandbox-fuzz");
            ROOT = Files.createDirectories(base.resolve("ws"));
            OUTSIDE = Files.createDirectories(base.resolve("ws-evil"));
            Files.writeString(OUTSIDE.resolve("secret"), "s");
            Files.createDirectories(ROOT.resolve("a/b"));
            Files.writeString(ROOT.resolve("a/b/file"), "f");
            Files.createSymbolicLink(ROOT.resolve("out"), OUTSIDE);
            Files.createSymbolicLink(ROOT.resolve("a/up"), base);
            Files.createSymbolicLink(ROOT.resolve("in"), ROOT.resolve("a"));
            SANDBOX = Sandbox.open(List.of(ROOT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyPathResolvesInsideTheRootOrIsRefused(FuzzedDataProvider data) throws IOException {
        String raw = data.consumeRemainingAsString();
        for (boolean write : new boolean[] {false, true}) {
            Path resolved;
            try {
                resolved = write ? SANDBOX.resolveForWrite(raw) : SANDBOX.resolve(raw);
            } catch (RefusedException refused) {
                assertThat(refused.code()).isIn(CODES);
                continue;
            }
            Path real = ROOT.toRealPath();
            assertThat(resolved.normalize().startsWith(real))
                    .as("%s resolved to %s", raw, resolved)
                    .isTrue();
            assertThat(resolved.normalize().startsWith(OUTSIDE.toRealPath())).isFalse();
        }
    }
}
