package dev.handrail.executor.execution;

import dev.handrail.contracts.error.ErrorCode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The abort signal of one running command: triggered from outside (the kill switch, a cancelled
 * run) with a reason; the runner waiting on the handler notices it at once, interrupts the handler and
 * reports the action aborted. Thread-safe: triggered from one thread, watched from another.
 */
public final class Abort {

    private final CompletableFuture<String> signal = new CompletableFuture<>();
    private volatile ErrorCode code = ErrorCode.ABORTED_BY_KILL_SWITCH;

    /** A signal that is never triggered. */
    public static Abort never() {
        return new Abort();
    }

    /** Triggers the abort as the kill switch does; the first reason given is kept. */
    public void trigger(String reason) {
        signal.complete(reason);
    }

    /** Triggers the abort with the error code the action fails with; the first trigger is kept. */
    public synchronized void trigger(ErrorCode why, String reason) {
        if (!signal.isDone()) {
            code = why;
            signal.complete(reason);
        }
    }

    /** The code an aborted action fails with: {@code ABORTED_BY_KILL_SWITCH} unless told otherwise. */
    public ErrorCode code() {
        return code;
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
