package dev.handrail.policy.run;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code run_artifacts}: text, JSON (as text) or a URI a worker attached to a step. Immutable. */
@MappedEntity("run_artifacts")
public record ArtifactRow(
        @Id String id, String runId, String stepId, String name, String kind, String content, Instant createdAt) {}
