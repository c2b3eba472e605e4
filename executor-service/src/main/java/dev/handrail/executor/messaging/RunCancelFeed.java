package dev.handrail.executor.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.RunChanged;
import dev.handrail.executor.execution.RunningCommands;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops this node's running actions of a run that was cancelled: policy's {@code cancelled}
 * event names the run's admitted actions, and those running here are aborted at once and fail
 * with {@code RUN_CANCELLED}. Live on core NATS: a cancellation heard while this node was
 * disconnected does not stop an action already running (one not yet started is not affected
 * either way, since policy no longer admits actions into a cancelled run). Started once, before
 * the node takes commands; thread-safe.
 */
@Singleton
public class RunCancelFeed {

    private static final Logger LOG = LoggerFactory.getLogger(RunCancelFeed.class);

    private final Bus bus;
    private final RunningCommands running;
    private final AtomicBoolean started = new AtomicBoolean();

    public RunCancelFeed(Bus bus, RunningCommands running) {
        this.bus = bus;
        this.running = running;
    }

    /** Subscribes; does nothing the second time. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            bus.listen(Subjects.runEvent("cancelled"), message -> apply(message.getData()));
        }
    }

    void apply(byte[] data) {
        RunChanged change;
        try {
            change = Envelope.parse(data).message(RunChanged.class);
        } catch (RuntimeException e) {
            LOG.warn("Ignoring a run-cancelled message that cannot be read: {}", e.getMessage());
            return;
        }
        if (change.actionIds().isEmpty()) {
            return;
        }
        String reason = "run " + change.runId() + " was cancelled by " + change.by()
                + (change.detail() == null ? "" : ": " + change.detail());
        int aborted = running.abortActions(change.actionIds(), ErrorCode.RUN_CANCELLED, reason);
        if (aborted > 0) {
            LOG.warn("Run {} was cancelled: aborted {} running action(s)", change.runId(), aborted);
        }
    }
}
