package dev.handrail.policy.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** An action definition as the API shows it: its current version and normalised spec. Immutable. */
public record DefinitionView(
        String id,
        String kind,
        String title,
        boolean enabled,
        int version,
        JsonNode spec,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    static DefinitionView of(DefinitionRow row) {
        return new DefinitionView(
                row.id(),
                row.kind(),
                row.title(),
                row.enabled(),
                row.currentVersion(),
                Json.read(row.spec().getBytes(StandardCharsets.UTF_8), JsonNode.class),
                row.createdAt(),
                row.createdBy(),
                row.updatedAt(),
                row.updatedBy());
    }

    /** A definition in a list: everything but its spec. */
    public record Summary(
            String id, String kind, String title, boolean enabled, int version, Instant createdAt, Instant updatedAt) {

        static Summary of(DefinitionRow row) {
            return new Summary(
                    row.id(),
                    row.kind(),
                    row.title(),
                    row.enabled(),
                    row.currentVersion(),
                    row.createdAt(),
                    row.updatedAt());
        }
    }

    /** One stored version of a definition, as it was saved. */
    public record Version(
            String id, int version, String kind, String title, JsonNode spec, Instant createdAt, String createdBy) {

        static Version of(DefinitionVersionRow row) {
            return new Version(
                    row.definitionId(),
                    row.version(),
                    row.kind(),
                    row.title(),
                    Json.read(row.spec().getBytes(StandardCharsets.UTF_8), JsonNode.class),
                    row.createdAt(),
                    row.createdBy());
        }
    }
}
