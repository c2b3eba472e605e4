package dev.handrail.bench.profile;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Counts stack samples three ways: the method on top of the stack (where the CPU was spent),
 * the library that method belongs to (Jackson, Netty, NATS, the JDBC driver, the JDK, ours),
 * and the nearest frame of our own code below the top (which of our methods led there). Names
 * of lambda classes lose their per-run address so samples of the same lambda add up. Not
 * thread-safe: fill it from one thread.
 */
public final class FrameTally {

    private static final Pattern LAMBDA_ADDRESS = Pattern.compile("\\$\\$Lambda[./$]?0x[0-9a-fA-F]+");
    private static final List<String> LIBRARIES = List.of(
            "com.fasterxml.jackson",
            "io.netty",
            "io.micronaut",
            "io.nats",
            "org.postgresql",
            "com.zaxxer.hikari",
            "io.micrometer",
            "org.flywaydb",
            "ch.qos.logback",
            "io.github.bucket4j",
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "com.sun.");

    private final String ownPackage;
    private final Map<String, Long> top = new HashMap<>();
    private final Map<String, Long> libraries = new HashMap<>();
    private final Map<String, Long> nearestOwn = new HashMap<>();
    private long samples;

    /** A tally whose own frames are those whose name starts with {@code ownPackage} (e.g. {@code dev.handrail.}). */
    public FrameTally(String ownPackage) {
        this.ownPackage = ownPackage;
    }

    /** A frame (or a library) and the share of samples it was counted in. */
    public record Share(String frame, long samples, double percent) {}

    /** Adds one sample; {@code frames} are {@code Class.method} names, the top of the stack first. */
    public void add(List<String> frames) {
        if (frames.isEmpty()) {
            return;
        }
        samples++;
        String first = normalise(frames.getFirst());
        top.merge(first, 1L, Long::sum);
        libraries.merge(library(first), 1L, Long::sum);
        frames.stream()
                .map(FrameTally::normalise)
                .filter(f -> f.startsWith(ownPackage))
                .findFirst()
                .ifPresent(own -> nearestOwn.merge(own, 1L, Long::sum));
    }

    public long samples() {
        return samples;
    }

    /** The {@code limit} methods most often on top, most first. */
    public List<Share> topOfStack(int limit) {
        return sorted(top, limit);
    }

    /** The libraries the top-of-stack methods belong to, most first. */
    public List<Share> libraries(int limit) {
        return sorted(libraries, limit);
    }

    /** The {@code limit} own methods most often nearest to the top, most first. */
    public List<Share> ownFrames(int limit) {
        return sorted(nearestOwn, limit);
    }

    static String normalise(String frame) {
        return LAMBDA_ADDRESS.matcher(frame).replaceAll("\\$\\$Lambda");
    }

    /** The library a frame belongs to: a known prefix, our own code, or the first two parts of its package. */
    String library(String frame) {
        if (frame.startsWith(ownPackage)) {
            return ownPackage + "*";
        }
        for (String prefix : LIBRARIES) {
            if (frame.startsWith(prefix)) {
                return prefix.endsWith(".") ? prefix + "*" : prefix;
            }
        }
        String[] parts = frame.split("\\.");
        return parts.length > 2 ? parts[0] + "." + parts[1] : frame;
    }

    private List<Share> sorted(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> new Share(e.getKey(), e.getValue(), samples == 0 ? 0 : 100.0 * e.getValue() / samples))
                .toList();
    }
}
