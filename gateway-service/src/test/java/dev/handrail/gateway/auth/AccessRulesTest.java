package dev.handrail.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessRulesTest {

    @ParameterizedTest
    @CsvSource({
        "GET,/v1/me,AGENT",
        "POST,/v1/actions/plan,AGENT",
        "GET,/v1/actions,AGENT",
        "GET,/v1/actions/01ABC,AGENT",
        "GET,/v1/actions/01ABC/artifacts/screen.png,AGENT",
        "POST,/v1/actions/01ABC/approve,OPERATOR",
        "POST,/v1/actions/01ABC/deny,OPERATOR",
        "GET,/v1/capabilities,AGENT",
        "PATCH,/v1/capabilities/shell.run,ADMIN",
        "GET,/v1/approvals,OPERATOR",
        "POST,/v1/approvals/01ABC/decide,OPERATOR",
        "POST,/v1/kill-switch,ADMIN",
        "GET,/v1/kill-switch,OPERATOR",
        "GET,/v1/health/summary,OPERATOR",
        "POST,/v1/breakers/node:local/reset,ADMIN",
        "POST,/v1/dead-letters/01ABC/replay,ADMIN",
        "GET,/v1/dead-letters,OPERATOR",
        "GET,/v1/tokens,ADMIN",
        "POST,/v1/tokens,ADMIN",
        "DELETE,/v1/tokens/abc,ADMIN",
        "GET,/v1/events/stream,AGENT",
        "GET,/v1/events,OPERATOR",
        "POST,/v1/actions/01ABC/cancel,AGENT",
        "POST,/mcp,AGENT",
        "GET,/mcp,AGENT",
        "DELETE,/mcp,AGENT",
        "POST,/v1/policy/what-if,ADMIN",
        "POST,/v1/policy/evaluate,AGENT",
        "GET,/v1/action-definitions,AGENT",
        "GET,/v1/action-definitions/01ABC,AGENT",
        "POST,/v1/action-definitions/01ABC/run,AGENT",
        "POST,/v1/action-definitions,ADMIN",
        "PUT,/v1/action-definitions/01ABC,ADMIN",
        "DELETE,/v1/action-definitions/01ABC,ADMIN",
        "GET,/v1/something-new,ADMIN",
        "DELETE,/v1/actions/01ABC,ADMIN"
    })
    void eachEndpointNeedsItsLeastRole(String method, String path, Role role) {
        assertThat(AccessRules.required(HttpMethod.valueOf(method), path)).isEqualTo(role);
    }
}
