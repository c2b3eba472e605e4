package dev.handrail.gateway.feed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many live streams each principal holds open on this gateway instance, bounded so one
 * principal cannot tie up the server with idle connections. Thread-safe: per-principal counts
 * change atomically in a concurrent map.
 */
public final class StreamPermits {

    private final int perPrincipal;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public StreamPermits(int perPrincipal) {
        this.perPrincipal = perPrincipal;
    }

    /** Takes a permit; false when the principal already holds its maximum. */
    public boolean tryAcquire(String principal) {
        boolean[] granted = {false};
        open.compute(principal, (p, n) -> {
            int held = n == null ? 0 : n;
            if (held >= perPrincipal) {
                return held;
            }
            granted[0] = true;
            return held + 1;
        });
        return granted[0];
    }

    /** Gives a permit back when a stream closes. */
    public void release(String principal) {
        open.computeIfPresent(principal, (p, n) -> n <= 1 ? null : n - 1);
    }

    public int limit() {
        return perPrincipal;
    }
}
