package dev.handrail.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.DecideCommand.Verdict;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import dev.handrail.policy.action.PolicyActionStore;
import dev.handrail.policy.approval.ApprovalEntry;
import dev.handrail.policy.approval.ApprovalHistory;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An approval that lapses while policy is down is expired once when policy is back, and never runs. */
class ApprovalRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofSeconds(2);

    private final Map<String, Object> properties = PolicyInstances.sharedDatabase(Map.of(
            "handrail.policy.approval-ttl", "2s",
            "handrail.policy.sweep-interval", "200ms"));
    private ApplicationContext policy;
    private EventTap tap;

    @BeforeEach
    void start() throws Exception {
        tap = new EventTap(Infrastructure.shared().natsUrl());
        policy = PolicyInstances.start(properties);
    }

    @AfterEach
    void stop() {
        if (policy != null) {
            policy.close();
        }
        tap.close();
    }

    @Test
    void expiresOnceOnStartUpAnApprovalThatLapsedWhilePolicyWasDownAndNeverRunsIt() {
        Driver driver = new Driver(policy.getBean(Bus.class));
        driver.localNodeIsOnline();
        String id = driver.send(Driver.plan("shell.run", Map.of("command", "ls")));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.kinds(id))
                        .containsExactly("ActionPlanned", "ActionValidated", "ApprovalRequested"));
        Instant expiresAt = tap.messages(id, ApprovalRequested.class).get(0).expiresAt();

        policy.close();
        await().atMost(WAIT).until(() -> Instant.now().isAfter(expiresAt.plusMillis(500)));
        new Driver(tap.bus()).decide(id, Verdict.APPROVE, "late-alice");
        assertThat(tap.kinds(id)).doesNotContain("ApprovalExpired");

        policy = PolicyInstances.start(properties);

        await().atMost(WAIT).during(QUIET).untilAsserted(() -> {
            assertThat(tap.messages(id, ApprovalExpired.class)).hasSize(1);
            assertThat(tap.messages(id, DecisionRefused.class)).hasSize(1);
        });
        assertThat(tap.messages(id, ApprovalExpired.class).get(0).expiredAt()).isEqualTo(expiresAt);
        assertThat(tap.kinds(id)).doesNotContain("ActionApproved", "ExecuteCommand");
        assertThat(policy.getBean(PolicyActionStore.class).find(id))
                .map(PolicyAction::state)
                .contains(PolicyActionState.EXPIRED);

        policy.close();
        policy = PolicyInstances.start(properties);

        await().during(QUIET)
                .atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(tap.messages(id, ApprovalExpired.class)).hasSize(1));
        assertThat(policy.getBean(ApprovalHistory.class).of(id))
                .extracting(ApprovalEntry::verdict)
                .containsExactly("expire");
    }
}
