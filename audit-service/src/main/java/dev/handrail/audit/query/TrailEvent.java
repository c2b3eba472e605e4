package dev.handrail.audit.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One stored event of an action's trail; {@code state} is the state an action event moved to, null for a notice. */
public record TrailEvent(long seq, String id, String type, String state, Instant time, String source, String principal,
                         JsonNode data) {
}
