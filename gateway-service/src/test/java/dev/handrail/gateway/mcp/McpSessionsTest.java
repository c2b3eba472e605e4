package dev.handrail.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.json.Json;
import dev.handrail.gateway.auth.Caller;
import dev.handrail.gateway.auth.PrincipalKind;
import dev.handrail.gateway.auth.Role;
import io.micronaut.http.HttpResponse;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session bookkeeping of {@link McpSessions}, on the SDK's own server without HTTP. */
class McpSessionsTest {

    private static final Caller AGENT = new Caller("agent-1", PrincipalKind.AGENT, Role.AGENT, "token-1");

    private McpSessions sessions;
    private McpAsyncServer server;

    @BeforeEach
    void start() {
        var json = new JacksonMcpJsonMapper(Json.mapper().copy());
        sessions = new McpSessions(json, 32, Duration.ZERO);
        server = McpServer.async(sessions)
                .serverInfo("test", "1")
                .jsonMapper(json)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String initialize() {
        HttpResponse<?> answer = sessions.post(
                        AGENT,
                        null,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                        false)
                .block(Duration.ofSeconds(10));
        assertThat(answer.getStatus().getCode()).isEqualTo(200);
        return answer.getHeaders().get(McpEndpoint.SESSION);
    }

    @Test
    void aRequestAnsweredAtOnceLeavesNoCallBehindAndTheIdleSessionEnds() {
        String session = initialize();

        // Both are answered while the request is still being set up: no handler waits on anything.
        for (String request : new String[] {
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\"}}"
        }) {
            HttpResponse<?> answer =
                    sessions.post(AGENT, session, request, false).block(Duration.ofSeconds(10));
            assertThat(answer.getStatus().getCode()).isEqualTo(200);
        }

        assertThat(sessions.hasCalls(session))
                .as("a request that was answered is no call in progress")
                .isFalse();
        sessions.endIdleSessions();
        assertThat(sessions.principals())
                .as("an idle session with nothing in progress ends")
                .isEmpty();
    }
}
