package dev.handrail.policy.definition;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;

/** A row of {@code action_definitions}: a definition as it stands, its normalised spec as JSON text. Immutable. */
@MappedEntity("action_definitions")
public record DefinitionRow(
        @Id String id,
        String kind,
        String title,
        boolean enabled,
        int currentVersion,
        @ColumnTransformer(write = "?::jsonb") String spec,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}
