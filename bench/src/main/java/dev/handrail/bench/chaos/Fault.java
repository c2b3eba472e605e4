package dev.handrail.bench.chaos;

import java.time.Instant;
import java.util.List;

/**
 * A fault as it happened: when it was injected, from when recovery is measured (the injection,
 * or the release of a switch that stopped work on purpose), when it was over, and what the
 * scenario saw while injecting it.
 */
record Fault(Instant injectedAt, Instant recoverFrom, Instant over, List<String> notes) {

    /** A fault injected at {@code injectedAt} and over now, with recovery measured from the injection. */
    static Fault since(Instant injectedAt, String... notes) {
        return new Fault(injectedAt, injectedAt, Instant.now(), List.of(notes));
    }
}
