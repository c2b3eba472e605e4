package dev.handrail.executor.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.executor.killswitch.KillSwitch;
import dev.handrail.executor.node.ExecutorProperties;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import jakarta.inject.Inject;
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
    /** A replay consumer left by a start that died is removed by the server after this. */
    private static final Duration INACTIVE = Duration.ofMinutes(1);
    /** JetStream API errors: no such stream, no such consumer. */
    private static final int NO_STREAM = 10059;
    private static final int NO_CONSUMER = 10014;

    private final Bus bus;
    private final KillSwitch killSwitch;
    private final String node;
    private final AtomicBoolean started = new AtomicBoolean();

    @Inject
    public KillSwitchFeed(Bus bus, KillSwitch killSwitch, ExecutorProperties properties) {
        this(bus, killSwitch, properties.getNodeId());
    }

    KillSwitchFeed(Bus bus, KillSwitch killSwitch, String node) {
        this.bus = bus;
        this.killSwitch = killSwitch;
        this.node = node;
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

    /**
     * Reads the stored changes with this node's own replay consumer, filtered on the kill-switch
     * subject and made afresh each time (the one left by an earlier start is deleted first): the
     * node's identity may create, read and delete no other consumer of the event stream, and read
     * no other message of it (nats/handrail.conf).
     */
    private void replay() throws IOException, JetStreamApiException, InterruptedException {
        JetStreamManagement jsm = bus.connection().jetStreamManagement();
        StreamInfo info;
        try {
            info = jsm.getStreamInfo(Subjects.STREAM_EVENTS, StreamInfoOptions.filterSubjects(Subjects.KILL_SWITCH_EVENTS));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_STREAM) {
                return;
            }
            throw e;
        }
        if (info.getStreamState().getSubjectCount() == 0) {
            return;
        }
        String name = Subjects.killSwitchReplay(node);
        deleteQuietly(jsm, name);
        ConsumerContext context = bus.connection().getStreamContext(Subjects.STREAM_EVENTS).createOrUpdateConsumer(
                ConsumerConfiguration.builder().name(name).filterSubject(Subjects.KILL_SWITCH_EVENTS)
                        .deliverPolicy(DeliverPolicy.All).ackPolicy(AckPolicy.None).inactiveThreshold(INACTIVE).build());
        int replayed = 0;
        try {
            Message message;
            while ((message = context.next(REPLAY_WAIT)) != null) {
                apply(message.getData(), "replay");
                replayed++;
                if (message.metaData().pendingCount() == 0) {
                    break;
                }
            }
        } catch (JetStreamStatusCheckedException e) {
            throw new IOException("Kill-switch replay stopped: " + e.getMessage(), e);
        } finally {
            deleteQuietly(jsm, name);
        }
        LOG.info("Replayed {} kill-switch change(s); engaged now: {}", replayed, killSwitch.scopes());
    }

    private static void deleteQuietly(JetStreamManagement jsm, String consumer) throws IOException {
        try {
            jsm.deleteConsumer(Subjects.STREAM_EVENTS, consumer);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != NO_CONSUMER) {
                LOG.warn("Cannot delete kill-switch replay consumer {}: {}", consumer, e.getMessage());
            }
        }
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
