package dev.handrail.health.replay;

import dev.handrail.contracts.message.PlanCommand;
import java.util.concurrent.CompletionStage;

/**
 * The port through which a replay's plan goes to policy ({@code handrail.v1.cmd.policy.plan}),
 * under an envelope id derived from the dead letter, so sending it again is dropped as a
 * duplicate; the stage completes once JetStream has stored it.
 */
public interface ReplayPublisher {

    CompletionStage<?> publish(PlanCommand command, String deadLetterId);
}
