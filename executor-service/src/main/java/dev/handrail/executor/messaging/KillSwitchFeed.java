package dev.handrail.executor.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.executor.killswitch.KillSwitch;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds kill-switch changes to the node's {@link KillSwitch}: live on core NATS (so an abort
 * reaches running work within milliseconds), after first replaying the changes the event stream
 * still holds, so an executor that starts while a scope is engaged refuses work in it at once.
 * Both paths may deliver the same change; the kill switch keeps the latest per scope. Started
 * once, before the node takes commands; safe across the NATS dispatcher thread.
 */
@Singleton
public class KillSwitchFeed {

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitchFeed.class);
    private static final Duration REPLAY_WAIT = Duration.ofSeconds(2);
    /** JetStream API error: no message on the subject (10037) or no such stream (10059). */
    private static final int NO_MESSAGE = 10037;
    private static final int NO_STREAM = 10059;

    private final Bus bus;
    private final KillSwitch killSwitch;
    private final AtomicBoolean started = new AtomicBoolean();

    public KillSwitchFeed(Bus bus, KillSwitch killSwitch) {
        this.bus = bus;
        this.killSwitch = killSwitch;
    }

    /** Subscribes to live changes, then replays the stored ones; does nothing the second time. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        bus.listen(Subjects.KILL_SWITCH_EVENTS, message -> apply(message.getData(), "live"));
        try {
            replay();
        } catch (IOException | JetStreamApiException e) {
            LOG.warn("Cannot replay kill-switch changes ({}); only live changes will be seen", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void replay() throws IOException, JetStreamApiException, InterruptedException {
        try {
            bus.connection().jetStreamManagement().getLastMessage(Subjects.STREAM_EVENTS, Subjects.KILL_SWITCH_EVENTS);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE || e.getApiErrorCode() == NO_STREAM) {
                return;
            }
            throw e;
        }
        PushSubscribeOptions options = PushSubscribeOptions.builder().stream(Subjects.STREAM_EVENTS).ordered(true).build();
        JetStreamSubscription subscription = bus.connection().jetStream().subscribe(Subjects.KILL_SWITCH_EVENTS, options);
        int replayed = 0;
        try {
            Message message;
            while ((message = subscription.nextMessage(REPLAY_WAIT)) != null) {
                apply(message.getData(), "replay");
                replayed++;
                if (message.metaData().pendingCount() == 0) {
                    break;
                }
            }
        } finally {
            subscription.unsubscribe();
        }
        LOG.info("Replayed {} kill-switch change(s); engaged now: {}", replayed, killSwitch.scopes());
    }

    private void apply(byte[] data, String via) {
        try {
            KillSwitchChanged change = Envelope.parse(data).message(KillSwitchChanged.class);
            killSwitch.apply(change.scope(), change.engaged(), change.reason(), change.changedBy(), change.at());
        } catch (RuntimeException e) {
            LOG.warn("Ignoring a {} kill-switch message that cannot be read: {}", via, e.getMessage());
        }
    }
}
