package dev.handrail.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.message.PolicyFileFailed;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.policy.rules.ActivePolicy;
import dev.handrail.policy.rules.PolicyFileHealth;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A configured policy file that is missing or unreadable is never silently replaced by the
 * built-in policy: at start policy refuses to start naming the file; on a reload the last good
 * policy stays in force, health says degraded and the failure is announced on the control feed.
 */
class PolicyFileTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String POLICY = """
            version: file-test-1
            rules:
              - id: no-shell
                match: {intent: shell.run}
                effect: deny
            """;

    @Test
    void refusesToStartWhenTheConfiguredPolicyFileIsMissing() throws IOException {
        Path missing = Files.createTempDirectory("policy-file").resolve("absent.yaml");

        assertThatThrownBy(() -> PolicyInstances.start(
                                PolicyInstances.sharedDatabase(Map.of("handrail.policy.file", missing.toString())))
                        .close())
                .rootCause()
                .hasMessageContaining("Policy file " + missing + " does not exist")
                .hasMessageContaining("policy does not start without its policy file");
    }

    @Test
    void refusesToStartWhenTheConfiguredPolicyFileCannotBeRead() throws IOException {
        Path unreadable = Files.createTempDirectory("policy-file").resolve("policy.yaml");
        Files.writeString(unreadable, POLICY);
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(
                Files.isReadable(unreadable), "running as a user who reads anything");

        assertThatThrownBy(() -> PolicyInstances.start(
                                PolicyInstances.sharedDatabase(Map.of("handrail.policy.file", unreadable.toString())))
                        .close())
                .rootCause()
                .hasMessageContaining("Policy file " + unreadable + " cannot be read");
    }

    @Test
    void keepsTheLastGoodPolicyReportsDegradedAndAnnouncesItWhenTheFileGoesMissing() throws Exception {
        Path file = Files.createTempDirectory("policy-file").resolve("policy.yaml");
        Files.writeString(file, POLICY);
        try (EventTap tap = new EventTap(Infrastructure.shared().natsUrl());
                ApplicationContext policy = PolicyInstances.start(PolicyInstances.sharedDatabase(
                        Map.of("handrail.policy.file", file.toString(), "handrail.policy.reload-interval", "100ms")))) {
            ActivePolicy active = policy.getBean(ActivePolicy.class);
            PolicyFileHealth health = policy.getBean(PolicyFileHealth.class);
            assertThat(active.status().version()).isEqualTo("file-test-1");
            assertThat(status(health)).isEqualTo("UP");

            Files.delete(file);

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(tap.control(PolicyFileFailed.class))
                            .singleElement()
                            .satisfies(failed -> {
                                assertThat(failed.file()).isEqualTo(file.toString());
                                assertThat(failed.error()).isEqualTo("Policy file " + file + " does not exist");
                                assertThat(failed.versionInForce()).isEqualTo("file-test-1");
                            }));
            assertThat(status(health)).isEqualTo("DEGRADED");
            assertThat(active.status().version()).isEqualTo("file-test-1");
            assertThat(active.status().source()).isEqualTo(file.toString());

            Files.writeString(file, POLICY.replace("file-test-1", "file-test-2"));

            await().atMost(WAIT)
                    .until(() -> "file-test-2".equals(active.status().version()));
            assertThat(status(health)).isEqualTo("UP");
            assertThat(tap.control(PolicyFileFailed.class)).hasSize(1);
        }
    }

    private static String status(PolicyFileHealth health) {
        return health.result().getStatus().getName();
    }
}
