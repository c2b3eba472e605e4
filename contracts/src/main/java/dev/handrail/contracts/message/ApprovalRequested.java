package dev.handrail.contracts.message;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Decision;
import java.time.Instant;

/** Policy wants a human to decide; the approval is bound to {@code contentHash} and lapses at {@code expiresAt}. */
public record ApprovalRequested(
        String actionId, String intent, Decision decision, String contentHash, Instant expiresAt)
        implements ActionEvent {

    @Override
    public ActionState state() {
        return ActionState.PENDING_APPROVAL;
    }
}
