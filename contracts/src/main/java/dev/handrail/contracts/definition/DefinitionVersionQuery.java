package dev.handrail.contracts.definition;

import org.jspecify.annotations.Nullable;

/**
 * The stored versions of an action definition: one ({@code version}) or all of them, newest
 * first ({@code version} null). Versions outlive the definition, so a deleted definition's past
 * runs can still be traced.
 */
public record DefinitionVersionQuery(String id, @Nullable Integer version) {}
