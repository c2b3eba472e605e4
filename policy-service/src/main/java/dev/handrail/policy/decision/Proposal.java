package dev.handrail.policy.decision;

import dev.handrail.contracts.capability.Capability;
import java.util.Map;

/** What is decided on: a validated action of a known capability, who asked, in which session, for which node. */
public record Proposal(
        Capability capability, Map<String, Object> params, String node, String principal, String sessionId) {

    public Proposal {
        params = params == null ? Map.of() : params;
    }

    public String intent() {
        return capability.intent();
    }
}
