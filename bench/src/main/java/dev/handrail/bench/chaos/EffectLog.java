package dev.handrail.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The observable effect of the non-idempotent actions of the load: a script, {@code shell.run}
 * as an allowed program, that appends the token it is given as one line to {@code effects.log}
 * beside it and then sleeps as long as it is told. An action run twice leaves its token twice, so
 * "executed twice" is counted from the outside, on the file, whatever the events say.
 */
final class EffectLog {

    static final String SCRIPT = "chaos-effect";
    private static final String BODY = """
            #!/bin/sh
            # One line per run: the token the harness planned the action with; a second run adds a second line.
            echo "$1" >> "$(dirname "$0")/effects.log"
            sleep "${2:-0}"
            """;

    private final Path script;
    private final Path log;

    private EffectLog(Path script) {
        this.script = script;
        this.log = script.resolveSibling("effects.log");
    }

    /** Writes the script into a new temporary directory (outside any home or workspace). */
    static EffectLog create() {
        try {
            Path dir = Files.createTempDirectory("handrail-chaos-effect");
            Path script = dir.resolve(SCRIPT);
            Files.writeString(script, BODY);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new EffectLog(script.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the effect script", e);
        }
    }

    /** The script's absolute path, to allow it on the executor and name it in the plans. */
    Path script() {
        return script;
    }

    /** The {@code shell.run} command line that leaves {@code token} once, then sleeps {@code seconds}. */
    String command(String token, int seconds) {
        return script + " " + token + " " + seconds;
    }

    /** How many times each token was written so far. */
    Map<String, Long> runs() {
        if (!Files.exists(log)) {
            return Map.of();
        }
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.stream()
                    .filter(l -> !l.isBlank())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }
}
