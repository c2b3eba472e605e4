package dev.handrail.executor.execution;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The abort signal of one running command: triggered from outside (the kill switch) with a
 * reason; the runner waiting on the handler notices it at once, interrupts the handler and
 * reports the action aborted. Thread-safe: triggered from one thread, watched from another.
 */
public final class Abort {

    private final CompletableFuture<String> signal = new CompletableFuture<>();

    /** A signal that is never triggered. */
    public static Abort never() {
        return new Abort();
    }

    /** Triggers the abort; the first reason given is kept. */
    public void trigger(String reason) {
        signal.complete(reason);
    }

    /** The reason, once triggered. */
    public Optional<String> reason() {
        return Optional.ofNullable(signal.getNow(null));
    }

    CompletableFuture<String> signal() {
        return signal;
    }

    /** Waits up to {@code wait} for the abort; true when it was triggered. */
    boolean await(Duration wait) throws InterruptedException {
        try {
            signal.get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("An abort signal never completes exceptionally", e);
        }
    }
}
