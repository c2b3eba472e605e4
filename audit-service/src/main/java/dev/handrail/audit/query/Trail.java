package dev.handrail.audit.query;

import java.util.List;

/**
 * Every stored event about one action, in the order they were appended, and the action's
 * {@code intent} (as its events name it; null if none of them does). {@code archived} names the
 * segment files holding the action's events that were archived out of the hot table (empty when
 * none were): those events are not in {@code events}.
 */
public record Trail(String actionId, String intent, List<TrailEvent> events, List<ArchivedPart> archived) {

    public Trail {
        events = List.copyOf(events);
        archived = List.copyOf(archived);
    }

    /** {@code events} events of the action are in the segment file {@code file} (seqs {@code firstSeq..lastSeq}). */
    public record ArchivedPart(String file, long firstSeq, long lastSeq, long events) {}
}
