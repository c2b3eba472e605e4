package dev.handrail.contracts;

import dev.handrail.contracts.capability.CapabilityCatalogue;

/**
 * Names every NATS subject, stream and durable consumer Handrail uses; no subject string is
 * written anywhere else. Subjects are versioned ({@code handrail.v1}) and hierarchical so a
 * subscriber can tap exactly the slice it wants.
 */
public final class Subjects {

    /** Version root of every subject; a breaking change to a message moves it to a new version. */
    public static final String ROOT = "handrail.v1";

    /** Every event on the feed (stream {@link #STREAM_EVENTS}). */
    public static final String EVENTS_ALL = ROOT + ".events.>";
    /** Every action life-cycle event: {@code handrail.v1.events.action.<event>.<capability>}. */
    public static final String ACTION_EVENTS_ALL = ROOT + ".events.action.>";
    /** Notices: answers to commands that did not move an action (a duplicate plan, a refused decision). */
    public static final String NOTICES_ALL = ROOT + ".events.notice.>";
    /** A plan whose idempotency key was already used; data names the first action. */
    public static final String NOTICE_PLAN_DEDUPLICATED = ROOT + ".events.notice.plan_deduplicated";
    /** A decision on an approval that could not be taken (not pending, expired, unknown action). */
    public static final String NOTICE_DECISION_REFUSED = ROOT + ".events.notice.decision_refused";

    /** Circuit breaker transitions: {@code handrail.v1.events.breaker.<state>.<node>}. */
    public static final String BREAKER_EVENTS_ALL = ROOT + ".events.breaker.>";
    /** Kill switch engaged or released (any scope). */
    public static final String KILL_SWITCH_EVENTS = ROOT + ".events.control.kill_switch";

    /** Commands for the policy service (stream {@link #STREAM_COMMANDS}). */
    public static final String POLICY_COMMANDS_ALL = ROOT + ".cmd.policy.>";
    /** A new plan from the gateway. */
    public static final String CMD_PLAN = ROOT + ".cmd.policy.plan";
    /** An operator's decision on a pending approval. */
    public static final String CMD_DECIDE = ROOT + ".cmd.policy.decide";
    /** Every node's execute commands (stream {@link #STREAM_COMMANDS}). */
    public static final String EXEC_ALL = ROOT + ".exec.>";

    /** Heartbeats of service instances and executor nodes (core NATS, not persisted). */
    public static final String HEARTBEAT_ALL = ROOT + ".heartbeat.>";

    /** Request-reply: one action's projection. */
    public static final String QUERY_ACTION = ROOT + ".query.audit.action";
    /** Request-reply: a filtered list of actions. */
    public static final String QUERY_ACTIONS = ROOT + ".query.audit.actions";
    /** Request-reply: one action's audit trail. */
    public static final String QUERY_TRAIL = ROOT + ".query.audit.trail";
    /** Request-reply: a list of audit trails. */
    public static final String QUERY_TRAILS = ROOT + ".query.audit.trails";
    /** Request-reply: the capability catalogue with what policy and the nodes say of it. */
    public static final String QUERY_CAPABILITIES = ROOT + ".query.policy.capabilities";
    /** Request-reply: the health summary. */
    public static final String QUERY_HEALTH_SUMMARY = ROOT + ".query.health.summary";
    /** Request-reply: circuit breakers. */
    public static final String QUERY_BREAKERS = ROOT + ".query.health.breakers";
    /** Request-reply: close one circuit breaker ({@code ByIdQuery} with the breaker's name). */
    public static final String QUERY_BREAKER_RESET = ROOT + ".query.health.breaker_reset";
    /** Request-reply: a list of dead letters. */
    public static final String QUERY_DEAD_LETTERS = ROOT + ".query.health.dead_letters";
    /** Request-reply: one dead letter. */
    public static final String QUERY_DEAD_LETTER = ROOT + ".query.health.dead_letter";

    /** JetStream stream holding the event feed. */
    public static final String STREAM_EVENTS = "HANDRAIL_EVENTS";
    /** JetStream stream holding commands until the service they are for has done them. */
    public static final String STREAM_COMMANDS = "HANDRAIL_COMMANDS";

    /** Durable consumer shared by every policy instance. */
    public static final String DURABLE_POLICY = "policy";
    /** Durable consumer shared by every audit instance. */
    public static final String DURABLE_AUDIT = "audit";
    /** Durable consumer shared by every health instance. */
    public static final String DURABLE_HEALTH = "health";

    /** Queue group of each service's request-reply responders. */
    public static final String QUEUE_AUDIT = "audit";
    public static final String QUEUE_POLICY = "policy";
    public static final String QUEUE_HEALTH = "health";

    /** Subject token used for intents that are not in the catalogue (user text never becomes a subject). */
    public static final String UNKNOWN_CAPABILITY = "unknown";

    private Subjects() {
    }

    /** {@code handrail.v1.events.action.<event>.<capability>}, e.g. {@code ...action.succeeded.file.read}. */
    public static String actionEvent(String event, String intent) {
        return ROOT + ".events.action." + event + "." + capabilityToken(intent);
    }

    /** Subject of a breaker transition into {@code state} for a breaker of {@code node}. */
    public static String breakerEvent(String state, String node) {
        return ROOT + ".events.breaker." + requireToken(state, "state") + "." + requireToken(node, "node");
    }

    /** The execute-command subject of one node. */
    public static String exec(String node) {
        return ROOT + ".exec." + requireToken(node, "node");
    }

    /** Durable consumer name of one node's executors. */
    public static String durableExecutor(String node) {
        return "executor-" + requireToken(node, "node");
    }

    /** Heartbeat subject of one service instance or node: {@code handrail.v1.heartbeat.<kind>.<id>}. */
    public static String heartbeat(String kind, String id) {
        return ROOT + ".heartbeat." + requireToken(kind, "kind") + "." + requireToken(id, "id");
    }

    /** Intent as subject tokens; anything outside the catalogue becomes {@link #UNKNOWN_CAPABILITY}. */
    public static String capabilityToken(String intent) {
        return CapabilityCatalogue.find(intent).isPresent() ? intent : UNKNOWN_CAPABILITY;
    }

    /** Whether a string is usable as one subject token (node ids, instance ids). */
    public static boolean isToken(String s) {
        return s != null && s.matches("[A-Za-z0-9_-]{1,64}");
    }

    private static String requireToken(String s, String what) {
        if (!isToken(s)) {
            throw new IllegalArgumentException("Not a valid " + what + " id for a subject: " + s);
        }
        return s;
    }
}
