package dev.handrail.gateway.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.query.Reply;
import io.micronaut.http.HttpResponse;

/**
 * Answers an endpoint whose body is another service's reply: {@code {ok: true, ...data}} (or the
 * data as one named field) when the service answered, its error with the status the error
 * catalogue gives its code otherwise.
 */
public final class Passthrough {

    private Passthrough() {}

    /** {@code {ok: true, ...data}}: the reply's fields beside {@code ok}. */
    public static HttpResponse<?> respond(Reply reply) {
        ObjectNode body = ok(reply);
        if (reply.data() != null && reply.data().isObject()) {
            body.setAll((ObjectNode) reply.data());
        }
        return HttpResponse.ok(body);
    }

    /** {@code {ok: true, <field>: data}}: the reply as one object under {@code field}. */
    public static HttpResponse<?> respondAs(String field, Reply reply) {
        ObjectNode body = ok(reply);
        body.set(field, reply.data());
        return HttpResponse.ok(body);
    }

    private static ObjectNode ok(Reply reply) {
        if (!reply.ok()) {
            throw ApiException.relayed(reply.error());
        }
        return Json.mapper().createObjectNode().put("ok", true);
    }
}
