package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.health.replay.ReplayPublisher;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionStage;

/** Sends replay plans to policy on {@code handrail.v1.cmd.policy.plan}, envelope id {@code replay.<dead letter>}. */
@Singleton
public final class BusReplayPublisher implements ReplayPublisher {

    private final Bus bus;

    public BusReplayPublisher(Bus bus) {
        this.bus = bus;
    }

    @Override
    public CompletionStage<?> publish(PlanCommand command, String deadLetterId) {
        return bus.publish(Subjects.CMD_PLAN, Envelopes.withId("replay." + deadLetterId, bus.source(), command,
                command.principal(), command.sessionId(), null));
    }
}
