package dev.handrail.audit.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One stored event of an action's trail: its place and hash in the chain, {@code state} (the
 * state an action event moved to; null for a notice), {@code phase} (the life-cycle step it
 * records, {@link dev.handrail.contracts.action.ActionPhase}), and for the reader's convenience what the
 * data says of the decision ({@code effect}, {@code reasons}), who decided ({@code decidedBy}: the
 * approver or denier, null when policy decided alone), and the execution's {@code evidence}.
 */
public record TrailEvent(
        long seq,
        String hash,
        String id,
        String type,
        String state,
        String phase,
        Instant time,
        String source,
        String principal,
        String effect,
        List<String> reasons,
        String decidedBy,
        JsonNode evidence,
        JsonNode data) {}
