package dev.handrail.bus;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The connection a service answers queries on. Where NATS authenticates per service, queries are
 * answered as {@code <identity>-responder} (same password, see {@code nats/handrail.conf}): that
 * identity receives only the service's queries and may publish only one answer to each, so the
 * main connection, which receives the JetStream deliveries and feed taps, carries no reply
 * permissions for the server to track (ADR 0011). Without a user in the NATS URL, or without a
 * responder identity configured, queries are answered on the main connection.
 */
public final class ResponderConnection implements AutoCloseable {

    private static final Pattern USER_INFO = Pattern.compile("^([a-z]+://)([^:@/]+)(:[^@/]*)?@");

    private final @Nullable Connection connection;

    private ResponderConnection(@Nullable Connection connection) {
        this.connection = connection;
    }

    /** Answers on the main connection. */
    public static ResponderConnection shared() {
        return new ResponderConnection(null);
    }

    /** How long the first handshake may take: a busy machine can take more than jnats' default 2 s. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Connects as {@code responderUser} to the servers of {@code mainUrl} (one URL, or several
     * comma-separated: a cluster) when both name a user; otherwise answers on the main connection.
     */
    public static ResponderConnection open(
            @Nullable String mainUrl, @Nullable String responderUser, String connectionName) {
        Optional<String> url = responderUrl(mainUrl, responderUser);
        if (url.isEmpty()) {
            return shared();
        }
        Options options = Options.builder()
                .server(url.get())
                .connectionName(connectionName)
                .maxReconnects(-1)
                .connectionTimeout(CONNECT_TIMEOUT)
                .build();
        try {
            return new ResponderConnection(Nats.connect(options));
        } catch (IOException e) {
            throw new BusException("Cannot connect as " + responderUser + " to answer queries: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusException("Interrupted while connecting as " + responderUser, e);
        }
    }

    /**
     * {@code mainUrl} with its user replaced by {@code responderUser} (in each server's URL of a
     * comma-separated list, each keeping its password); empty when either has none.
     */
    static Optional<String> responderUrl(@Nullable String mainUrl, @Nullable String responderUser) {
        if (mainUrl == null || responderUser == null || responderUser.isBlank()) {
            return Optional.empty();
        }
        List<String> servers = new ArrayList<>();
        for (String server : mainUrl.split(",")) {
            Matcher m = USER_INFO.matcher(server.trim());
            if (!m.find()) {
                return Optional.empty();
            }
            String password = m.group(3) == null ? "" : m.group(3);
            servers.add(
                    m.group(1) + responderUser + password + "@" + server.trim().substring(m.end()));
        }
        return Optional.of(String.join(",", servers));
    }

    /** The responder connection, or {@code main} when queries are answered there. */
    public Connection or(Connection main) {
        return connection == null ? main : connection;
    }

    @Override
    public void close() throws InterruptedException {
        if (connection != null) {
            connection.close();
        }
    }
}
