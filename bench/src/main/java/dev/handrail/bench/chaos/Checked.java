package dev.handrail.bench.chaos;

import java.util.List;

/** What a scenario's own check found: what it observed, and the promises that did not hold. */
record Checked(List<String> notes, List<String> broken) {

    static final Checked NOTHING = new Checked(List.of(), List.of());
}
