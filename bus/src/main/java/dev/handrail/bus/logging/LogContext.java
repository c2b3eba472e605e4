package dev.handrail.bus.logging;

import dev.handrail.contracts.message.Envelope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * What a log line is about, in the MDC while a message is handled: the action (or other subject)
 * id, the correlation id, the session and the principal of the envelope, and the id of the trace
 * it is handled in. Never a secret: ids and names only. Closing puts back what the MDC held before.
 */
public final class LogContext implements AutoCloseable {

    public static final String ACTION_ID = "action_id";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String SESSION = "session";
    public static final String PRINCIPAL = "principal";
    public static final String TRACE_ID = "trace_id";

    private final Map<String, @Nullable String> previous = new LinkedHashMap<>();

    private LogContext() {}

    /**
     * Puts the envelope's correlation id, session and principal in the MDC, and its subject as the
     * action id when it is a command or an event about an action (other envelopes' subjects are runs,
     * nodes or checkpoints).
     */
    public static LogContext of(Envelope envelope) {
        return of(
                aboutAnAction(envelope.type()) ? envelope.subject() : null,
                envelope.correlationid(),
                envelope.session(),
                envelope.principal());
    }

    /** Whether envelopes of {@code type} have an action id for their subject: commands, action events, notices. */
    static boolean aboutAnAction(String type) {
        return type.startsWith("dev.handrail.command.")
                || type.startsWith("dev.handrail.action.")
                || type.startsWith("dev.handrail.notice.");
    }

    /** Puts the given values in the MDC (a null value leaves its key out). */
    public static LogContext of(
            @Nullable String actionId,
            @Nullable String correlationId,
            @Nullable String session,
            @Nullable String principal) {
        LogContext context = new LogContext();
        context.put(ACTION_ID, actionId);
        context.put(CORRELATION_ID, correlationId);
        context.put(SESSION, session);
        context.put(PRINCIPAL, principal);
        return context;
    }

    /** Adds the trace id (none when null) to what this context puts in the MDC; returns this context. */
    public LogContext trace(@Nullable String traceId) {
        put(TRACE_ID, traceId);
        return this;
    }

    /** The MDC as it is now, to restore on another thread ({@link #restore}); empty when none. */
    public static Map<String, String> capture() {
        Map<String, String> copy = MDC.getCopyOfContextMap();
        return copy == null ? Map.of() : copy;
    }

    /** Sets {@code captured} as the MDC of this thread until closed. */
    public static LogContext restore(Map<String, String> captured) {
        LogContext context = new LogContext();
        captured.forEach(context::put);
        return context;
    }

    private void put(String key, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (!previous.containsKey(key)) {
            previous.put(key, MDC.get(key));
        }
        MDC.put(key, value);
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
