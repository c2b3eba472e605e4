package dev.handrail.contracts.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The error catalogue is the only place an error code is written: no main source of any module
 * spells a code as a string literal (it names the enum constant), every other upper-case literal
 * is a known non-code, and docs/errors.md is the catalogue's table.
 */
class ErrorCatalogueTest {

    private static final Path REPO =
            Path.of(System.getProperty("handrail.repo", "..")).toAbsolutePath().normalize();
    private static final Path DOC = REPO.resolve("docs/errors.md");
    private static final Pattern UPPER_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\"");
    /** Upper-case string literals that are not error codes: environment variables, X11 atoms, CLI labels, headers. */
    private static final Set<String> NOT_CODES = Set.of(
            "PATH",
            "PATHEXT",
            "DISPLAY",
            "DOCKER_HOST",
            "NUL",
            "DENY",
            "FILE",
            "EXPORT",
            "X11",
            "BENCH_RAW",
            "POSTGRES_HOST_AUTH_METHOD",
            "XDG_CONFIG_HOME",
            "HANDRAIL_EVENTS",
            "HANDRAIL_COMMANDS",
            // the NATS permission block enrolled nodes copy, and the executor package's script variables
            "EXECUTOR_LOCAL",
            "MICRONAUT_SERVER_HOST",
            "JVM_OPTIONS",
            "MAIN_CLASS",
            "VERSION",
            // health states, secret-looking variable names, and option letters of the command guards
            "UP",
            "DEGRADED",
            "PASSWORD",
            "TOKEN",
            "SECRET",
            "OWNER_DB",
            "F",
            "IM",
            "TPD");
    /**
     * Files whose upper-case literals are another vocabulary: X11 atom names and Windows API
     * names, and the audit verification report's findings (problems found in an exported chain,
     * reported in a 200 answer, never an error code).
     */
    private static final List<String> OTHER_VOCABULARIES =
            List.of("/desktop/x11/", "/desktop/windows/", "/audit/chain/VerificationReport.java");

    @Test
    void noMainSourceSpellsAnErrorCodeOutsideTheCatalogue() {
        Set<String> codes =
                Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
        List<String> offences = new ArrayList<>();
        for (Path source : mainSources()) {
            String text = read(source);
            Matcher m = UPPER_LITERAL.matcher(text);
            while (m.find()) {
                String literal = m.group(1);
                if (codes.contains(literal)) {
                    offences.add(REPO.relativize(source) + ": \"" + literal + "\" is an error code; use ErrorCode."
                            + literal);
                } else if (!NOT_CODES.contains(literal) && !literal.startsWith("HANDRAIL_")) {
                    offences.add(
                            REPO.relativize(source) + ": \"" + literal + "\" looks like an error code; declare it in "
                                    + "ErrorCode, or list it in NOT_CODES if it is not one");
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void everyCodeSaysItsStatusRetryAndBlame() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.httpStatus()).as(code.code()).isBetween(400, 599);
            assertThat(code.meaning()).as(code.code()).isNotBlank().endsWith(".");
            assertThat(ErrorCode.find(code.code())).contains(code);
        }
        assertThat(ErrorCode.find("NO_SUCH_CODE")).isEmpty();
        assertThat(ErrorCode.blameOf("NO_SUCH_CODE")).isEqualTo(Blame.NODE);
        assertThat(ErrorCode.blameOf(null)).isEqualTo(Blame.NODE);
    }

    @Test
    void onlyNodeAndInfrastructureFailuresTripBreakers() {
        assertThat(ErrorCode.COMMAND_FAILED.blame().tripsBreakers()).isFalse();
        assertThat(ErrorCode.PATH_OUTSIDE_WORKSPACE.blame().tripsBreakers()).isFalse();
        assertThat(ErrorCode.FILE_NOT_FOUND.blame().tripsBreakers()).isFalse();
        assertThat(ErrorCode.INVALID_PARAMS.blame().tripsBreakers()).isFalse();
        assertThat(ErrorCode.ABORTED_BY_KILL_SWITCH.blame().tripsBreakers()).isFalse();
        assertThat(ErrorCode.TIMEOUT.blame().tripsBreakers()).isTrue();
        assertThat(ErrorCode.MAX_DELIVERIES.blame().tripsBreakers()).isTrue();
        assertThat(ErrorCode.UPSTREAM_UNAVAILABLE.blame().tripsBreakers()).isTrue();
    }

    @Test
    void docsListTheCatalogue() throws IOException {
        String expected = ErrorsDoc.render();
        if (Boolean.getBoolean("handrail.writeDocs")) {
            Files.writeString(DOC, expected);
        }
        assertThat(Files.readString(DOC))
                .as("docs/errors.md is generated from ErrorCode; run this test with "
                        + "-Dhandrail.writeDocs=true to rewrite it")
                .isEqualTo(expected);
    }

    private static List<Path> mainSources() {
        try (Stream<Path> files = Files.walk(REPO)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p ->
                            !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .filter(p -> !p.getFileName().toString().equals("ErrorCode.java"))
                    .filter(p -> OTHER_VOCABULARIES.stream()
                            .noneMatch(v -> p.toString().contains(v)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
