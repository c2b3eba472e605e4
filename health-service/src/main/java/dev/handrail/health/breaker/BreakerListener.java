package dev.handrail.health.breaker;

import java.time.Instant;

/**
 * What the board tells about its breakers as they change. Called under the board's lock, in
 * order; an implementation must not call back into the board.
 */
public interface BreakerListener {

    /** Nobody listens: for a board that keeps its breakers to itself (tests). */
    BreakerListener NONE = new BreakerListener() {
        @Override
        public void created(String name, String node, String intent, Instant at) {}

        @Override
        public void transitioned(BreakerTransition transition) {}
    };

    /** A breaker was created on its first outcome (closed). */
    void created(String name, String node, String intent, Instant at);

    /** A breaker moved. */
    void transitioned(BreakerTransition transition);
}
