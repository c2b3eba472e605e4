package dev.handrail.policy.definition;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;

/**
 * A row of {@code action_definition_versions}: one version of a definition as it was saved, never
 * changed afterwards. The table's key is the definition id and the version; versions are only
 * inserted and read by both, so the mapping names the definition id alone as its id.
 */
@MappedEntity("action_definition_versions")
public record DefinitionVersionRow(
        @Id String definitionId,
        int version,
        String kind,
        String title,
        @ColumnTransformer(write = "?::jsonb") String spec,
        Instant createdAt,
        String createdBy) {}
