package dev.handrail.audit.projection;

import dev.handrail.bus.tracing.Tracing;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ResultOrigin;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An action event to fold into its action's view, with the time its envelope carries and the id
 * of the trace its envelope names (null when it names none).
 */
public record ProjectedEvent(
        ActionEvent event, Instant at, @Nullable String traceId) {

    /** An event whose envelope names no trace. */
    public ProjectedEvent(ActionEvent event, Instant at) {
        this(event, at, null);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProjectedEvent.class);

    /**
     * The action event an envelope holds, if it holds one. Notices, unknown types and data that
     * does not read as its type are stored but never projected, so they give nothing here; nor
     * does a result whose node is not the node of the subject it came on ({@link ResultOrigin}):
     * it stays in the chain, with that subject, as evidence, but moves no action.
     *
     * @param subject      the subject the event came on
     * @param fallbackTime used when the envelope has no time (a view needs one for each transition)
     */
    public static Optional<ProjectedEvent> from(Envelope envelope, String subject, Instant fallbackTime) {
        try {
            if (envelope.message() instanceof ActionEvent event && event.actionId() != null && event.state() != null) {
                if (!ResultOrigin.matches(subject, event)) {
                    LOG.warn(
                            "Not projecting {} {} on {}: the node it names is not the node of its subject",
                            envelope.type(),
                            envelope.id(),
                            subject);
                    return Optional.empty();
                }
                return Optional.of(new ProjectedEvent(
                        event,
                        envelope.time() != null ? envelope.time() : fallbackTime,
                        Tracing.traceId(envelope.traceparent())));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
