package dev.handrail.contracts.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One request about runs, relayed by the gateway to policy, which owns them (docs/runs.md).
 * {@code body} is the request's JSON as the client sent it; policy validates it.
 *
 * @param id the run, step or tool call the operation is about, as {@link Op} says; null for
 *     {@code create}, {@code claim} and {@code list}
 * @param principal who asked
 * @param elevated whether the caller is an operator or admin, who see and may cancel every run
 */
public record RunRequest(
        Op op, @Nullable String id, @Nullable JsonNode body, String principal, boolean elevated) {

    /** What is asked; the id names a run, a step or a tool call as the name says. */
    public enum Op {
        LIST,
        GET,
        CREATE,
        CLAIM,
        HEARTBEAT,
        RELEASE,
        COMPLETE,
        FAIL,
        CANCEL,
        STEP_START,
        STEP_SUCCEED,
        STEP_FAIL,
        TOOL_CALL_START,
        TOOL_CALL_SUCCEED,
        TOOL_CALL_FAIL,
        ARTIFACT_ADD;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Op parse(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }

        /** Whether the operation only reads. */
        public boolean reads() {
            return this == LIST || this == GET;
        }
    }
}
