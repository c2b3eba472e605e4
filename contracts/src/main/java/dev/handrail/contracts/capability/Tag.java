package dev.handrail.contracts.capability;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a capability does, in words policy, the executor and clients rely on. */
public enum Tag {
    /** Reads state and changes nothing. */
    READS,
    /** Changes state on the node. */
    WRITES,
    /** May reach the network. */
    NETWORK,
    /** Synthetic keyboard or mouse input: what it typed or clicked cannot be taken back, so it is never retried. */
    INPUT,
    /** Needs an interactive desktop session on the node. */
    DESKTOP,
    /** Starts or ends programs. */
    PROCESS,
    /** Reads or writes files in the node's workspace. */
    FILESYSTEM;

    /** The lower-case name clients see. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
