package dev.handrail.contracts.definition;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a runnable definition becomes: the intent and parameters to plan through policy like any
 * other plan, the timeout it asks for, and which definition version it came from (recorded in
 * the plan's metadata as {@link #DEFINITION_ID} and {@link #DEFINITION_VERSION}).
 */
public record RenderedPlan(
        String definitionId,
        int definitionVersion,
        String intent,
        Map<String, Object> params,
        @Nullable Long timeoutMs) {

    /** Metadata key naming the definition a plan was rendered from. */
    public static final String DEFINITION_ID = "definition_id";
    /** Metadata key naming the version of that definition. */
    public static final String DEFINITION_VERSION = "definition_version";

    /** The plan's metadata: where it came from. */
    public Map<String, Object> metadata() {
        return Map.of(DEFINITION_ID, definitionId, DEFINITION_VERSION, definitionVersion);
    }
}
