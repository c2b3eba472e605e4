package dev.handrail.executor.execution;

import dev.handrail.bus.tracing.Tracing;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.CapabilityHandler;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.RefusedException;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one handler call on its own virtual thread under a deadline. When the deadline passes the
 * handler's thread is interrupted (a handler kills what it started) and given a short grace to
 * clean up; the result is {@code TIMEOUT}, with whatever evidence the handler still reported.
 * When the command's {@link Abort} is triggered first (the kill switch), the handler is interrupted
 * the same way and the result is {@code ABORTED_BY_KILL_SWITCH}. A refusal becomes a failed
 * outcome; any other exception an {@code EXECUTOR_ERROR}. Each call is the span
 * {@code executor.run}, which the handler's thread runs in (its verification is a child). Stateless.
 */
public final class HandlerRunner {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerRunner.class);

    private final Duration cleanupGrace;

    public HandlerRunner(Duration cleanupGrace) {
        this.cleanupGrace = cleanupGrace;
    }

    /**
     * Runs the handler; throws {@link InterruptedException} when the calling thread is
     * interrupted (the executor is stopping), after interrupting the handler too.
     */
    public Outcome run(CapabilityHandler handler, Invocation invocation) throws InterruptedException {
        return run(handler, invocation, Abort.never());
    }

    /** Runs the handler unless or until {@code abort} is triggered. */
    public Outcome run(CapabilityHandler handler, Invocation invocation, Abort abort) throws InterruptedException {
        return Tracing.inSpan("executor.run", () -> runTraced(handler, invocation, abort));
    }

    /** {@link #run(CapabilityHandler, Invocation, Abort)} in the current span, which the handler's thread joins. */
    private Outcome runTraced(CapabilityHandler handler, Invocation invocation, Abort abort)
            throws InterruptedException {
        Optional<String> early = abort.reason();
        if (early.isPresent()) {
            return aborted(abort, early.get(), null);
        }
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual()
                .name("capability-" + handler.intent() + "-" + invocation.actionId())
                .start(Context.current().wrap(() -> {
                    try {
                        result.complete(call(handler, invocation));
                    } catch (Throwable failure) {
                        result.completeExceptionally(failure);
                    }
                }));
        try {
            CompletableFuture.anyOf(result, abort.signal())
                    .get(invocation.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (result.isDone()) {
                return result.get();
            }
            worker.interrupt();
            worker.join(cleanupGrace);
            return aborted(abort, abort.reason().orElse("aborted"), result.getNow(null));
        } catch (TimeoutException e) {
            worker.interrupt();
            worker.join(cleanupGrace);
            Outcome late = result.getNow(null);
            return Outcome.failed(
                    ErrorCode.TIMEOUT,
                    "Timed out after " + invocation.timeout().toMillis() + " ms",
                    late == null ? null : late.evidence());
        } catch (InterruptedException e) {
            worker.interrupt();
            worker.join(cleanupGrace);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause()
                    : e.getCause();
            return broken(handler, cause);
        }
    }

    private static Outcome aborted(Abort abort, String reason, Outcome late) {
        return Outcome.failed(abort.code(), "Aborted: " + reason, late == null ? null : late.evidence());
    }

    private static Outcome call(CapabilityHandler handler, Invocation invocation) {
        try {
            return handler.run(invocation);
        } catch (RefusedException e) {
            return Outcome.failed(e.code(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(ErrorCode.INTERRUPTED, handler.intent() + " was stopped before it finished");
        } catch (RuntimeException e) {
            return broken(handler, e);
        }
    }

    private static Outcome broken(CapabilityHandler handler, Throwable failure) {
        LOG.error("Handler for {} failed unexpectedly", handler.intent(), failure);
        return Outcome.failed(ErrorCode.EXECUTOR_ERROR, handler.intent() + " failed inside the executor: " + failure);
    }
}
