package dev.handrail.executor.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.executor.killswitch.KillSwitch;
import io.nats.client.JetStreamApiException;
import io.nats.client.MessageHandler;
import io.nats.client.Dispatcher;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import jakarta.annotation.PreDestroy;
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
 * an abort reaches running work within milliseconds; and from the event stream with an ordered
 * JetStream consumer that first replays the changes the stream holds (so an executor that starts
 * while a scope is engaged refuses work in it at once) and then keeps following it. Core NATS
 * delivers at most once: a change published while this connection is away (a reconnect after a
 * stall, a slow-consumer cut) never arrives on the live path, and before the stream path kept
 * following, nothing ever delivered it again, so a running action was not aborted. The stream
 * path resumes from its last sequence after a reconnect, and when JetStream does not answer at
 * start-up (a starved machine) it is tried again every second until it follows. Both paths deliver every change; the
 * kill switch keeps the latest per scope and ignores repeats. Started once, before the node takes
 * commands; safe across the NATS dispatcher threads.
 */
@Singleton
public class KillSwitchFeed {

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitchFeed.class);
    private static final Duration REPLAY_WAIT = Duration.ofSeconds(5);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    /** JetStream API error: no message on the subject (a missing stream is tried again like a timeout). */
    private static final int NO_MESSAGE = 10037;

    private final Bus bus;
    private final KillSwitch killSwitch;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Dispatcher following;
    private volatile Thread retrying;

    public KillSwitchFeed(Bus bus, KillSwitch killSwitch) {
        this.bus = bus;
        this.killSwitch = killSwitch;
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
                LOG.warn("Cannot follow kill-switch changes in the stream yet ({}); live changes are seen meanwhile, "
                        + "trying again every {}", e.getMessage(), RETRY_EVERY);
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

    /** Follows the stream alone (the live path is {@link #start()}'s); returns once the stored changes are replayed. */
    void follow() throws IOException, JetStreamApiException, InterruptedException {
        if (!streamHoldsChanges()) {
            return;
        }
        CountDownLatch replayed = new CountDownLatch(1);
        AtomicInteger count = new AtomicInteger();
        PushSubscribeOptions options = PushSubscribeOptions.builder().stream(Subjects.STREAM_EVENTS).ordered(true).build();
        following = subscribe(options, message -> {
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

    /** Whether the stream holds any kill-switch change (an ordered consumer on an empty subject would only wait). */
    private boolean streamHoldsChanges() throws IOException, JetStreamApiException {
        try {
            bus.connection().jetStreamManagement().getLastMessage(Subjects.STREAM_EVENTS, Subjects.KILL_SWITCH_EVENTS);
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE) {
                return followFromNow();
            }
            throw e;
        }
    }

    /** No change stored yet: follow the stream from the next one on, with nothing to replay. */
    private boolean followFromNow() throws IOException, JetStreamApiException {
        PushSubscribeOptions options = PushSubscribeOptions.builder().stream(Subjects.STREAM_EVENTS).ordered(true)
                .configuration(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.New).build()).build();
        following = subscribe(options, message -> apply(message.getData(), "stream"));
        return false;
    }

    /** An ordered consumer on its own dispatcher; the dispatcher is closed again when subscribing fails. */
    private Dispatcher subscribe(PushSubscribeOptions options, MessageHandler handler)
            throws IOException, JetStreamApiException {
        Dispatcher dispatcher = bus.connection().createDispatcher();
        try {
            bus.connection().jetStream().subscribe(Subjects.KILL_SWITCH_EVENTS, dispatcher, handler, false, options);
            return dispatcher;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            bus.connection().closeDispatcher(dispatcher);
            throw e;
        }
    }

    /** Stops following the stream (the live subscription ends with the bus). */
    @PreDestroy
    void stop() {
        Thread retry = retrying;
        if (retry != null) {
            retry.interrupt();
        }
        Dispatcher dispatcher = following;
        if (dispatcher != null) {
            bus.connection().closeDispatcher(dispatcher);
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
