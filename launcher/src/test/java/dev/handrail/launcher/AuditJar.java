package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command of the audit jar (its offline verifier, its archiver) as its own process, as an operator would. */
final class AuditJar {

    private AuditJar() {}

    /** What a command printed (standard output and error together) and its exit status. */
    record Run(int exit, String output) {}

    static Run run(LocalSystem system, String main, String... args) throws IOException, InterruptedException {
        Path target = system.settings().repo().resolve("audit-service").resolve("target");
        String classpath = target.resolve("classes")
                + File.pathSeparator
                + Files.readString(target.resolve("runtime-classpath.txt")).trim();
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", classpath, main));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }
}
