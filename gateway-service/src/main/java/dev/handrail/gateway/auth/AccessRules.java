package dev.handrail.gateway.auth;

import io.micronaut.http.HttpMethod;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The least role each endpoint needs, first match wins; anything not listed needs admin, so a
 * new endpoint is closed until someone opens it here on purpose. Which objects a role may see
 * within an endpoint (an agent: only its own actions) is decided by the endpoint.
 */
public final class AccessRules {

    private record Rule(HttpMethod method, Pattern path, Role role) {
        boolean matches(HttpMethod m, String p) {
            return (method == null || method == m) && path.matcher(p).matches();
        }
    }

    private static final List<Rule> RULES = List.of(
            rule(HttpMethod.GET, "/v1/me", Role.AGENT),
            // The MCP server: any valid token calls tools as its own principal (docs/mcp.md).
            rule(null, "/mcp", Role.AGENT),
            rule(HttpMethod.POST, "/v1/actions/plan", Role.AGENT),
            rule(HttpMethod.GET, "/v1/actions(/[^/]+)?", Role.AGENT),
            rule(HttpMethod.GET, "/v1/actions/[^/]+/artifacts/[^/]+", Role.AGENT),
            rule(HttpMethod.POST, "/v1/actions/[^/]+/cancel", Role.AGENT),
            rule(HttpMethod.POST, "/v1/actions/[^/]+/(approve|deny)", Role.OPERATOR),
            rule(HttpMethod.GET, "/v1/capabilities", Role.AGENT),
            // Action definitions: everyone reads and runs them (a run is planned as the caller,
            // through policy); writing them needs admin (the default).
            rule(HttpMethod.GET, "/v1/action-definitions(/[^/]+(/versions(/[^/]+)?)?)?", Role.AGENT),
            rule(HttpMethod.POST, "/v1/action-definitions/[^/]+/run", Role.AGENT),
            // Runs: agents create, claim and work on them, and see those they created or work on;
            // operators see and cancel every run (RunController, docs/runs.md).
            rule(HttpMethod.GET, "/v1/runs(/[^/]+(/trail)?)?", Role.AGENT),
            rule(
                    HttpMethod.POST,
                    "/v1/runs(/claim|/[^/]+/(lease/heartbeat|lease/release|complete|fail|cancel|steps))?",
                    Role.AGENT),
            rule(HttpMethod.POST, "/v1/steps/[^/]+/(succeed|fail|toolcalls|artifacts)", Role.AGENT),
            rule(HttpMethod.POST, "/v1/toolcalls/[^/]+/(succeed|fail)", Role.AGENT),
            // An agent's feed holds only its own actions' events (EventFeedController).
            rule(HttpMethod.GET, "/v1/events/stream", Role.AGENT),
            rule(HttpMethod.POST, "/v1/policy/evaluate", Role.AGENT),
            rule(HttpMethod.GET, "/v1/approvals(/.*)?", Role.OPERATOR),
            rule(HttpMethod.POST, "/v1/approvals/[^/]+/decide", Role.OPERATOR),
            rule(HttpMethod.GET, "/v1/kill-switch", Role.OPERATOR),
            rule(
                    HttpMethod.GET,
                    "/v1/(health|breakers|dead-letters|audit-trails|incidents|events|audit)(/.*)?",
                    Role.OPERATOR));

    private AccessRules() {}

    private static Rule rule(HttpMethod method, String regex, Role role) {
        return new Rule(method, Pattern.compile(regex), role);
    }

    /** The least role that may call {@code method path}. */
    public static Role required(HttpMethod method, String path) {
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Rule rule : RULES) {
            if (rule.matches(method, normalised)) {
                return rule.role();
            }
        }
        return Role.ADMIN;
    }
}
