package dev.handrail.policy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Decision.Effect;
import dev.handrail.contracts.action.Validation;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import dev.handrail.policy.action.PolicyActionStore;
import dev.handrail.policy.decision.Conditions;
import dev.handrail.policy.jdbc.Database;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Budget usage as the store counts it and the counter reads it, in a real PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BudgetCounterTest implements TestPropertyProvider {

    @Inject
    BudgetCounter budgets;

    @Inject
    PolicyActionStore store;

    @Inject
    Database database;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties("policy"));
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    @Test
    void anAdmittedActionCountsOnceForItsSessionAndPrincipalEvenWhenStoredTwice() {
        String principal = ActionIds.next();
        String session = ActionIds.next();
        PolicyAction allowed = action(principal, session, Effect.ALLOW);

        store.insertIfAbsent(allowed, Map.of());
        store.insertIfAbsent(allowed, Map.of());
        store.insertIfAbsent(action(principal, session, Effect.REQUIRE_APPROVAL), Map.of());
        store.insertIfAbsent(action(principal, session, Effect.DENY), Map.of());

        assertThat(budgets.usage(session, principal)).isEqualTo(new Conditions.BudgetUsage(2, 2));
        assertThat(budgets.usage(session, null)).isEqualTo(new Conditions.BudgetUsage(2, 0));
        assertThat(budgets.usage(null, principal)).isEqualTo(new Conditions.BudgetUsage(0, 2));
    }

    @Test
    void plansOfOneSessionStoredAtOnceDoNotQueueOnOneCounterRow() throws Exception {
        String principal = ActionIds.next();
        String session = ActionIds.next();
        PolicyAction first = action(principal, session, Effect.ALLOW);
        store.insertIfAbsent(first, Map.of());
        PolicyAction second = action(principal, session, Effect.ALLOW);
        while (shard(second.actionId()) == shard(first.actionId())) {
            second = action(principal, session, Effect.ALLOW);
        }
        PolicyAction other = second;

        // Another plan's transaction holds the session's counter row it added to, as while it commits.
        boolean storedMeanwhile = database.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("UPDATE budget_usage SET admitted = admitted "
                    + "WHERE scope = 'session' AND key = ? AND shard = ?")) {
                lock.setString(1, session);
                lock.setInt(2, shard(first.actionId()));
                assertThat(lock.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<PolicyAction> storing =
                    CompletableFuture.supplyAsync(() -> store.insertIfAbsent(other, Map.of()));
            try {
                storing.get(20, TimeUnit.SECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(storedMeanwhile)
                .as("stored while the other counter row was locked")
                .isTrue();
        assertThat(budgets.usage(session, principal)).isEqualTo(new Conditions.BudgetUsage(2, 2));
    }

    @Test
    void thePrincipalsMinuteSlidesAndOldSecondsAreForgotten() {
        String principal = ActionIds.next();
        usage(principal, -130, 7);
        usage(principal, -75, 5);
        usage(principal, -59, 3);
        usage(principal, 0, 1);

        assertThat(budgets.usage(null, principal).principalActionsLastMinute()).isEqualTo(4);
        assertThat(budgets.forgetOldSeconds()).isGreaterThanOrEqualTo(1);
        assertThat(rows(principal)).isEqualTo(3);
    }

    private static PolicyAction action(String principal, String session, Effect effect) {
        return new PolicyAction(
                ActionIds.next(),
                "file.read",
                Map.of("path", "/tmp/a"),
                "local",
                principal,
                session,
                1_000,
                0,
                "hash",
                Validation.of(List.of()),
                PolicyActionState.ALLOWED,
                null,
                null,
                null,
                null,
                new Decision(effect, List.of("risk_allows"), "test"));
    }

    private void usage(String principal, int secondsFromNow, long admitted) {
        database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO budget_usage (scope, key, bucket, admitted) "
                    + "VALUES ('principal', ?, floor(extract(epoch FROM now()))::bigint + ?, ?)")) {
                s.setString(1, principal);
                s.setInt(2, secondsFromNow);
                s.setLong(3, admitted);
                return s.executeUpdate();
            }
        });
    }

    private int shard(String actionId) {
        return database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT abs(hashtext(?) % 16)")) {
                s.setString(1, actionId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private long rows(String principal) {
        return database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM budget_usage WHERE key = ?")) {
                s.setString(1, principal);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
