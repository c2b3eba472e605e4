package dev.handrail.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.Reply;
import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PassthroughTest {

    private static final Reply TRAIL = Reply.ok(Map.of("action_id", "a1", "intent", "file.read", "events", List.of()));

    @Test
    void respondsWithTheRepliesFieldsBesideOk() {
        JsonNode body = (JsonNode) Passthrough.respond(TRAIL).body();

        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("action_id").asText()).isEqualTo("a1");
    }

    @Test
    void respondsWithTheReplyAsOneNamedObject() {
        JsonNode body = (JsonNode) Passthrough.respondAs("trail", TRAIL).body();

        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("trail").get("action_id").asText()).isEqualTo("a1");
        assertThat(body.get("trail").get("intent").asText()).isEqualTo("file.read");
        assertThat(body.has("events")).isFalse();
    }

    @Test
    void answersNotFoundWith404EitherWay() {
        Reply missing = Reply.error(ErrorCode.NOT_FOUND, "No action with id a2");

        assertThatThrownBy(() -> Passthrough.respondAs("trail", missing))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.status().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
    }
}
