package dev.handrail.gateway.policy;

import dev.handrail.contracts.query.Reply;
import dev.handrail.gateway.web.ApiException;
import dev.handrail.gateway.web.Passthrough;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.util.Map;
import java.util.Set;

/**
 * Answers a policy endpoint from policy's reply: the data as {@code {ok: true, ...}}, or the
 * error with the HTTP status its code stands for (400 for what the caller sent, 404 for what
 * does not exist, 409 for what the approval's state or the kill switch refuses, 502 otherwise).
 */
final class PolicyReplies {

    private static final Map<String, HttpStatus> STATUS = Map.ofEntries(
            Map.entry("NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("VALIDATION_FAILED", HttpStatus.BAD_REQUEST),
            Map.entry("BAD_QUERY", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_SCOPE", HttpStatus.BAD_REQUEST),
            Map.entry("POLICY_INVALID", HttpStatus.BAD_REQUEST),
            Map.entry("NOT_PENDING", HttpStatus.CONFLICT),
            Map.entry("APPROVAL_EXPIRED", HttpStatus.CONFLICT),
            Map.entry("KILL_SWITCH_ENGAGED", HttpStatus.CONFLICT),
            Map.entry("CAPABILITY_DISABLED", HttpStatus.CONFLICT),
            Map.entry("CIRCUIT_OPEN", HttpStatus.CONFLICT));

    /** Decisions an operator may send to {@code /v1/approvals/{id}/decide}. */
    static final Set<String> DECISIONS = Set.of("approve", "deny", "hold");

    private PolicyReplies() {
    }

    static HttpResponse<?> respond(Reply reply) {
        if (!reply.ok()) {
            throw new ApiException(STATUS.getOrDefault(reply.error().code(), HttpStatus.BAD_GATEWAY), reply.error().code(),
                    reply.error().message());
        }
        return Passthrough.respond(reply);
    }
}
