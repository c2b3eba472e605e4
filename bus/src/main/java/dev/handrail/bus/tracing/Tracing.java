package dev.handrail.bus.tracing;

import io.nats.client.impl.Headers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The services' tracer and the W3C trace context as it travels on NATS: {@code traceparent} and
 * {@code tracestate} headers, and the envelope's {@code traceparent} extension for subscribers
 * that read only the JSON. The tracer is the service's OpenTelemetry (set once at start-up by
 * {@code BusFactory}, with the bus); until then, and in code that runs without Micronaut, it is the no-op
 * tracer, which still carries a context it is given but records nothing. Thread-safe: the tracer
 * is a volatile reference to a thread-safe object.
 */
public final class Tracing {

    /** The W3C trace-context header (and CloudEvents extension attribute) naming the sending span. */
    public static final String TRACEPARENT = "traceparent";

    /** The W3C vendor-specific trace state header, sent beside {@link #TRACEPARENT} when there is one. */
    public static final String TRACESTATE = "tracestate";

    /** The instrumentation scope of every span the services make themselves. */
    public static final String SCOPE = "dev.handrail";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static volatile Tracer tracer = OpenTelemetry.noop().getTracer(SCOPE);

    private Tracing() {}

    /** Makes {@code openTelemetry}'s tracer the one {@link #tracer()} gives. */
    public static void use(OpenTelemetry openTelemetry) {
        tracer = openTelemetry.getTracer(SCOPE);
    }

    public static Tracer tracer() {
        return tracer;
    }

    /** The {@code traceparent} of the current span; null when there is none. */
    public static @Nullable String currentTraceparent() {
        return traceparent(Span.current().getSpanContext());
    }

    /** The {@code traceparent} naming {@code span}; null when it is not a valid span context. */
    public static @Nullable String traceparent(SpanContext span) {
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }

    /** The {@code tracestate} of the current span; null when it has none. */
    public static @Nullable String currentTracestate() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid() || span.getTraceState().isEmpty()) {
            return null;
        }
        StringBuilder state = new StringBuilder();
        span.getTraceState().forEach((key, value) -> {
            if (state.length() > 0) {
                state.append(',');
            }
            state.append(key).append('=').append(value);
        });
        return state.toString();
    }

    /** The trace id (32 hex digits) of the current span; null when there is none. */
    public static @Nullable String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /** The trace id a {@code traceparent} names; null when it names none or does not read as one. */
    public static @Nullable String traceId(@Nullable String traceparent) {
        SpanContext span = remote(traceparent, null);
        return span.isValid() ? span.getTraceId() : null;
    }

    /** The remote span context a {@code traceparent} (and {@code tracestate}) name; invalid when they name none. */
    public static SpanContext remote(@Nullable String traceparent, @Nullable String tracestate) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        Map<String, String> carrier = tracestate == null
                ? Map.of(TRACEPARENT, traceparent)
                : Map.of(TRACEPARENT, traceparent, TRACESTATE, tracestate);
        return Span.fromContext(W3C.extract(Context.root(), carrier, MapGetter.INSTANCE))
                .getSpanContext();
    }

    /**
     * The context a consumed message was sent in: its headers' trace context, else its envelope's
     * {@code traceparent}; the root context (a new trace) when it has neither, or one that does not read.
     */
    public static Context extract(@Nullable Headers headers, @Nullable String envelopeTraceparent) {
        String traceparent = headers == null ? null : headers.getFirst(TRACEPARENT);
        String tracestate = headers == null ? null : headers.getFirst(TRACESTATE);
        SpanContext sent = remote(traceparent, tracestate);
        if (!sent.isValid()) {
            sent = remote(envelopeTraceparent, null);
        }
        return sent.isValid() ? Context.root().with(Span.wrap(sent)) : Context.root();
    }

    /** Work that returns a value and may throw {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} in a span named {@code name}, a child of the current span, and ends it
     * when the work returns or throws (the failure is recorded on the span).
     */
    public static <T, E extends Exception> T inSpan(String name, Work<T, E> work) throws E {
        Span span = tracer.spanBuilder(name).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.run();
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Starts a span named {@code name}, a child of the current span, around asynchronous work: it
     * is current while {@code work} starts the stage, and ends when the stage completes.
     */
    public static <T extends java.util.concurrent.CompletionStage<?>> T untilDone(
            String name, java.util.function.Supplier<T> work) {
        Span span = tracer.spanBuilder(name).startSpan();
        T stage;
        try (Scope ignored = span.makeCurrent()) {
            stage = work.get();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
            span.end();
            throw e;
        }
        stage.whenComplete((done, failure) -> {
            if (failure != null) {
                span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, String.valueOf(failure.getMessage()));
            }
            span.end();
        });
        return stage;
    }

    /**
     * Records a span that has already happened, from {@code start} until now, as a child of the
     * context {@code parentTraceparent} names (a new trace when it names none), linked to the
     * current span (what ended it), with the attributes {@code attributes} sets, and returns the
     * context of the span, for what it caused to be sent in.
     */
    public static Context recordSince(
            String name,
            Instant start,
            @Nullable String parentTraceparent,
            java.util.function.Consumer<io.opentelemetry.api.trace.SpanBuilder> attributes) {
        SpanContext parent = remote(parentTraceparent, null);
        var builder = tracer.spanBuilder(name).setStartTimestamp(start);
        attributes.accept(builder);
        if (parent.isValid()) {
            builder.setParent(Context.root().with(Span.wrap(parent)));
        } else {
            builder.setNoParent();
        }
        SpanContext cause = Span.current().getSpanContext();
        if (cause.isValid()) {
            builder.addLink(cause);
        }
        Span span = builder.startSpan();
        span.end();
        return Context.root().with(span);
    }

    /** Reads trace-context keys from a map (a stored {@code traceparent}). */
    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return List.copyOf(carrier.keySet());
        }

        @Override
        public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
