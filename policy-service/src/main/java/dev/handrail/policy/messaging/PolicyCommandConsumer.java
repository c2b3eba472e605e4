package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.bus.Delivery;
import dev.handrail.bus.DurableSpec;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.approval.ApprovalDesk;
import dev.handrail.policy.plan.PlanHandler;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policy's durable consumer of its commands, started with the application: plans go to the
 * {@link PlanHandler}, decisions to the {@link ApprovalDesk}. Each command is handled on its own
 * virtual thread (the work blocks on PostgreSQL and on publish acks), and acknowledged when all
 * it caused is stored. Thread-safe; instances share the durable consumer.
 */
@Context
public class PolicyCommandConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyCommandConsumer.class);

    private final Bus bus;
    private final PlanHandler plans;
    private final ApprovalDesk approvals;
    private final Duration publishTimeout;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    /** {@code controlFeed} is taken so that the control state is ready before the first plan is handled. */
    public PolicyCommandConsumer(Bus bus, PlanHandler plans, ApprovalDesk approvals, PolicyConfig config,
                                 ControlFeed controlFeed) {
        this.bus = bus;
        this.plans = plans;
        this.approvals = approvals;
        this.publishTimeout = config.getPublishTimeout();
    }

    @PostConstruct
    void start() {
        bus.consume(DurableSpec.of(Subjects.STREAM_COMMANDS, Subjects.DURABLE_POLICY, Subjects.POLICY_COMMANDS_ALL),
                this::handle);
        LOG.info("Consuming {} as durable {}", Subjects.POLICY_COMMANDS_ALL, Subjects.DURABLE_POLICY);
    }

    private CompletionStage<Void> handle(Envelope envelope, Delivery delivery) {
        return CompletableFuture.runAsync(() -> dispatch(envelope), workers);
    }

    private void dispatch(Envelope envelope) {
        Message message;
        try {
            message = envelope.message();
        } catch (IllegalArgumentException e) {
            LOG.warn("Dropping {} {}: not a message policy can read ({})", envelope.type(), envelope.id(), e.getMessage());
            return;
        }
        CausedPublisher out = new CausedPublisher(bus, envelope, publishTimeout);
        switch (message) {
            case PlanCommand plan when plan.actionId() != null -> plans.handle(plan, out);
            case DecideCommand decide when decide.actionId() != null && decide.verdict() != null ->
                    approvals.decide(decide, out);
            default -> LOG.warn("Dropping {} {}: not a complete plan or decision", envelope.type(), envelope.id());
        }
    }

    @PreDestroy
    void stop() {
        workers.close();
    }
}
