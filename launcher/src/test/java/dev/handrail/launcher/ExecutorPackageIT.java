package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.devkit.ExecutorNodes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./handrail package executor} on the built executor: the zip holds the executor's jars,
 * start scripts that name a main class one of those jars holds, and the settings file, a template
 * or filled from a node's credentials. (The scripts themselves run only on Windows.)
 */
class ExecutorPackageIT {

    private final TestHome home = TestHome.create("handrail-package-it");
    private final Settings settings = home.settings();

    @Test
    void theZipHoldsTheJarsTheStartScriptsAndASettingsTemplate() throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();

        int status = new PackageCommand(settings, new PrintStream(said, true, StandardCharsets.UTF_8))
                .run(List.of("executor"));

        assertThat(status).as(said.toString(StandardCharsets.UTF_8)).isZero();
        Path zip = onlyZip();
        assertThat(said.toString(StandardCharsets.UTF_8)).contains(zip.toString());
        String root = zip.getFileName().toString().replace(".zip", "/");
        assertThat(root).matches("handrail-executor-[0-9][^/]*/");
        Map<String, byte[]> entries = entries(zip);
        assertThat(entries)
                .containsKeys(
                        root + "handrail-executor.cmd",
                        root + "handrail-executor.ps1",
                        root + "handrail-executor.env",
                        root + "README.txt");
        List<String> jars = entries.keySet().stream()
                .filter(name -> name.startsWith(root + "lib/"))
                .toList();
        assertThat(jars).allMatch(name -> name.endsWith(".jar"));
        assertThat(jars)
                .anyMatch(name -> name.matches(".*/lib/executor-service-[^/]*\\.jar"))
                .anyMatch(name -> name.matches(".*/lib/contracts-[^/]*\\.jar"))
                .anyMatch(name -> name.matches(".*/lib/jnats-[^/]*\\.jar"))
                .hasSize(Files.readString(settings.repo().resolve("executor-service/target/runtime-classpath.txt"))
                                .trim()
                                .split(java.io.File.pathSeparator)
                                .length
                        + 1);

        String mainClass = ServiceModules.mainClass("executor-service");
        String cmd = new String(entries.get(root + "handrail-executor.cmd"), StandardCharsets.UTF_8);
        String ps1 = new String(entries.get(root + "handrail-executor.ps1"), StandardCharsets.UTF_8);
        assertThat(cmd)
                .contains("-cp \"%HERE%lib\\*\" " + mainClass)
                .contains("handrail-executor.env")
                .contains("\r\n");
        assertThat(ps1)
                .contains("'" + mainClass + "'")
                .contains("handrail-executor.env")
                .contains("-lt 21");
        assertThat(jarsHolding(entries, jars, mainClass.replace('.', '/') + ".class"))
                .singleElement()
                .asString()
                .contains("executor-service");

        Map<String, String> template = settings(entries.get(root + "handrail-executor.env"));
        assertThat(template)
                .containsEntry("HANDRAIL_NODE_ID", "")
                .containsEntry("HANDRAIL_NATS_URL", "")
                .containsEntry("HANDRAIL_DESKTOP", "auto")
                .containsEntry("MICRONAUT_SERVER_HOST", "127.0.0.1");
    }

    @Test
    void withCredentialsTheSettingsNameTheNodeAndTheZipIsOwnerOnly() throws Exception {
        ExecutorNodes.Node node = ExecutorNodes.in(settings.home()).add("desk", "nats://nats.example:4222");
        Map<String, String> credentials = ExecutorNodes.readCredentials(node.credentialsFile());

        int status = new PackageCommand(
                        settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(List.of("executor", "--credentials", node.credentialsFile().toString()));

        assertThat(status).isZero();
        Path zip = onlyZip();
        assertThat(Files.getPosixFilePermissions(zip)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String root = zip.getFileName().toString().replace(".zip", "/");
        assertThat(settings(entries(zip).get(root + "handrail-executor.env")))
                .containsEntry("HANDRAIL_NODE_ID", "desk")
                .containsEntry("HANDRAIL_NATS_URL", credentials.get("HANDRAIL_NATS_URL"))
                .containsEntry("HANDRAIL_DESKTOP", "auto");
    }

    @Test
    void aWrongUsageOrAMissingCredentialsFileIsRefused() {
        PackageCommand command = new PackageCommand(
                settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(command.run(List.of("gateway"))).isEqualTo(2);
        assertThat(command.run(List.of("executor", "--credentials"))).isEqualTo(2);
        assertThat(command.run(List.of(
                        "executor",
                        "--credentials",
                        home.home().resolve("none.env").toString())))
                .isEqualTo(1);
    }

    private Path onlyZip() throws IOException {
        try (var files = Files.list(settings.home().resolve("dist"))) {
            List<Path> zips = files.toList();
            assertThat(zips).hasSize(1);
            return zips.getFirst();
        }
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                entries.put(entry.getName(), file.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    /** The jars among {@code jars} that hold {@code classFile}. */
    private static List<String> jarsHolding(Map<String, byte[]> entries, List<String> jars, String classFile)
            throws IOException {
        List<String> holding = new ArrayList<>();
        for (String jar : jars) {
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(entries.get(jar)))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (entry.getName().equals(classFile)) {
                        holding.add(jar);
                    }
                }
            }
        }
        return holding;
    }

    /** The variables of a settings file, as the start scripts read it. */
    private static Map<String, String> settings(byte[] file) {
        Map<String, String> values = new LinkedHashMap<>();
        new String(file, StandardCharsets.UTF_8).lines().forEach(line -> {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        });
        return values;
    }
}
