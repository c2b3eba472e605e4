package dev.handrail.executor.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.bus.MessageTooLargeException;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.executor.execution.CommandExecutor;
import dev.handrail.executor.execution.EventPublisher;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the events caused by one execute command to JetStream, each on this node's own result
 * subject ({@link Subjects#nodeResult}, the only ones its NATS identity may publish on) and
 * wrapped as caused by the command's envelope (so a redelivered command republishes the same
 * ids), and waits for the server to store each one. An outcome ({@code succeeded} or
 * {@code failed}) is de-duplicated by action, not by its own id, so a second outcome of the same
 * action within the stream's duplicate window is dropped by JetStream: a command redelivered to a
 * restarted executor after its outcome was stored cannot add {@code failed INTERRUPTED} to a
 * {@code succeeded}. Holds no mutable state.
 */
final class BusEventPublisher implements EventPublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    /** {@code <action>.outcome}: the de-duplication id every outcome of an action shares. */
    static final String OUTCOME_SUFFIX = ".outcome";

    private static final Logger LOG = LoggerFactory.getLogger(BusEventPublisher.class);

    private final Bus bus;
    private final Envelope cause;
    private final String node;

    BusEventPublisher(Bus bus, Envelope cause, String node) {
        this.bus = bus;
        this.cause = cause;
        this.node = node;
    }

    @Override
    public void publish(ActionEvent event) {
        Envelope envelope = Envelope.causedBy(cause, bus.source(), event);
        String subject = Subjects.nodeResult(event.state().wire(), event.intent(), node);
        boolean outcome = CommandExecutor.isOutcome(event);
        String deduplicationId = outcome ? event.actionId() + OUTCOME_SUFFIX : envelope.id();
        try {
            PublishAck ack =
                    bus.publish(subject, envelope, deduplicationId).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome && ack.isDuplicate()) {
                LOG.info(
                        "{} {} was not stored: the action's outcome already was (a redelivered command)",
                        envelope.type(),
                        envelope.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException(
                    "Interrupted while publishing " + envelope.type() + " " + envelope.id(), e);
        } catch (ExecutionException e) {
            if (outcome && e.getCause() instanceof MessageTooLargeException tooLarge) {
                publish(tooLargeToReport(event, tooLarge));
                return;
            }
            throw new EventNotPublishedException(
                    "JetStream did not store " + envelope.type() + " " + envelope.id() + " on " + subject + ": " + e,
                    e);
        } catch (TimeoutException e) {
            throw new EventNotPublishedException(
                    "JetStream did not store " + envelope.type() + " " + envelope.id() + " on " + subject + ": " + e,
                    e);
        }
    }

    /**
     * The outcome reported instead of one NATS cannot carry: sent as it is, it would fail on every
     * delivery of the command until JetStream gave up on it. What ran, ran; the result is not kept.
     */
    private ActionFailed tooLargeToReport(ActionEvent outcome, MessageTooLargeException tooLarge) {
        Execution ran = outcome instanceof ActionSucceeded s
                ? s.execution()
                : outcome instanceof ActionFailed f ? f.execution() : null;
        String message = outcome.intent() + " " + outcome.state().wire() + ", but its result is " + tooLarge.size()
                + " bytes as an event, more than the " + tooLarge.maxPayload()
                + " bytes one NATS message carries, so it is not reported; ask for less (a smaller file)";
        return new ActionFailed(
                outcome.actionId(),
                outcome.intent(),
                node,
                new Execution(
                        false,
                        null,
                        ErrorCode.RESULT_TOO_LARGE.code(),
                        message,
                        ran == null ? 0 : ran.durationMs(),
                        ran == null ? 0 : ran.retriesUsed(),
                        Map.of("ran", outcome.state().wire(), "event_bytes", tooLarge.size())));
    }
}
