package dev.handrail.launcher;

import dev.handrail.bus.BusException;
import dev.handrail.bus.Replicas;
import dev.handrail.bus.Streams;
import dev.handrail.contracts.artifact.Artifacts;
import dev.handrail.devkit.ClaimKeyFiles;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must exist before any service starts: the two streams, the artifacts object store (kept
 * {@code HANDRAIL_ARTIFACTS_MAX_AGE}, 24 h by default) and the token bucket (which only the
 * admin identity may create), and the principal-claim key pairs of the gateway and of health
 * (ADR 0013). Idempotent: what exists is left as it is.
 */
final class Provisioning {

    private Provisioning() {}

    /** The signing keys of a local run: each private key goes to its own service only, both public keys to policy. */
    record ClaimKeys(ClaimKeyFiles gateway, ClaimKeyFiles health) {}

    /**
     * The claim key pairs under {@code dir}, generated on first use: each private key in a file
     * readable by its owner only, created atomically ({@link ClaimKeyFiles}).
     */
    static ClaimKeys claimKeys(Path dir) {
        return new ClaimKeys(ClaimKeyFiles.ensure(dir, "gateway"), ClaimKeyFiles.ensure(dir, "health"));
    }

    /** The environment variable that says how long artifacts are kept: {@code 24h}, {@code 90m}, {@code PT6H}... */
    static final String ENV_ARTIFACTS_MAX_AGE = "HANDRAIL_ARTIFACTS_MAX_AGE";

    /** Copies of each stream and bucket on a local cluster: survives losing any one of its three servers. */
    static final Replicas CLUSTER_REPLICAS = new Replicas(3);

    /** How long the first handshake may take on a busy machine. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** How long artifacts are kept, as {@value #ENV_ARTIFACTS_MAX_AGE} says in the form Micronaut also reads. */
    static Duration artifactMaxAge(Map<String, String> env) {
        String value = env.get(ENV_ARTIFACTS_MAX_AGE);
        if (value == null || value.isBlank()) {
            return Artifacts.DEFAULT_MAX_AGE;
        }
        Matcher m = SHORT_DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        try {
            Duration age = !m.matches()
                    ? Duration.parse(value.trim())
                    : switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(Long.parseLong(m.group(1)));
                        case "s" -> Duration.ofSeconds(Long.parseLong(m.group(1)));
                        case "m" -> Duration.ofMinutes(Long.parseLong(m.group(1)));
                        case "h" -> Duration.ofHours(Long.parseLong(m.group(1)));
                        default -> Duration.ofDays(Long.parseLong(m.group(1)));
                    };
            if (age.isZero() || age.isNegative()) {
                throw new IllegalArgumentException(
                        ENV_ARTIFACTS_MAX_AGE + " must be longer than nothing, not " + value);
            }
            return age;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    ENV_ARTIFACTS_MAX_AGE + " must be a duration such as 24h, 90m or PT6H, not " + value, e);
        }
    }

    /** How many servers keep each stream and bucket, if {@link Replicas#ENV} says; fails on a value out of range. */
    static Optional<Replicas> givenReplicas(Map<String, String> env) {
        String given = env.get(Replicas.ENV);
        return given == null || given.isBlank() ? Optional.empty() : Optional.of(Replicas.parse(given));
    }

    /**
     * As the admin identity, on every server of {@code adminUrl}: creates what is missing with
     * {@code replicas} copies and raises the copies of what has fewer.
     */
    static void provision(String adminUrl, Duration artifactMaxAge, Replicas replicas) {
        try (Connection admin = Nats.connect(Options.builder()
                .server(adminUrl)
                .connectionTimeout(CONNECT_TIMEOUT)
                .build())) {
            Streams.provision(admin, artifactMaxAge, replicas);
            Streams.provisionTokens(admin, replicas);
        } catch (IOException e) {
            throw new BusException("Cannot provision NATS as admin: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusException("Interrupted while provisioning NATS", e);
        }
    }
}
