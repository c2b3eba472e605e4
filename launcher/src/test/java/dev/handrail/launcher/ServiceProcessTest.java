package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    Path target;

    @Test
    void theLogTailAServiceFailureReportsMasksTheNatsPassword() throws Exception {
        Path log = Files.writeString(
                target.resolve("policy-service.log"),
                "java.io.IOException: Unable to connect to NATS servers: [nats://policy:pw71ce155e@127.0.0.1:41811]\n");

        assertThat(ServiceProcess.tail(log)).doesNotContain("pw71ce155e").contains("nats://policy:***@127.0.0.1:41811");
    }

    @Test
    void runsThePackagedJarOnlyWhenItHoldsWhatWasLastCompiled() throws Exception {
        Path classes = Files.createDirectories(target.resolve("classes/dev/handrail"));
        Path compiled = Files.writeString(classes.resolve("A.class"), "a");
        Path jar = Files.writeString(target.resolve("policy-service-0.1.0-SNAPSHOT.jar"), "jar");
        Files.writeString(target.resolve("policy-service-0.1.0-SNAPSHOT-sources.jar"), "sources");
        Files.writeString(target.resolve("policy-service-0.1.0-SNAPSHOT-tests.jar"), "test classes");
        Instant now = Instant.now();
        Files.setLastModifiedTime(compiled, FileTime.from(now.minusSeconds(60)));
        Files.setLastModifiedTime(jar, FileTime.from(now));

        assertThat(ServiceProcess.currentJar(target, "policy-service")).contains(jar);

        Files.setLastModifiedTime(compiled, FileTime.from(now.plusSeconds(5)));
        assertThat(ServiceProcess.currentJar(target, "policy-service"))
                .as("recompiled since packaging")
                .isEmpty();
        assertThat(ServiceProcess.currentJar(target, "audit-service"))
                .as("another module")
                .isEmpty();
    }

    @Test
    void anArchiveIsCurrentWhenWrittenAfterEveryJarOnTheClassPath() throws Exception {
        Path moduleTarget = Files.createDirectories(target.resolve("policy-service/target"));
        Files.createDirectories(moduleTarget.resolve("classes"));
        Path jar = Files.writeString(moduleTarget.resolve("policy-service-0.1.0-SNAPSHOT.jar"), "jar");
        Path library = Files.writeString(target.resolve("library.jar"), "lib");
        Files.writeString(moduleTarget.resolve("runtime-classpath.txt"), library.toString());
        Instant now = Instant.now();
        Files.setLastModifiedTime(jar, FileTime.from(now.minusSeconds(60)));
        Files.setLastModifiedTime(library, FileTime.from(now.minusSeconds(60)));

        assertThat(ServiceProcess.archiveCurrent(target, "policy-service"))
                .as("no archive yet")
                .isFalse();

        Path archive = Files.writeString(moduleTarget.resolve("policy-service.jsa"), "archive");
        Files.setLastModifiedTime(archive, FileTime.from(now));
        assertThat(ServiceProcess.archiveCurrent(target, "policy-service")).isTrue();

        Files.setLastModifiedTime(library, FileTime.from(now.plusSeconds(5)));
        assertThat(ServiceProcess.archiveCurrent(target, "policy-service"))
                .as("a library rebuilt since")
                .isFalse();
    }

    @Test
    void onlyTheArchivesWriterAsksTheJvmToCreateIt() {
        Path archive = target.resolve("policy-service.jsa");

        assertThat(ServiceProcess.classDataSharing(archive, true))
                .contains("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive");
        assertThat(ServiceProcess.classDataSharing(archive, false))
                .contains("-XX:SharedArchiveFile=" + archive)
                .doesNotContain("-XX:+AutoCreateSharedArchive");
    }

    @Test
    void aServiceInheritsNoSecretOfTheLauncherButThoseNamedForIt() {
        for (String secret : List.of(
                "HANDRAIL_BOOTSTRAP_TOKEN",
                "HANDRAIL_DB_URL",
                "HANDRAIL_NATS_URL",
                "HANDRAIL_AUDIT_OWNER_DB_URL",
                "HANDRAIL_NATS_PASSWORD_GATEWAY",
                "AWS_SECRET_ACCESS_KEY",
                "GITHUB_TOKEN")) {
            assertThat(ServiceProcess.inheritable("executor-service", secret))
                    .as(secret)
                    .isFalse();
        }
        assertThat(ServiceProcess.inheritable("audit-service", "HANDRAIL_AUDIT_DB_PASSWORD"))
                .isTrue();
        assertThat(ServiceProcess.inheritable("gateway-service", "HANDRAIL_AUDIT_DB_PASSWORD"))
                .isFalse();
        assertThat(ServiceProcess.inheritable("executor-service", "PATH")).isTrue();
        assertThat(ServiceProcess.inheritable("gateway-service", "HANDRAIL_GATEWAY_SECURITY_BURST"))
                .isTrue();
    }
}
