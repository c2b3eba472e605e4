package dev.handrail.gateway.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.gateway.web.ApiException;

/**
 * Reads a plan body and checks its shape: JSON, an intent, fields of the right types and sizes.
 * Whether the intent and its parameters make sense is policy's to say, not the gateway's.
 */
public final class PlanRequestParser {

    static final int MAX_ID_LENGTH = 128;

    private PlanRequestParser() {}

    /** Parses and checks; throws {@link ApiException} with a code and a message naming the problem. */
    public static PlanRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body is empty; send a JSON object");
        }
        PlanRequest request;
        try {
            request = Json.mapper().readValue(body, PlanRequest.class);
        } catch (MismatchedInputException e) {
            String field =
                    e.getPath().isEmpty() ? "body" : e.getPath().getFirst().getFieldName();
            throw ApiException.validation("Field " + field + " has the wrong type");
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (request == null) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body must be a JSON object");
        }
        check(request);
        return request;
    }

    /** Checks a plan made elsewhere (a definition run) as a plan body is checked. */
    public static void check(PlanRequest r) {
        if (r.intent() == null || r.intent().isBlank()) {
            throw ApiException.validation("Missing required field: intent");
        }
        if (r.intent().length() > MAX_ID_LENGTH) {
            throw ApiException.validation("Unknown intent: " + r.intent().substring(0, 32) + "...");
        }
        if (r.timeoutMs() != null && r.timeoutMs() <= 0) {
            throw ApiException.validation("timeout_ms must be a positive number of milliseconds");
        }
        if (r.maxRetries() != null && r.maxRetries() < 0) {
            throw ApiException.validation("max_retries must not be negative");
        }
        tooLong("session_id", r.sessionId());
        tooLong("idempotency_key", r.idempotencyKey());
        if (r.inRun() && (blank(r.runId()) || blank(r.stepId()) || blank(r.leaseToken()))) {
            throw ApiException.validation(
                    "An action in a run names run_id, step_id and lease_token together (the lease POST /v1/runs/claim gave)");
        }
        tooLong("run_id", r.runId());
        tooLong("step_id", r.stepId());
        tooLong("lease_token", r.leaseToken());
        if (r.node() != null && !Subjects.isToken(r.node())) {
            throw ApiException.validation("node must be 1-64 letters, digits, '-' or '_'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void tooLong(String field, String value) {
        if (value != null && value.length() > MAX_ID_LENGTH) {
            throw ApiException.validation(field + " must be at most " + MAX_ID_LENGTH + " characters");
        }
    }
}
