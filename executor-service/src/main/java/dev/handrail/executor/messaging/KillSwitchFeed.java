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
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds kill-switch changes to the node's {@link KillSwitch} on two paths. Live on core NATS, so
 * an abort reaches running work within milliseconds; and from the event stream through this
 * node's own consumer ({@code executor-<node>-kill-switch}, filtered on the kill-switch subject:
 * the only event-stream consumer the node's NATS identity may create, read or delete, ADR 0014),
 * which first replays the changes the stream holds (so an executor that starts while a scope is
 * engaged refuses work in it at once) and then keeps following it. Core NATS delivers at most
 * once: a change published while this connection is away (a reconnect after a stall, a
 * slow-consumer cut) never arrives on the live path, so the stream path keeps following, and
 * when JetStream does not answer at start-up (a starved machine) it is tried again every second
 * until it follows. Both paths deliver every change; the kill switch keeps the latest per scope
 * and ignores repeats. Started once, before the node takes commands; thread-safe.
 */
@Singleton
public class KillSwitchFeed {

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitchFeed.class);
    private static final Duration REPLAY_WAIT = Duration.ofSeconds(5);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    /** A consumer left by an executor that died is removed by the server after this. */
    private static final Duration INACTIVE = Duration.ofMinutes(1);
    /** JetStream API error: no such consumer. */
    private static final int NO_CONSUMER = 10014;

    private final Bus bus;
    private final KillSwitch killSwitch;
    private final String node;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile MessageConsumer following;
    private volatile Thread retrying;

    @Inject
    public KillSwitchFeed(Bus bus, KillSwitch killSwitch, ExecutorProperties properties) {
        this(bus, killSwitch, properties.getNodeId());
    }

    KillSwitchFeed(Bus bus, KillSwitch killSwitch, String node) {
        this.bus = bus;
        this.killSwitch = killSwitch;
        this.node = node;
    }

    /**
     * Subscribes to live changes, then follows the stream and waits until the stored changes are
     * replayed; does nothing the second time.
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        bus.listen(Subjects.KILL_SWITCH_EVENTS, message -> apply(message.getData(), "live"));
        if (!tryToFollow(true)) {
            retrying = Thread.ofVirtual().name("kill-switch-follow").start(this::keepTryingToFollow);
        }
    }

    /** One attempt to follow the stream; false when JetStream did not answer (logged the first time). */
    private boolean tryToFollow(boolean first) {
        try {
            follow();
            return true;
        } catch (IOException | JetStreamApiException e) {
            if (first) {
                LOG.warn(
                        "Cannot follow kill-switch changes in the stream yet ({}); live changes are seen meanwhile, "
                                + "trying again every {}",
                        e.getMessage(),
                        RETRY_EVERY);
            } else {
                LOG.debug("Still cannot follow kill-switch changes in the stream: {}", e.getMessage());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * A JetStream API call can time out on a starved machine at start-up; giving up then would
     * leave only the at-most-once live path, so the stream path is tried until it is followed.
     */
    private void keepTryingToFollow() {
        try {
            do {
                TimeUnit.MILLISECONDS.sleep(RETRY_EVERY.toMillis());
            } while (!tryToFollow(false));
            LOG.info("Following kill-switch changes in the stream now");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Follows the stream alone (the live path is {@link #start()}'s) through the node's own
     * consumer, made afresh (one left by an earlier start is deleted first); returns once the
     * stored changes are replayed.
     */
    void follow() throws IOException, JetStreamApiException, InterruptedException {
        JetStreamManagement jsm = bus.connection().jetStreamManagement();
        String name = Subjects.killSwitchReplay(node);
        deleteQuietly(jsm, name);
        ConsumerContext context = bus.connection()
                .getStreamContext(Subjects.STREAM_EVENTS)
                .createOrUpdateConsumer(ConsumerConfiguration.builder()
                        .name(name)
                        .filterSubject(Subjects.KILL_SWITCH_EVENTS)
                        .deliverPolicy(DeliverPolicy.All)
                        .ackPolicy(AckPolicy.None)
                        .inactiveThreshold(INACTIVE)
                        .build());
        long stored = context.getCachedConsumerInfo().getNumPending();
        CountDownLatch replayed = new CountDownLatch(stored == 0 ? 0 : 1);
        AtomicInteger count = new AtomicInteger();
        following = context.consume(message -> {
            apply(message.getData(), "stream");
            if (replayed.getCount() > 0) {
                count.incrementAndGet();
                if (message.metaData().pendingCount() == 0) {
                    replayed.countDown();
                }
            }
        });
        if (!replayed.await(REPLAY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Kill-switch changes not replayed within {}; going on, they will still arrive", REPLAY_WAIT);
        }
        LOG.info("Replayed {} kill-switch change(s); engaged now: {}", count.get(), killSwitch.scopes());
    }

    /** Stops following the stream and removes the node's consumer (the live subscription ends with the bus). */
    @PreDestroy
    void stop() {
        Thread retry = retrying;
        if (retry != null) {
            retry.interrupt();
        }
        MessageConsumer consumer = following;
        if (consumer != null) {
            try {
                consumer.stop();
                deleteQuietly(bus.connection().jetStreamManagement(), Subjects.killSwitchReplay(node));
            } catch (IOException | RuntimeException e) {
                LOG.debug("Stopping the kill-switch consumer: {}", e.getMessage());
            }
        }
    }

    private static void deleteQuietly(JetStreamManagement jsm, String consumer) throws IOException {
        try {
            jsm.deleteConsumer(Subjects.STREAM_EVENTS, consumer);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != NO_CONSUMER) {
                LOG.warn("Cannot delete kill-switch consumer {}: {}", consumer, e.getMessage());
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
