package dev.handrail.audit.projection;

import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.Envelope;
import java.time.Instant;
import java.util.Optional;

/** An action event to fold into its action's view, with the time its envelope carries. */
public record ProjectedEvent(ActionEvent event, Instant at) {

    /**
     * The action event an envelope holds, if it holds one. Notices, unknown types and data that
     * does not read as its type are stored but never projected, so they give nothing here.
     *
     * @param fallbackTime used when the envelope has no time (a view needs one for each transition)
     */
    public static Optional<ProjectedEvent> from(Envelope envelope, Instant fallbackTime) {
        try {
            if (envelope.message() instanceof ActionEvent event && event.actionId() != null && event.state() != null) {
                return Optional.of(new ProjectedEvent(event, envelope.time() != null ? envelope.time() : fallbackTime));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
