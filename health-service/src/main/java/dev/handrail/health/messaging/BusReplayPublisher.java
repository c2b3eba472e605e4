package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.claim.ClaimSigner;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.health.replay.ReplayPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends replay plans to policy on {@code handrail.v1.cmd.policy.plan}, envelope id
 * {@code replay.<dead letter>}, with health's principal claim for the original planner (policy
 * takes a plan only with a claim it can verify). Immutable and thread-safe.
 */
@Singleton
public final class BusReplayPublisher implements ReplayPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(BusReplayPublisher.class);

    private final Bus bus;
    private final Optional<ClaimSigner> signer;

    public BusReplayPublisher(Bus bus, ReplayClaimConfig config) {
        this.bus = bus;
        this.signer = config.signer("health", Clock.systemUTC());
        if (signer.isEmpty()) {
            LOG.warn(
                    "{}.private-key-file is not set: policy will refuse dead-letter replays", ReplayClaimConfig.PREFIX);
        }
    }

    @Override
    public CompletionStage<?> publish(PlanCommand command, String deadLetterId) {
        Envelope envelope = Envelopes.withId(
                "replay." + deadLetterId, bus.source(), command, command.principal(), command.sessionId(), null);
        return bus.publish(
                Subjects.CMD_PLAN, signer.map(s -> s.sign(envelope, null, null)).orElse(envelope));
    }
}
