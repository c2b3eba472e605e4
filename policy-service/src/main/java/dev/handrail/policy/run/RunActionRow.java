package dev.handrail.policy.run;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code run_actions}: an action planned as part of a step, and whether policy admitted it. Immutable. */
@MappedEntity("run_actions")
public record RunActionRow(@Id String actionId, String runId, String stepId, boolean admitted, Instant plannedAt) {}
