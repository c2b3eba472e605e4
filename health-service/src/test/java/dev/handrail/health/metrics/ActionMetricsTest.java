package dev.handrail.health.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.ExecutionStarted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ActionMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ActionMetrics metrics = new ActionMetrics(registry);
    private final Instant t0 = Instant.parse("2026-12-03T10:00:00Z");

    private static ActionPlanned planned(String id, String intent) {
        return new ActionPlanned(
                id,
                intent,
                Map.of(),
                "s",
                "alice",
                null,
                false,
                1000,
                0,
                Map.of(),
                "local",
                RiskLevel.LOW,
                false,
                null);
    }

    private static Decision decision(Decision.Effect effect, String reason) {
        return new Decision(effect, List.of(reason), "v1");
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private double meanMs(String name, String... tags) {
        return registry.get(name).tags(tags).timer().mean(TimeUnit.MILLISECONDS);
    }

    @Test
    void aSafeActionIsCountedOnceAtEachStageWithTheTimeOfEveryHop() {
        metrics.record(planned("a1", "file.read"), t0);
        metrics.record(
                new ActionApproved("a1", "file.read", decision(Decision.Effect.ALLOW, "low_risk"), null, null),
                t0.plusMillis(4));
        metrics.record(new ExecutionStarted("a1", "file.read", "local", 1), t0.plusMillis(10));
        metrics.record(
                new ActionSucceeded("a1", "file.read", "local", Execution.succeeded(null, 7, 0, null)),
                t0.plusMillis(20));

        assertThat(count("handrail.actions.planned", "intent", "file.read")).isEqualTo(1);
        assertThat(count("handrail.actions.decided", "intent", "file.read", "effect", "allow", "reason", "low_risk"))
                .isEqualTo(1);
        assertThat(count(
                        "handrail.actions.finished",
                        "intent",
                        "file.read",
                        "outcome",
                        "succeeded",
                        "error_code",
                        "none"))
                .isEqualTo(1);
        assertThat(meanMs("handrail.action.hop", "hop", "decide")).isEqualTo(4);
        assertThat(meanMs("handrail.action.hop", "hop", "dispatch")).isEqualTo(6);
        assertThat(meanMs("handrail.action.hop", "hop", "execute")).isEqualTo(10);
        assertThat(meanMs("handrail.action.end_to_end", "outcome", "succeeded")).isEqualTo(20);
        assertThat(meanMs("handrail.capability.duration", "intent", "file.read", "outcome", "succeeded"))
                .isEqualTo(7);
    }

    @Test
    void anApprovalIsDecidedOnceAndItsWaitIsTheApprovalHop() {
        metrics.record(planned("a2", "shell.run"), t0);
        metrics.record(
                new ApprovalRequested(
                        "a2",
                        "shell.run",
                        decision(Decision.Effect.REQUIRE_APPROVAL, "risky"),
                        "h",
                        t0.plusSeconds(60)),
                t0.plusMillis(5));
        metrics.record(
                new ActionApproved("a2", "shell.run", decision(Decision.Effect.REQUIRE_APPROVAL, "risky"), "bob", null),
                t0.plusMillis(2005));

        assertThat(count(
                        "handrail.actions.decided",
                        "intent",
                        "shell.run",
                        "effect",
                        "require_approval",
                        "reason",
                        "risky"))
                .isEqualTo(1);
        assertThat(registry.find("handrail.actions.decided").counters()).hasSize(1);
        assertThat(meanMs("handrail.action.hop", "hop", "approval")).isEqualTo(2000);
    }

    @Test
    void deniedExpiredAndFailedActionsFinishWithTheirOutcome() {
        metrics.record(planned("a3", "shell.run"), t0);
        metrics.record(
                new ActionDenied("a3", "shell.run", decision(Decision.Effect.DENY, "blocked"), "policy", ""), t0);
        metrics.record(planned("a4", "shell.run"), t0);
        metrics.record(
                new ApprovalRequested(
                        "a4", "shell.run", decision(Decision.Effect.REQUIRE_APPROVAL, "risky"), "h", t0.plusSeconds(1)),
                t0);
        metrics.record(new ApprovalExpired("a4", "shell.run", t0.plusSeconds(1)), t0.plusSeconds(1));
        metrics.record(planned("a5", "file.read"), t0);
        metrics.record(
                new ActionFailed(
                        "a5", "file.read", "local", Execution.failed(ErrorCode.FILE_NOT_FOUND, "no such file", 3, 0)),
                t0.plusMillis(9));

        assertThat(count("handrail.actions.finished", "outcome", "denied")).isEqualTo(1);
        assertThat(count("handrail.actions.finished", "outcome", "expired")).isEqualTo(1);
        assertThat(count("handrail.approvals.expired")).isEqualTo(1);
        assertThat(count(
                        "handrail.actions.finished",
                        "outcome",
                        "failed",
                        "error_code",
                        ErrorCode.FILE_NOT_FOUND.code()))
                .isEqualTo(1);
    }

    @Test
    void anIntentTheCatalogueDoesNotKnowIsCountedAsUnknown() {
        metrics.record(planned("a6", "made.up.intent." + System.nanoTime()), t0);

        assertThat(count("handrail.actions.planned", "intent", "unknown")).isEqualTo(1);
        assertThat(registry.find("handrail.actions.planned").counters()).hasSize(1);
    }
}
