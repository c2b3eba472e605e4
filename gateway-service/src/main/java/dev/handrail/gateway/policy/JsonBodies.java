package dev.handrail.gateway.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.gateway.web.ApiException;

/** Reads the small JSON bodies of the policy and webhook endpoints, with the API's error codes for bad ones. */
public final class JsonBodies {

    private JsonBodies() {}

    /** The body as {@code type}; an empty body is an error unless {@code optional}, in which case null is returned. */
    public static <T> T read(String body, Class<T> type, boolean optional) {
        if (body == null || body.isBlank()) {
            if (optional) {
                return null;
            }
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body is empty; send a JSON object");
        }
        try {
            T value = Json.mapper().readValue(body, type);
            if (value == null && !optional) {
                throw new ApiException(ErrorCode.INVALID_JSON, "The body must be a JSON object");
            }
            return value;
        } catch (MismatchedInputException e) {
            String field =
                    e.getPath().isEmpty() ? "body" : e.getPath().getFirst().getFieldName();
            throw ApiException.validation("Field " + field + " has the wrong type");
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The body as a JSON object: not JSON is {@code INVALID_JSON}, JSON that is no object
     * {@code INVALID_BODY}; an empty body is {@code INVALID_JSON} unless {@code optional}, when
     * it is an empty object.
     */
    public static ObjectNode object(String body, boolean optional) {
        if (body == null || body.isBlank()) {
            if (optional) {
                return Json.mapper().createObjectNode();
            }
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body is empty; send a JSON object");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new ApiException(ErrorCode.INVALID_BODY, "The body must be a JSON object");
    }
}
