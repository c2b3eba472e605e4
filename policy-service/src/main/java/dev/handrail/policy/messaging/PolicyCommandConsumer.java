package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.bus.Delivery;
import dev.handrail.bus.DurableSpec;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.message.PlanRefused;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.approval.ApprovalDesk;
import dev.handrail.policy.approval.ApprovalTraces;
import dev.handrail.policy.authority.CommandAuthority;
import dev.handrail.policy.plan.PlanHandler;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policy's durable consumer of its commands, started with the application: plans go to the
 * {@link PlanHandler}, decisions to the {@link ApprovalDesk}, once the {@link CommandAuthority} has
 * found that the principal they name is the one the gateway authenticated (otherwise they are
 * refused with a notice whose envelope names no principal). Each command is handled on its own
 * virtual thread (the work blocks on PostgreSQL and on publish acks), and acknowledged when all
 * it caused is stored; at most {@link #IN_FLIGHT} at a time per instance, the rest waiting in the
 * stream. Thread-safe; instances share the durable consumer.
 */
@Context
public class PolicyCommandConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyCommandConsumer.class);
    /**
     * Commands handled at once. Each needs one of the few database connections for a few
     * milliseconds; with thousands in flight (the consumer's default bound), a backlog, such as the
     * plans accepted while PostgreSQL was down, queued for the pool past its 30 s timeout, failed
     * every delivery and was given up as dead letters (docs/reliability.md, PostgreSQL killed).
     * Waiting in the stream costs a delivery nothing.
     */
    static final int IN_FLIGHT = 128;

    private final Bus bus;
    private final PlanHandler plans;
    private final ApprovalDesk approvals;
    private final CommandAuthority authority;
    private final Duration publishTimeout;
    private final ApprovalTraces approvalTraces;
    /** Each command's work runs in the trace context it was consumed in (the bus's span for it). */
    private final ExecutorService workers =
            io.opentelemetry.context.Context.taskWrapping(Executors.newVirtualThreadPerTaskExecutor());

    /** {@code controlFeed} is taken so that the control state is ready before the first plan is handled. */
    public PolicyCommandConsumer(
            Bus bus,
            PlanHandler plans,
            ApprovalDesk approvals,
            CommandAuthority authority,
            PolicyConfig config,
            ControlFeed controlFeed,
            ApprovalTraces approvalTraces) {
        this.bus = bus;
        this.plans = plans;
        this.approvals = approvals;
        this.authority = authority;
        this.publishTimeout = config.getPublishTimeout();
        this.approvalTraces = approvalTraces;
    }

    @PostConstruct
    void start() {
        bus.consume(
                DurableSpec.of(Subjects.STREAM_COMMANDS, Subjects.DURABLE_POLICY, Subjects.POLICY_COMMANDS_ALL)
                        .inFlight(IN_FLIGHT),
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
            LOG.warn(
                    "Dropping {} {}: not a message policy can read ({})",
                    envelope.type(),
                    envelope.id(),
                    e.getMessage());
            return;
        }
        boolean complete = switch (message) {
            case PlanCommand plan -> plan.actionId() != null;
            case DecideCommand decide -> decide.actionId() != null && decide.verdict() != null;
            default -> false;
        };
        if (!complete) {
            LOG.warn("Dropping {} {}: not a complete plan or decision", envelope.type(), envelope.id());
            return;
        }
        Optional<String> refused = authority.refusal(envelope, message);
        if (refused.isPresent()) {
            refuse(envelope, message, refused.get());
            return;
        }
        CausedPublisher out = new CausedPublisher(bus, envelope, publishTimeout);
        switch (message) {
            case PlanCommand plan -> plans.handle(plan, out);
            case DecideCommand decide ->
                approvalTraces.decideInTrace(
                        decide.actionId(), decide.verdict().wire(), () -> approvals.decide(decide, out));
            default -> throw new IllegalStateException("Unexpected " + envelope.type());
        }
    }

    private void refuse(Envelope envelope, Message message, String why) {
        LOG.warn("Refusing {} {} (principal {}): {}", envelope.type(), envelope.id(), envelope.principal(), why);
        String actionId = envelope.subject();
        Message notice = message instanceof PlanCommand
                ? new PlanRefused(actionId, ErrorCode.UNVERIFIED_PRINCIPAL.code(), why)
                : new DecisionRefused(actionId, ErrorCode.UNVERIFIED_PRINCIPAL, why);
        new CausedPublisher(bus, envelope, publishTimeout).unattributed().publish(List.of(notice));
    }

    @PreDestroy
    void stop() {
        workers.close();
    }
}
