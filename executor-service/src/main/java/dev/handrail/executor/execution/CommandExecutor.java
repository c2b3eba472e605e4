package dev.handrail.executor.execution;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.Tag;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ContentHash;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.ExecutionStarted;
import dev.handrail.executor.capability.Availability;
import dev.handrail.executor.capability.CapabilityHandler;
import dev.handrail.executor.capability.CapabilityRegistry;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one execute command on this node: refuses it when its content does not match its
 * hash, when it names another node or an unknown capability, when its handler cannot run here
 * (no desktop session), when the kill switch covers it, or when it is a redelivery of a
 * capability that must not run twice; otherwise reports {@code executing}, runs the handler
 * within the command's timeout (one budget for all tries), retries what the handler calls
 * retriable, and reports {@code succeeded} or {@code failed}; a kill switch engaged meanwhile aborts
 * the run ({@code ABORTED_BY_KILL_SWITCH}). A redelivered command whose outcome this executor
 * already published is acknowledged without running or reporting anything: an action has one
 * outcome. Blocks the calling thread (call it on a virtual thread). Safe to call concurrently.
 */
public final class CommandExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** Outcomes remembered: several minutes of actions at the highest rate one node sustains. */
    private static final int FINISHED_REMEMBERED = 1 << 16;

    private final String nodeId;
    private final CapabilityRegistry registry;
    private final HandlerRunner runner;
    private final RunningCommands running;
    private final StartBlocker blocker;
    private final FinishedActions finished = new FinishedActions(FINISHED_REMEMBERED);

    public CommandExecutor(String nodeId, CapabilityRegistry registry, HandlerRunner runner) {
        this(nodeId, registry, runner, new RunningCommands(), StartBlocker.NONE);
    }

    /**
     * @param running where running commands are registered, so the kill switch can abort them
     * @param blocker refuses commands the kill switch covers before they start
     */
    public CommandExecutor(
            String nodeId,
            CapabilityRegistry registry,
            HandlerRunner runner,
            RunningCommands running,
            StartBlocker blocker) {
        this.nodeId = nodeId;
        this.registry = registry;
        this.runner = runner;
        this.running = running;
        this.blocker = blocker;
    }

    /**
     * Handles one delivery of {@code command}; returns after the last event was published.
     *
     * @param delivery 1 on the first delivery; more means an earlier attempt never finished
     * @throws ExecutionInterruptedException when the executor stops mid-run of an idempotent
     *         capability, so that it is delivered and run again
     */
    public void execute(ExecuteCommand command, long delivery, EventPublisher events) {
        if (delivery > 1 && finished.contains(command.actionId())) {
            LOG.info(
                    "Delivery {} of {} {}: its outcome is already published, so it is neither run nor reported again",
                    delivery,
                    command.intent(),
                    command.actionId());
            return;
        }
        executeOnce(command, delivery, event -> {
            events.publish(event);
            if (isOutcome(event)) {
                finished.add(command.actionId());
            }
        });
    }

    private void executeOnce(ExecuteCommand command, long delivery, EventPublisher events) {
        Optional<ErrorCode> refusal = refusal(command, delivery);
        if (refusal.isPresent()) {
            events.publish(
                    failed(command, refusal.get(), refusalMessage(command, refusal.get(), delivery), 0, 0, null));
            return;
        }
        Capability capability = CapabilityCatalogue.find(command.intent()).orElseThrow();
        Optional<CapabilityHandler> handler = registry.find(command.intent());
        if (handler.isEmpty()) {
            events.publish(failed(
                    command,
                    ErrorCode.NOT_IMPLEMENTED,
                    command.intent() + " is not implemented on this node yet",
                    0,
                    0,
                    null));
            return;
        }
        Availability availability = handler.get().availability();
        if (!availability.available()) {
            events.publish(failed(command, availability.code(), availability.reason(), 0, 0, null));
            return;
        }
        Abort abort = running.start(command.intent(), command.actionId());
        try {
            Optional<String> blocked = blocker.blocking(command.intent());
            if (blocked.isPresent()) {
                events.publish(failed(
                        command,
                        ErrorCode.KILL_SWITCH_ENGAGED,
                        command.intent() + " was not started: " + blocked.get(),
                        0,
                        0,
                        null));
                return;
            }
            events.publish(new ExecutionStarted(
                    command.actionId(), command.intent(), nodeId, (int) Math.min(delivery, Integer.MAX_VALUE)));
            run(command, capability, handler.get(), events, abort);
        } finally {
            running.finish(abort);
        }
    }

    /** Whether {@code event} ends the action's execution (the state after it is never another run). */
    public static boolean isOutcome(ActionEvent event) {
        return event.state() == ActionState.SUCCEEDED || event.state() == ActionState.FAILED;
    }

    private Optional<ErrorCode> refusal(ExecuteCommand command, long delivery) {
        if (!ContentHash.matches(command)) {
            return Optional.of(ErrorCode.CONTENT_MISMATCH);
        }
        if (!nodeId.equals(command.node())) {
            return Optional.of(ErrorCode.WRONG_NODE);
        }
        Optional<Capability> capability = CapabilityCatalogue.find(command.intent());
        if (capability.isEmpty()) {
            return Optional.of(ErrorCode.UNKNOWN_CAPABILITY);
        }
        if (delivery > 1 && !capability.get().idempotent()) {
            return Optional.of(ErrorCode.INTERRUPTED);
        }
        return Optional.empty();
    }

    private String refusalMessage(ExecuteCommand command, ErrorCode code, long delivery) {
        return switch (code) {
            case CONTENT_MISMATCH ->
                "The command's content does not match its content hash; "
                        + "it was changed after policy decided on it, so it is not run";
            case WRONG_NODE -> "The command is for node " + command.node() + " but reached node " + nodeId;
            case UNKNOWN_CAPABILITY -> "Unknown intent: " + command.intent();
            default ->
                "The executor stopped mid-action (this is delivery " + delivery + "); " + command.intent()
                        + " is not idempotent, so the action is not run again";
        };
    }

    private void run(
            ExecuteCommand command,
            Capability capability,
            CapabilityHandler handler,
            EventPublisher events,
            Abort abort) {
        Duration budget =
                Duration.ofMillis(command.timeoutMs() > 0 ? command.timeoutMs() : capability.defaultTimeoutMs());
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int retries = 0;
        Outcome outcome;
        try {
            while (true) {
                Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
                outcome = runner.run(handler, new Invocation(command.actionId(), command.params(), left), abort);
                Duration backoff = backoff(retries + 1);
                if (!mayRetry(outcome, capability, retries, command.maxRetries())
                        || System.nanoTime() + backoff.toNanos() >= deadline) {
                    break;
                }
                retries++;
                LOG.info(
                        "Retrying {} {} ({} of {}) after {}: {}",
                        command.intent(),
                        command.actionId(),
                        retries,
                        command.maxRetries(),
                        outcome.errorCode(),
                        outcome.errorMessage());
                if (abort.await(backoff)) {
                    outcome = Outcome.failed(
                            abort.code(), "Aborted: " + abort.reason().orElse("aborted"), outcome.evidence());
                    break;
                }
            }
        } catch (InterruptedException e) {
            stopped(command, capability, events, millisSince(start), retries, e);
            return;
        }
        events.publish(finished(command, outcome, budget, millisSince(start), retries));
    }

    /** Retries only failures the handler calls retriable, never input actions (typing twice is not harmless). */
    private static boolean mayRetry(Outcome outcome, Capability capability, int retries, int maxRetries) {
        return !outcome.success() && outcome.retriable() && retries < maxRetries && !capability.is(Tag.INPUT);
    }

    private static Duration backoff(int retry) {
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << Math.min(retry - 1, 10));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /**
     * The executor is stopping: an idempotent action is left to be delivered and run again; any
     * other is reported failed now, since running it again could do it twice.
     */
    private void stopped(
            ExecuteCommand command,
            Capability capability,
            EventPublisher events,
            long durationMs,
            int retries,
            InterruptedException cause) {
        if (capability.idempotent()) {
            Thread.currentThread().interrupt();
            throw new ExecutionInterruptedException("Stopped while running " + command.actionId(), cause);
        }
        events.publish(failed(
                command,
                ErrorCode.INTERRUPTED,
                "The executor stopped mid-action; " + command.intent()
                        + " is not idempotent, so the action is not run again",
                durationMs,
                retries,
                null));
        Thread.currentThread().interrupt();
    }

    private ActionFailed failed(
            ExecuteCommand command, ErrorCode code, String message, long durationMs, int retries, Outcome outcome) {
        Execution execution = new Execution(
                false, null, code.code(), message, durationMs, retries, outcome == null ? null : outcome.evidence());
        return new ActionFailed(command.actionId(), command.intent(), nodeId, execution);
    }

    /** The final event; a timeout is reported against the command's whole budget, not the last try's share. */
    private ActionEvent finished(
            ExecuteCommand command, Outcome outcome, Duration budget, long durationMs, int retries) {
        if (outcome.success()) {
            return new ActionSucceeded(
                    command.actionId(),
                    command.intent(),
                    nodeId,
                    Execution.succeeded(outcome.output(), durationMs, retries, outcome.evidence()));
        }
        String message = outcome.errorCode() == ErrorCode.TIMEOUT
                ? "Timed out after " + budget.toMillis() + " ms"
                : outcome.errorMessage();
        return failed(command, outcome.errorCode(), message, durationMs, retries, outcome);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
