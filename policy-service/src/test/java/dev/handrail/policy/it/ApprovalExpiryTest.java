package dev.handrail.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.DecideCommand.Verdict;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import dev.handrail.policy.action.PolicyActionStore;
import dev.handrail.policy.jdbc.Database;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalExpiryTest extends TappedPolicyTest {

    @Inject
    PolicyActionStore actions;

    @Inject
    Database database;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("handrail.policy.approval-ttl", "1s");
        properties.put("handrail.policy.sweep-interval", "200ms");
        return properties;
    }

    @Test
    void expiresAnApprovalNobodyDecidedAndRefusesLaterDecisions() {
        String id = driver.send(Driver.plan("shell.run", Map.of("command", "ls")));

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(tap.kinds(id))
                        .containsExactly("ActionPlanned", "ActionValidated", "ApprovalRequested", "ApprovalExpired"));
        ApprovalRequested requested = tap.messages(id, ApprovalRequested.class).get(0);
        assertThat(tap.messages(id, ApprovalExpired.class).get(0).expiredAt()).isEqualTo(requested.expiresAt());
        assertThat(tap.about(id).get(3).envelope().id()).isEqualTo(id + ".expired");
        assertThat(tap.about(id).get(3).envelope().principal()).isEqualTo(Driver.PRINCIPAL);
        assertThat(actions.find(id)).map(PolicyAction::state).contains(PolicyActionState.EXPIRED);
        assertThat(keptTraceContexts(id))
                .as("the trace context kept for the wait is forgotten with the approval")
                .isZero();

        driver.decide(id, Verdict.APPROVE, "alice");

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(tap.messages(id, DecisionRefused.class))
                        .containsExactly(new DecisionRefused(
                                id, "NOT_PENDING", "Action " + id + " is expired, not pending approval")));
        assertThat(tap.kinds(id)).doesNotContain("ActionApproved", "ExecuteCommand");
    }

    private long keptTraceContexts(String actionId) {
        return database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM approval_traces WHERE action_id = ?")) {
                s.setString(1, actionId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
