package dev.handrail.audit.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.json.Json;
import java.nio.charset.StandardCharsets;

/** Writes an {@link ActionView} as the {@code actions.view} jsonb and reads it back. Stateless. */
public final class ActionViews {

    private ActionViews() {}

    /** The view as JSON text for the jsonb column. */
    public static String write(ActionView view) {
        return new String(Json.bytes(view), StandardCharsets.UTF_8);
    }

    /** Parses a view; fails with {@link CorruptViewException} when the stored JSON is not one. */
    public static ActionView read(String json) {
        try {
            return Json.mapper().readValue(json, ActionView.class);
        } catch (JsonProcessingException e) {
            throw new CorruptViewException("A stored action view cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** A row of the {@code actions} table holds JSON that is not an action view. */
    public static final class CorruptViewException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        CorruptViewException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
