package dev.handrail.policy.run;

import io.micronaut.core.annotation.Introspected;
import java.time.Instant;

/** An action planned in a step, with its intent and its state as policy holds it. Immutable. */
@Introspected
public record RunAction(
        String actionId, String stepId, String intent, String state, boolean admitted, Instant plannedAt) {}
