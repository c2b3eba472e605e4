package dev.handrail.policy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Decision.Effect;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionRejected;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.policy.action.PlanSpec;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanOutcomeTest {

    private static final Instant EXPIRES = Instant.parse("2026-03-01T12:05:00Z");
    private static final Validation VALID = Validation.of(List.of(Check.pass("capability_exists", "known")));

    @Test
    void allowsASafePlanAndSendsItToItsNode() {
        PlanCommand command = plan("file.read", Map.of("path", "/tmp/a"), false);

        List<Message> messages = outcome(command, VALID, PolicyActionState.ALLOWED);

        assertThat(messages)
                .extracting(m -> m.getClass().getSimpleName())
                .containsExactly("ActionPlanned", "ActionValidated", "ActionApproved", "ExecuteCommand");
        assertThat((ActionPlanned) messages.get(0)).satisfies(planned -> {
            assertThat(planned.timeoutMs()).isEqualTo(10_000);
            assertThat(planned.maxRetries()).isZero();
            assertThat(planned.node()).isEqualTo("local");
            assertThat(planned.riskLevel()).isEqualTo(RiskLevel.SAFE);
            assertThat(planned.requiresConfirmation()).isFalse();
        });
        assertThat((ActionApproved) messages.get(2)).satisfies(approved -> {
            assertThat(approved.decision().effect()).isEqualTo(Effect.ALLOW);
            assertThat(approved.approvedBy()).isNull();
        });
        assertThat((ExecuteCommand) messages.get(3))
                .extracting(ExecuteCommand::contentHash)
                .isEqualTo("hash-1");
    }

    @Test
    void onlyTheExecuteCommandOfAnAllowedPlanCarriesItsSensitiveInput() {
        PlanCommand command = plan("clipboard.write", Map.of("text", "MARKER-clip"), false);

        List<Message> messages = outcome(command, VALID, PolicyActionState.ALLOWED);

        assertThat(messages).hasSize(4);
        assertThat(messages.subList(0, 3)).allSatisfy(m -> assertThat(text(m)).doesNotContain("MARKER-clip"));
        assertThat(((ActionPlanned) messages.get(0)).params().get("text"))
                .isEqualTo(SensitiveParams.digest("MARKER-clip"));
        assertThat(((ExecuteCommand) messages.get(3)).params()).isEqualTo(Map.of("text", "MARKER-clip"));
    }

    @Test
    void noMessageOfAPlanHeldForApprovalCarriesItsSensitiveInput() {
        PlanCommand command = plan("keyboard.type", Map.of("text", "MARKER-typed"), false);

        List<Message> messages = outcome(command, VALID, PolicyActionState.PENDING);

        assertThat(messages)
                .extracting(m -> m.getClass().getSimpleName())
                .containsExactly("ActionPlanned", "ActionValidated", "ApprovalRequested");
        assertThat(messages).allSatisfy(m -> assertThat(text(m)).doesNotContain("MARKER-typed"));
    }

    @Test
    void holdsARiskyPlanForApprovalUntilItsExpiry() {
        PlanCommand command = plan("shell.run", Map.of("command", "ls"), false);

        List<Message> messages = outcome(command, VALID, PolicyActionState.PENDING);

        assertThat(messages)
                .extracting(m -> m.getClass().getSimpleName())
                .containsExactly("ActionPlanned", "ActionValidated", "ApprovalRequested");
        assertThat(((ActionPlanned) messages.get(0)).requiresConfirmation()).isTrue();
        assertThat((ApprovalRequested) messages.get(2)).satisfies(requested -> {
            assertThat(requested.decision().effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
            assertThat(requested.contentHash()).isEqualTo("hash-1");
            assertThat(requested.expiresAt()).isEqualTo(EXPIRES);
        });
    }

    @Test
    void deniesAPlanWithTheStoredDecisionAndSendsNothing() {
        PlanCommand command = plan("shell.run", Map.of("command", "rm -rf /"), false);

        List<Message> messages = outcome(command, VALID, PolicyActionState.DENIED);

        assertThat(messages)
                .extracting(m -> m.getClass().getSimpleName())
                .containsExactly("ActionPlanned", "ActionValidated", "ActionDenied");
        assertThat(((ActionDenied) messages.get(2)).decision())
                .isEqualTo(new Decision(Effect.DENY, List.of("kill_switch", "blocked_command"), "builtin-2"));
    }

    @Test
    void rejectsAnInvalidPlanWithItsFirstFailure() {
        PlanCommand command = plan("file.read", Map.of(), false);
        Validation invalid = Validation.of(List.of(
                Check.pass("capability_exists", "known"),
                Check.fail("required_params", "Missing required parameter: path"),
                Check.fail("timeout_bounds", "later failure")));

        List<Message> messages = outcome(command, invalid, PolicyActionState.REJECTED);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(1))
                .isEqualTo(new ActionRejected(
                        command.actionId(),
                        "file.read",
                        invalid,
                        new ApiError("VALIDATION_FAILED", "Missing required parameter: path")));
    }

    @Test
    void endsADryRunAtValidation() {
        PlanCommand command = plan("shell.run", Map.of("command", "ls"), true);

        List<Message> messages = outcome(command, VALID, PolicyActionState.VALIDATED);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(1)).isEqualTo(new ActionValidated(command.actionId(), "shell.run", VALID, true));
    }

    @Test
    void plansAnUnknownIntentWithoutRisk() {
        PlanCommand command = plan("x", Map.of(), false);
        Validation invalid = Validation.of(List.of(Check.fail("capability_exists", "Unknown intent: x")));

        List<Message> messages = outcome(command, invalid, PolicyActionState.REJECTED);

        ActionPlanned planned = (ActionPlanned) messages.get(0);
        assertThat(planned.riskLevel()).isNull();
        assertThat(planned.timeoutMs()).isEqualTo(10_000);
        assertThat(((ActionRejected) messages.get(1)).error().message()).isEqualTo("Unknown intent: x");
    }

    private static List<Message> outcome(PlanCommand command, Validation validation, PolicyActionState state) {
        PlanSpec spec = PlanSpec.from(command, "local");
        Decision decision = switch (state) {
            case ALLOWED -> new Decision(Effect.ALLOW, List.of("risk_allows"), "builtin-2");
            case PENDING -> new Decision(Effect.REQUIRE_APPROVAL, List.of("risk_requires_approval"), "builtin-2");
            case DENIED -> new Decision(Effect.DENY, List.of("kill_switch", "blocked_command"), "builtin-2");
            default -> null;
        };
        PolicyAction stored = new PolicyAction(
                command.actionId(),
                command.intent(),
                SensitiveParams.atRest(command.intent(), command.params()),
                spec.node(),
                command.principal(),
                command.sessionId(),
                spec.timeoutMs(),
                spec.maxRetries(),
                "hash-1",
                validation,
                state,
                state == PolicyActionState.PENDING ? EXPIRES : null,
                null,
                null,
                null,
                decision);
        return PlanOutcome.of(command, spec, stored, SensitiveParams.inputs(command.intent(), command.params()));
    }

    private static PlanCommand plan(String intent, Map<String, Object> params, boolean dryRun) {
        return new PlanCommand(
                "01HQPLAN",
                intent,
                params,
                "s1",
                "agent",
                null,
                dryRun,
                null,
                null,
                Map.of(),
                null,
                Instant.parse("2026-03-01T12:00:00Z"));
    }

    private static String text(Message message) {
        return new String(Json.bytes(message), StandardCharsets.UTF_8);
    }
}
