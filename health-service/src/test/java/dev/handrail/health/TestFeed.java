package dev.handrail.health;

import dev.handrail.contracts.message.Envelope;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A test's own NATS connection, to read what JetStream stored on a subject (each message once, duplicates dropped). */
public final class TestFeed implements AutoCloseable {

    private final Connection connection;

    public TestFeed(String natsUrl) {
        try {
            this.connection = Nats.connect(natsUrl);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Connection connection() {
        return connection;
    }

    /** Every envelope the stream holds on {@code subject}, in order. */
    public List<Envelope> stored(String subject) {
        try {
            JetStream js = connection.jetStream();
            PushSubscribeOptions options = PushSubscribeOptions.builder()
                    .ordered(true)
                    .configuration(ConsumerConfiguration.builder()
                            .deliverPolicy(DeliverPolicy.All)
                            .build())
                    .build();
            JetStreamSubscription sub = js.subscribe(subject, options);
            try {
                List<Envelope> envelopes = new ArrayList<>();
                Message m = sub.nextMessage(Duration.ofMillis(500));
                while (m != null) {
                    envelopes.add(Envelope.parse(m.getData()));
                    m = sub.nextMessage(Duration.ofMillis(200));
                }
                return envelopes;
            } finally {
                sub.unsubscribe();
            }
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("Cannot read " + subject + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }
}
