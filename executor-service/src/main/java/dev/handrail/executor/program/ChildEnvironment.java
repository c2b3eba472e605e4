package dev.handrail.executor.program;

import java.util.Map;

/**
 * The environment a program the executor starts gets: the executor's own, without its
 * {@code HANDRAIL_*} settings (the NATS address, tokens, workspace paths), which are the
 * executor's business and may be secret.
 */
public final class ChildEnvironment {

    /** Prefix of the variables that stay with the executor. */
    public static final String PRIVATE_PREFIX = "HANDRAIL_";

    private ChildEnvironment() {}

    /** Removes the executor's private variables from a process builder's environment. */
    public static void scrub(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.regionMatches(true, 0, PRIVATE_PREFIX, 0, PRIVATE_PREFIX.length()));
    }
}
