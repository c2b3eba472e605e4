package dev.handrail.bus;

import org.jspecify.annotations.Nullable;

/**
 * How many NATS servers keep a copy of each stream and bucket Handrail makes: 1 on a single
 * server, 3 on a cluster (a stream then survives losing one server). Configured by
 * {@value #PROPERTY} ({@value #ENV} in the environment); see ADR 0028.
 *
 * @param count 1 to {@value #MAX}, as JetStream allows
 */
public record Replicas(int count) {

    /** The configuration property. */
    public static final String PROPERTY = "handrail.nats.replicas";
    /** The environment variable Micronaut reads as {@value #PROPERTY}, and the launcher reads itself. */
    public static final String ENV = "HANDRAIL_NATS_REPLICAS";
    /** JetStream keeps at most five copies of a stream. */
    public static final int MAX = 5;
    /** One copy: a single server. */
    public static final Replicas ONE = new Replicas(1);

    public Replicas {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException(message(String.valueOf(count)));
        }
    }

    /** The count {@code value} names; {@link #ONE} when it is null or blank. */
    public static Replicas parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return ONE;
        }
        try {
            return new Replicas(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(message(value), e);
        }
    }

    private static String message(String value) {
        return ENV + " (" + PROPERTY + ") must be a whole number from 1 to " + MAX
                + ": 1 on a single NATS server, 3 on a cluster of three or more; not \"" + value + "\"";
    }
}
