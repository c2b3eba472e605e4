package dev.handrail.gateway.policy;

import dev.handrail.contracts.query.Reply;
import dev.handrail.gateway.web.ApiException;
import dev.handrail.gateway.web.Passthrough;
import io.micronaut.http.HttpResponse;
import java.util.Set;

/**
 * Answers a policy endpoint from policy's reply: the data as {@code {ok: true, ...}}, or the
 * error with the HTTP status the error catalogue gives its code (502 for a code it does not know).
 */
final class PolicyReplies {

    /** Decisions an operator may send to {@code /v1/approvals/{id}/decide}. */
    static final Set<String> DECISIONS = Set.of("approve", "deny", "hold");

    private PolicyReplies() {}

    static HttpResponse<?> respond(Reply reply) {
        if (!reply.ok()) {
            throw ApiException.relayed(reply.error());
        }
        return Passthrough.respond(reply);
    }
}
