package dev.handrail.contracts.definition;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Create ({@code id} null) or partly update an action definition. {@code body} is the request's
 * JSON as the client sent it; policy, which owns definitions, validates and normalises it.
 *
 * @param changedBy the principal who asked
 */
public record DefinitionWrite(@Nullable String id, JsonNode body, String changedBy) {}
