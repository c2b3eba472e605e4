package dev.handrail.audit.store;

import dev.handrail.audit.quarantine.QuarantinedEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What one flush did: events stored, duplicates dropped (already stored, or repeated in the
 * batch), messages that can never be stored in the chain and were kept in the quarantine instead,
 * and the last seq of the chain afterwards.
 */
public record AppendResult(int stored, int duplicates, List<QuarantinedEvent> quarantined, long lastSeq) {

    public AppendResult {
        quarantined = List.copyOf(quarantined);
    }

    /** This flush's counts followed by a later one's (its last seq wins). */
    AppendResult then(AppendResult later) {
        List<QuarantinedEvent> both = new ArrayList<>(quarantined);
        both.addAll(later.quarantined);
        return new AppendResult(
                stored + later.stored, duplicates + later.duplicates, both, Math.max(lastSeq, later.lastSeq));
    }
}
