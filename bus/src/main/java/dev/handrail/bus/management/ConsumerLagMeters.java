package dev.handrail.bus.management;

import dev.handrail.bus.Bus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The JetStream lag of every durable consumer this service owns, as gauges on the management
 * port: {@code handrail.consumer.pending} (messages in the stream the consumer has not been given
 * yet) and {@code handrail.consumer.ack.pending} (given, not yet acknowledged), tagged with the
 * stream and the durable. Read from JetStream every 10 s, not on each scrape.
 */
@Singleton
@Requires(beans = {Bus.class, MeterRegistry.class})
public class ConsumerLagMeters {

    private final Bus bus;
    private final MultiGauge pending;
    private final MultiGauge ackPending;

    public ConsumerLagMeters(Bus bus, MeterRegistry registry) {
        this.bus = bus;
        this.pending = MultiGauge.builder("handrail.consumer.pending")
                .description("Messages of the stream this durable consumer has not been given yet")
                .register(registry);
        this.ackPending = MultiGauge.builder("handrail.consumer.ack.pending")
                .description("Messages given to this durable consumer and not acknowledged yet")
                .register(registry);
    }

    /** Reads the lag of every durable now and replaces the gauges' rows. */
    @Scheduled(fixedDelay = "10s", initialDelay = "2s")
    public void refresh() {
        List<Bus.ConsumerLag> lag = bus.consumerLag();
        pending.register(
                lag.stream().map(l -> MultiGauge.Row.of(tags(l), l.pending())).toList(), true);
        ackPending.register(
                lag.stream()
                        .map(l -> MultiGauge.Row.of(tags(l), l.ackPending()))
                        .toList(),
                true);
    }

    private static Tags tags(Bus.ConsumerLag lag) {
        return Tags.of("stream", lag.stream(), "durable", lag.durable());
    }
}
