package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.BreakerStateChanged;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.policy.breaker.BreakerBoard;
import dev.handrail.policy.capability.CapabilitySettings;
import dev.handrail.policy.killswitch.KillSwitchService;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's picture of the control state current, and is ready before any plan is
 * handled: it listens (core NATS) for kill-switch changes and breaker transitions, then reads the
 * kill switches and capability settings from PostgreSQL and replays the breaker transitions the
 * event stream still holds; afterwards it re-reads the tables every
 * {@code handrail.policy.state-refresh-interval}, in case an event was missed.
 */
@Context
public class ControlFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ControlFeed.class);
    private static final Duration REPLAY_WAIT = Duration.ofSeconds(2);

    private final Bus bus;
    private final KillSwitchService killSwitch;
    private final CapabilitySettings settings;
    private final BreakerBoard breakers;

    public ControlFeed(Bus bus, KillSwitchService killSwitch, CapabilitySettings settings, BreakerBoard breakers) {
        this.bus = bus;
        this.killSwitch = killSwitch;
        this.settings = settings;
        this.breakers = breakers;
    }

    @PostConstruct
    void start() {
        bus.listen(Subjects.KILL_SWITCH_EVENTS, this::onKillSwitch);
        bus.listen(Subjects.BREAKER_EVENTS_ALL, this::onBreaker);
        killSwitch.refresh();
        settings.refresh();
        int replayed = replayBreakers(bus.connection());
        LOG.info(
                "Control state ready: {} kill-switch scopes engaged, {} breaker transitions replayed",
                killSwitch.engagedCount(),
                replayed);
    }

    @Scheduled(
            fixedDelay = "${handrail.policy.state-refresh-interval:5s}",
            initialDelay = "${handrail.policy.state-refresh-interval:5s}")
    void refresh() {
        try {
            killSwitch.refresh();
            settings.refresh();
        } catch (RuntimeException e) {
            LOG.warn("Refreshing kill switches and capability settings failed; trying again next tick", e);
        }
    }

    private void onKillSwitch(Message message) {
        try {
            killSwitch.heard(Envelope.parse(message.getData()).message(KillSwitchChanged.class));
        } catch (RuntimeException e) {
            LOG.warn("Ignoring an unreadable kill-switch event on {}: {}", message.getSubject(), e.getMessage());
        }
    }

    private void onBreaker(Message message) {
        try {
            breakers.apply(Envelope.parse(message.getData()).message(BreakerStateChanged.class));
        } catch (RuntimeException e) {
            LOG.warn("Ignoring an unreadable breaker event on {}: {}", message.getSubject(), e.getMessage());
        }
    }

    /**
     * Reads every breaker transition the event stream holds, oldest first, with an ordered
     * consumer. Each breaker's latest transition wins; all of them are read, not the last per
     * subject, because breakers of one node share a subject per state.
     */
    private int replayBreakers(Connection connection) {
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            StreamInfo info = jsm.getStreamInfo(
                    Subjects.STREAM_EVENTS, StreamInfoOptions.filterSubjects(Subjects.BREAKER_EVENTS_ALL));
            if (info.getStreamState().getSubjectCount() == 0
                    || info.getStreamState().getSubjects() == null
                    || info.getStreamState().getSubjects().isEmpty()) {
                return 0;
            }
            OrderedConsumerContext ordered = connection
                    .getStreamContext(Subjects.STREAM_EVENTS)
                    .createOrderedConsumer(new OrderedConsumerConfiguration()
                            .filterSubject(Subjects.BREAKER_EVENTS_ALL)
                            .deliverPolicy(DeliverPolicy.All));
            int count = 0;
            try (IterableConsumer consumer = ordered.iterate()) {
                Message message = consumer.nextMessage(REPLAY_WAIT);
                while (message != null) {
                    onBreaker(message);
                    count++;
                    if (message.metaData().pendingCount() == 0) {
                        break;
                    }
                    message = consumer.nextMessage(REPLAY_WAIT);
                }
            }
            return count;
        } catch (IOException | JetStreamApiException e) {
            LOG.warn("Could not replay breaker transitions; live ones still arrive: {}", e.getMessage());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            LOG.warn("Could not replay breaker transitions; live ones still arrive: {}", e.getMessage());
            return 0;
        }
    }
}
