package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.action.EventPublisher;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionStore;
import dev.handrail.policy.approval.ApprovalDesk;
import dev.handrail.policy.run.PendingWithdrawal;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Withdraws a cancelled run's pending action through the approval desk, as its planner would
 * ({@code cancelled}, on the row's lock, so it races an operator's decision fairly). The
 * outcome's envelopes start fresh, in the action's principal and session.
 */
@Singleton
public class ApprovalWithdrawal implements PendingWithdrawal {

    private final Bus bus;
    private final ApprovalDesk desk;
    private final PolicyActionStore actions;
    private final Duration timeout;

    public ApprovalWithdrawal(Bus bus, ApprovalDesk desk, PolicyActionStore actions, PolicyConfig config) {
        this.bus = bus;
        this.desk = desk;
        this.actions = actions;
        this.timeout = config.getPublishTimeout();
    }

    @Override
    public void withdraw(String actionId, String why) {
        Optional<PolicyAction> action = actions.find(actionId);
        if (action.isEmpty() || action.get().principal() == null) {
            return;
        }
        String planner = action.get().principal();
        String session = action.get().sessionId();
        EventPublisher out = messages -> {
            List<Envelope> envelopes = messages.stream()
                    .map(m -> Envelope.of(bus.source(), m, planner, session))
                    .toList();
            Outbound.publishAll(
                    bus, envelopes, messages.stream().map(Outbound::subjectOf).toList(), timeout);
        };
        desk.decide(new DecideCommand(actionId, DecideCommand.Verdict.CANCEL, planner, why), out);
    }
}
