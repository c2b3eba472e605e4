package dev.handrail.health.breaker;

import java.time.Instant;

/**
 * A breaker moved. {@code seq} numbers the breaker's visible transitions (1, 2, ...) and names
 * the event that announces it; a move that changes only {@code held} (open to held open) keeps
 * the seq of the move before it and is not announced.
 *
 * @param from      wire state before: {@code closed | open | half_open}
 * @param to        wire state after
 * @param reason    why: {@code failure_rate}, {@code slow_call_rate}, {@code wait_elapsed},
 *                  {@code trial_calls_succeeded}, {@code reset}, {@code node_down}, {@code node_back}
 * @param openUntil when an open breaker lets trial calls through (null unless open and not held)
 */
public record BreakerTransition(
        String name,
        String node,
        String intent,
        long seq,
        String from,
        String to,
        String reason,
        boolean held,
        Instant openUntil,
        Instant at) {

    /** Whether the wire state changed, so the move is announced. */
    public boolean visible() {
        return !from.equals(to);
    }

    /** The id of the event that announces this move: the same whoever publishes it, however often. */
    public String eventId() {
        return name + ".transition." + seq;
    }
}
