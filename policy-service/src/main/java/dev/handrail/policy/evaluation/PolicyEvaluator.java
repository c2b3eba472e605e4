package dev.handrail.policy.evaluation;

import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.query.Reply;
import dev.handrail.policy.plan.PlanHandler;
import jakarta.inject.Singleton;

/**
 * Answers {@code POST /v1/policy/evaluate}: validates and decides a plan exactly as a real one
 * would be, under the conditions of this moment, but creates no action, stores nothing,
 * publishes nothing and uses no budget. Stateless.
 */
@Singleton
public class PolicyEvaluator {

    private final PlanHandler plans;

    public PolicyEvaluator(PlanHandler plans) {
        this.plans = plans;
    }

    /**
     * What {@code evaluate} answers.
     *
     * @param decision null when the plan fails validation (it would be rejected, not decided)
     */
    public record Result(Validation validation, Decision decision, long timeoutMs, int maxRetries, String node) {}

    /** Evaluates a plan. */
    public Reply evaluate(PlanCommand plan) {
        if (plan.intent() == null || plan.intent().isBlank()) {
            return Reply.error(ErrorCode.VALIDATION_FAILED, "Missing required field: intent");
        }
        PlanHandler.Evaluation evaluation = plans.evaluate(plan);
        return Reply.ok(new Result(
                evaluation.validation(),
                evaluation.decision(),
                evaluation.spec().timeoutMs(),
                evaluation.spec().maxRetries(),
                evaluation.spec().node()));
    }
}
