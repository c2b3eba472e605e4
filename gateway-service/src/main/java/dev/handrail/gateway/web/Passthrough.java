package dev.handrail.gateway.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.query.Reply;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;

/**
 * Answers an endpoint whose body is another service's reply: {@code {ok: true, ...data}} when
 * the service answered, its error with the status the error catalogue gives its code otherwise.
 */
public final class Passthrough {

    private Passthrough() {
    }

    public static HttpResponse<?> respond(Reply reply) {
        if (!reply.ok()) {
            throw ApiException.relayed(reply.error());
        }
        ObjectNode body = Json.mapper().createObjectNode().put("ok", true);
        if (reply.data() != null && reply.data().isObject()) {
            body.setAll((ObjectNode) reply.data());
        }
        return HttpResponse.ok(body);
    }
}
