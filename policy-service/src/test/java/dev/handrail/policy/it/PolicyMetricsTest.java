package dev.handrail.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.policy.metrics.PolicyMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyMetricsTest extends TappedPolicyTest {

    @Inject
    PolicyMetrics metrics;

    @Inject
    MeterRegistry registry;

    @Test
    void approvalsPendingCountWhatWaitsForAPerson() {
        metrics.refresh();
        double before = registry.get("handrail.approvals.pending").gauge().value();

        String id = driver.send(Driver.plan("shell.run", Map.of("command", "ls")));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(tap.kinds(id)).contains("ApprovalRequested"));
        metrics.refresh();

        assertThat(registry.get("handrail.approvals.pending").gauge().value()).isEqualTo(before + 1);
        assertThat(registry.get("handrail.approvals.oldest.pending.seconds")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(0);
        assertThat(registry.get("handrail.kill_switch.global").gauge().value()).isZero();
    }
}
