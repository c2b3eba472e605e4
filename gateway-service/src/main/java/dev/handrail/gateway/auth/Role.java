package dev.handrail.gateway.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a token may do, each role including the ones below it: an agent plans actions and reads
 * its own; an operator reads everything and decides approvals; an admin also changes policy,
 * capabilities, the kill switch, breakers, dead-letter replay and tokens.
 */
public enum Role {
    AGENT,
    OPERATOR,
    ADMIN;

    /** Whether this role may do what {@code required} may. */
    public boolean covers(Role required) {
        return ordinal() >= required.ordinal();
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role parse(String wire) {
        for (Role role : values()) {
            if (role.wire().equals(wire)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown role: " + wire + " (agent, operator or admin)");
    }
}
