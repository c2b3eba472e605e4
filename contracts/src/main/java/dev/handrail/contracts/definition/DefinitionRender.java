package dev.handrail.contracts.definition;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Render the current version of definition {@code id} into a plan, with the caller's {@code arguments}. */
public record DefinitionRender(String id, @Nullable Map<String, Object> arguments) {

    public DefinitionRender {
        arguments = arguments == null ? Map.of() : arguments;
    }
}
