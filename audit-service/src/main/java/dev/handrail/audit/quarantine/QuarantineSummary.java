package dev.handrail.audit.quarantine;

import java.util.List;

/**
 * What the quarantine holds, as verification reports it: how many messages in all and the latest
 * of them (at most {@link QuarantineTable#LISTED}), newest first.
 */
public record QuarantineSummary(long count, List<QuarantinedEvent> latest) {

    /** Nothing quarantined. */
    public static final QuarantineSummary EMPTY = new QuarantineSummary(0, List.of());
}
