package dev.handrail.gateway.messaging;

import dev.handrail.bus.BusException;
import dev.handrail.bus.Replicas;
import dev.handrail.bus.Streams;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.json.Json;
import dev.handrail.gateway.auth.TokenRecord;
import dev.handrail.gateway.auth.TokenStore;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tokens in the NATS key-value bucket {@code handrail_tokens} (JetStream, durable), shared by all
 * gateway instances. Each instance keeps every token in memory, kept current by a watch on the
 * bucket, so checking a token costs no round trip and a revocation reaches every instance within
 * moments. Thread-safe: concurrent maps updated by the watch and by this instance's own writes.
 */
@Singleton
public class KvTokenStore implements TokenStore {

    static final String BUCKET = Subjects.TOKEN_BUCKET;

    private final KeyValue kv;
    private final Map<String, TokenRecord> byId = new ConcurrentHashMap<>();
    private final Map<String, TokenRecord> byHash = new ConcurrentHashMap<>();

    /** Opens the bucket, made if missing (or given more copies) as {@code replicas} says. */
    public KvTokenStore(Connection connection, Replicas replicas) {
        try {
            Streams.provisionTokens(connection, replicas);
            this.kv = connection.keyValue(BUCKET);
            CountDownLatch loaded = new CountDownLatch(1);
            kv.watchAll(new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry entry) {
                    apply(entry);
                }

                @Override
                public void endOfData() {
                    loaded.countDown();
                }
            });
            if (!loaded.await(10, TimeUnit.SECONDS)) {
                throw new BusException("Tokens did not load from bucket " + BUCKET + " within 10 s");
            }
        } catch (IOException | JetStreamApiException e) {
            throw new BusException("Cannot open token bucket " + BUCKET + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusException("Interrupted while loading tokens", e);
        }
    }

    private void apply(KeyValueEntry entry) {
        if (entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
            return;
        }
        remember(Json.read(entry.getValue(), TokenRecord.class));
    }

    private void remember(TokenRecord token) {
        byId.put(token.id(), token);
        byHash.put(token.secretHash(), token);
    }

    @Override
    public Optional<TokenRecord> findByHash(String secretHash) {
        return Optional.ofNullable(byHash.get(secretHash));
    }

    @Override
    public Optional<TokenRecord> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<TokenRecord> all() {
        return byId.values().stream()
                .sorted(Comparator.comparing(TokenRecord::createdAt).reversed())
                .toList();
    }

    @Override
    public void save(TokenRecord token) {
        try {
            kv.put("token." + token.id(), Json.bytes(token));
            remember(token);
        } catch (IOException | JetStreamApiException e) {
            throw new BusException("Cannot store token " + token.id() + ": " + e.getMessage(), e);
        }
    }
}
