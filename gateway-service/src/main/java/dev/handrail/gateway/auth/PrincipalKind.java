package dev.handrail.gateway.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who holds a token: a person, an AI agent, or another service. */
public enum PrincipalKind {
    USER,
    AGENT,
    SERVICE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PrincipalKind parse(String wire) {
        for (PrincipalKind kind : values()) {
            if (kind.wire().equals(wire)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown principal kind: " + wire + " (user, agent or service)");
    }
}
