package dev.handrail.policy.plan;

import dev.handrail.bus.tracing.Tracing;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.message.ContentHash;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.message.PlanDeduplicated;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.action.EventPublisher;
import dev.handrail.policy.action.PlanSpec;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import dev.handrail.policy.action.PolicyActionStore;
import dev.handrail.policy.approval.ApprovalTraces;
import dev.handrail.policy.decision.Conditions;
import dev.handrail.policy.decision.DecisionMaker;
import dev.handrail.policy.decision.Proposal;
import dev.handrail.policy.rules.WorkspacePaths;
import dev.handrail.policy.run.RunMembership;
import dev.handrail.policy.validation.NodeAvailability;
import dev.handrail.policy.validation.PlanValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Takes a plan the whole way through policy: idempotency, defaults, validation, decision. What
 * was decided is stored before anything is published, and a redelivered plan republishes what
 * the stored row says, whatever deciding it again would say now. The row keeps the params in
 * their at-rest form; the sensitive inputs of an action held for approval are kept beside it until
 * the approval ends, and those of an allowed action go only into its execute command. Stateless
 * and thread-safe.
 */
@Singleton
public class PlanHandler {

    private final IdempotencyStore idempotency;
    private final PolicyActionStore actions;
    private final PlanValidator validator;
    private final DecisionMaker decisions;
    private final Conditions conditions;
    private final NodeAvailability nodes;
    private final PolicyConfig config;
    private final RunMembership runs;
    private final Clock clock;
    private final ApprovalTraces approvalTraces;

    public PlanHandler(
            IdempotencyStore idempotency,
            PolicyActionStore actions,
            PlanValidator validator,
            DecisionMaker decisions,
            Conditions conditions,
            NodeAvailability nodes,
            PolicyConfig config,
            RunMembership runs,
            Clock clock,
            ApprovalTraces approvalTraces) {
        this.idempotency = idempotency;
        this.actions = actions;
        this.validator = validator;
        this.decisions = decisions;
        this.conditions = conditions;
        this.nodes = nodes;
        this.config = config;
        this.runs = runs;
        this.clock = clock;
        this.approvalTraces = approvalTraces;
    }

    /** Handles one plan, publishing its outcome to {@code out}. */
    public void handle(PlanCommand command, EventPublisher out) {
        String key = command.idempotencyKey();
        if (key != null && !key.isBlank()) {
            String owner = idempotency.claim(command.principal(), key, command.actionId());
            if (!owner.equals(command.actionId())) {
                out.publish(List.of(new PlanDeduplicated(command.actionId(), owner)));
                return;
            }
        }
        PlanSpec spec = PlanSpec.from(command, config.getDefaultNode());
        Map<String, Object> inputs = SensitiveParams.inputs(spec.intent(), spec.params());
        RunMembership.Verdict run = runs.judge(command);
        // A redelivered plan is decided again but not stored again: the row decided first is what is published.
        PolicyAction first = Tracing.inSpan("policy.decide", () -> firstRecord(command, spec, run));
        PolicyAction stored = actions.insertIfAbsent(first, inputs);
        if (stored.state() == PolicyActionState.PENDING) {
            approvalTraces.opened(stored.actionId());
        }
        runs.record(run, stored);
        out.publish(PlanOutcome.of(command, spec, stored, inputs));
    }

    /** Validation and, for a valid plan that is not a dry run, the decision; nothing is stored. */
    public Evaluation evaluate(PlanCommand command) {
        PlanSpec spec = PlanSpec.from(command, config.getDefaultNode());
        Validation validation = validator.validate(spec, nodes);
        Decision decision = validation.valid() && spec.capability() != null
                ? decisions.decide(proposal(command, spec), conditions)
                : null;
        return new Evaluation(spec, validation, decision);
    }

    /**
     * A plan's validation and decision.
     *
     * @param decision null when validation failed
     */
    public record Evaluation(PlanSpec spec, Validation validation, Decision decision) {}

    private PolicyAction firstRecord(PlanCommand command, PlanSpec spec, RunMembership.Verdict run) {
        Evaluation evaluation =
                command.dryRun() ? new Evaluation(spec, validator.validate(spec, nodes), null) : evaluate(command);
        Validation validation = run.validated(evaluation.validation());
        Decision decision = run.decided(evaluation.decision());
        PolicyActionState state = initialState(command, validation, decision);
        Instant expiresAt = state == PolicyActionState.PENDING
                ? clock.instant()
                        .plus(config.approvalTtlFor(spec.capability().riskLevel()))
                        .truncatedTo(ChronoUnit.MILLIS)
                : null;
        return new PolicyAction(
                spec.actionId(),
                spec.intent(),
                SensitiveParams.atRest(spec.intent(), spec.params()),
                spec.node(),
                command.principal(),
                command.sessionId(),
                spec.timeoutMs(),
                spec.maxRetries(),
                ContentHash.of(spec.intent(), spec.params(), spec.node()),
                validation,
                state,
                expiresAt,
                null,
                null,
                null,
                decision);
    }

    private static PolicyActionState initialState(PlanCommand command, Validation validation, Decision decision) {
        if (!validation.valid()) {
            return PolicyActionState.REJECTED;
        }
        if (command.dryRun()) {
            return PolicyActionState.VALIDATED;
        }
        if (decision == null) {
            return PolicyActionState.REJECTED;
        }
        return switch (decision.effect()) {
            case ALLOW -> PolicyActionState.ALLOWED;
            case REQUIRE_APPROVAL -> PolicyActionState.PENDING;
            case DENY -> PolicyActionState.DENIED;
        };
    }

    /** What rules decide on: path parameters in their workspace-relative form, so {@code ./secrets/x} is {@code secrets/x}. */
    private Proposal proposal(PlanCommand command, PlanSpec spec) {
        return new Proposal(
                spec.capability(),
                WorkspacePaths.normalise(spec.params(), nodes.workspaceRoots(spec.node())),
                spec.node(),
                command.principal(),
                command.sessionId());
    }
}
