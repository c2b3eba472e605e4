package dev.handrail.policy.approval;

import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.policy.action.PolicyAction;
import java.util.Optional;

/** What may stop a person's approval from being taken although the approval is pending (a kill switch, a breaker). */
@FunctionalInterface
public interface ApprovalGate {

    /** The refusal of an approval of {@code action} now, if it must be refused. */
    Optional<DecisionRefused> refuseApproval(PolicyAction action);

    /** A gate that never refuses. */
    static ApprovalGate open() {
        return action -> Optional.empty();
    }
}
