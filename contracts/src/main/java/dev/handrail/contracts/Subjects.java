package dev.handrail.contracts;

import dev.handrail.contracts.capability.CapabilityCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    /**
     * Every action life-cycle event: {@code handrail.v1.events.action.<event>.<capability>}, and a
     * node's own results {@code handrail.v1.events.action.<event>.<capability>.node.<node>}.
     */
    public static final String ACTION_EVENTS_ALL = ROOT + ".events.action.>";
    /**
     * The events only an executor publishes; it publishes them on its node's own subjects
     * ({@link #nodeResult}), which no other identity may publish on (ADR 0014).
     */
    public static final List<String> NODE_RESULT_EVENTS = List.of("executing", "succeeded", "failed");
    /** Notices: answers to commands that did not move an action (a duplicate plan, a refused decision). */
    public static final String NOTICES_ALL = ROOT + ".events.notice.>";
    /** A plan whose idempotency key was already used; data names the first action. */
    public static final String NOTICE_PLAN_DEDUPLICATED = ROOT + ".events.notice.plan_deduplicated";
    /** A decision on an approval that could not be taken (not pending, expired, unknown action). */
    public static final String NOTICE_DECISION_REFUSED = ROOT + ".events.notice.decision_refused";
    /** A plan command policy did not take (its principal claim does not hold). */
    public static final String NOTICE_PLAN_REFUSED = ROOT + ".events.notice.plan_refused";

    /** Circuit breaker transitions: {@code handrail.v1.events.breaker.<state>.<node>}. */
    public static final String BREAKER_EVENTS_ALL = ROOT + ".events.breaker.>";
    /** Kill switch engaged or released (any scope). */
    public static final String KILL_SWITCH_EVENTS = ROOT + ".events.control.kill_switch";
    /** The configured policy file failed to load; the last good policy stays in force. */
    public static final String POLICY_FILE_EVENTS = ROOT + ".events.control.policy_file";

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
    /** Request-reply: a page of stored events by seq, optionally filtered ({@code EventQuery}). */
    public static final String QUERY_EVENTS = ROOT + ".query.audit.events";
    /** Request-reply: verify the hash chain and its signed checkpoints ({@code SeqQuery}). */
    public static final String QUERY_AUDIT_VERIFY = ROOT + ".query.audit.verify";
    /** Request-reply: the public keys that sign audit checkpoints. */
    public static final String QUERY_AUDIT_KEYS = ROOT + ".query.audit.keys";
    /** Request-reply: the signed checkpoints from a seq on ({@code SeqQuery}). */
    public static final String QUERY_AUDIT_CHECKPOINTS = ROOT + ".query.audit.checkpoints";
    /** A signed audit checkpoint over (seq, hash) of the chain, on the feed. */
    public static final String AUDIT_CHECKPOINT_EVENTS = ROOT + ".events.audit.checkpoint";
    /** A message the audit store could not store in its chain and kept raw in its quarantine, on the feed. */
    public static final String AUDIT_QUARANTINE_EVENTS = ROOT + ".events.audit.quarantined";
    /**
     * Every event the audit store has committed, with its seq and hashes (core NATS, after commit):
     * {@code handrail.v1.audit.stored.<the subject it came on, without handrail.v1.>}.
     */
    public static final String AUDIT_STORED_ALL = ROOT + ".audit.stored.>";
    /** Request-reply: the capability catalogue with what policy and the nodes say of it. */
    public static final String QUERY_CAPABILITIES = ROOT + ".query.policy.capabilities";
    /** Request-reply: enable or disable a capability, or set its approval mode ({@code CapabilityUpdate}). */
    public static final String QUERY_CAPABILITY_UPDATE = ROOT + ".query.policy.capability_update";
    /** Request-reply: validate and decide a plan ({@code PlanCommand}) without creating an action. */
    public static final String QUERY_POLICY_EVALUATE = ROOT + ".query.policy.evaluate";
    /** Request-reply: a candidate policy file against recorded actions ({@code WhatIfQuery}). */
    public static final String QUERY_POLICY_WHAT_IF = ROOT + ".query.policy.what_if";
    /** Request-reply: the active policy's version, source and last load error. */
    public static final String QUERY_POLICY_STATUS = ROOT + ".query.policy.status";
    /** Request-reply: every engaged kill-switch scope. */
    public static final String QUERY_KILL_SWITCHES = ROOT + ".query.policy.kill_switches";
    /** Request-reply: engage or release one kill-switch scope ({@code KillSwitchRequest}). */
    public static final String QUERY_KILL_SWITCH_SET = ROOT + ".query.policy.kill_switch_set";
    /** Request-reply: approvals, filtered by state ({@code ListQuery}). */
    public static final String QUERY_APPROVALS = ROOT + ".query.policy.approvals";
    /** Request-reply: one approval with its decision history ({@code ByIdQuery}). */
    public static final String QUERY_APPROVAL = ROOT + ".query.policy.approval";
    /** Request-reply: put a pending approval on hold ({@code ApprovalHold}). */
    public static final String QUERY_APPROVAL_HOLD = ROOT + ".query.policy.approval_hold";
    /** Request-reply: action definitions, newest first ({@code ListQuery}: kind). */
    public static final String QUERY_DEFINITIONS = ROOT + ".query.policy.definitions";
    /** Request-reply: one action definition ({@code ByIdQuery}). */
    public static final String QUERY_DEFINITION = ROOT + ".query.policy.definition";
    /** Request-reply: create an action definition ({@code DefinitionWrite} without id). */
    public static final String QUERY_DEFINITION_CREATE = ROOT + ".query.policy.definition_create";
    /** Request-reply: update an action definition, making a new version ({@code DefinitionWrite}). */
    public static final String QUERY_DEFINITION_UPDATE = ROOT + ".query.policy.definition_update";
    /** Request-reply: one stored version of an action definition, or all ({@code DefinitionVersionQuery}). */
    public static final String QUERY_DEFINITION_VERSIONS = ROOT + ".query.policy.definition_versions";
    /** Request-reply: delete an action definition ({@code ByIdQuery}). */
    public static final String QUERY_DEFINITION_DELETE = ROOT + ".query.policy.definition_delete";
    /** Request-reply: render a definition's current version into a plan ({@code DefinitionRender}). */
    public static final String QUERY_DEFINITION_RENDER = ROOT + ".query.policy.definition_render";
    /** Request-reply: runs, read: a list or one run with its steps ({@code RunRequest} list, get). */
    public static final String QUERY_RUNS = ROOT + ".query.policy.runs";
    /** Request-reply: every change to runs, their steps, tool calls, artifacts and leases ({@code RunRequest}). */
    public static final String QUERY_RUN_CHANGE = ROOT + ".query.policy.run_change";
    /** Run events: {@code handrail.v1.events.run.<event>} ({@code RunChanged}). */
    public static final String RUN_EVENTS_ALL = ROOT + ".events.run.>";
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
    /** Request-reply: replay one dead letter as a new plan through policy ({@code ReplayRequest}). */
    public static final String QUERY_DEAD_LETTER_REPLAY = ROOT + ".query.health.dead_letter_replay";
    /** Request-reply: a list of incidents ({@code ListQuery}: state, kind). */
    public static final String QUERY_INCIDENTS = ROOT + ".query.health.incidents";
    /** Request-reply: one incident ({@code ByIdQuery}). */
    public static final String QUERY_INCIDENT = ROOT + ".query.health.incident";
    /** Request-reply: every webhook, without its secret ({@code ListQuery}). */
    public static final String QUERY_WEBHOOKS = ROOT + ".query.health.webhooks";
    /** Request-reply: register a webhook ({@code WebhookCreate}); the reply holds its secret, once. */
    public static final String QUERY_WEBHOOK_CREATE = ROOT + ".query.health.webhook_create";
    /** Request-reply: enable or disable a webhook ({@code WebhookUpdate}). */
    public static final String QUERY_WEBHOOK_UPDATE = ROOT + ".query.health.webhook_update";
    /** Request-reply: delete a webhook and its deliveries ({@code ByIdQuery}). */
    public static final String QUERY_WEBHOOK_DELETE = ROOT + ".query.health.webhook_delete";
    /** Request-reply: a webhook's deliveries with every attempt, newest first ({@code ListQuery}: webhook_id). */
    public static final String QUERY_WEBHOOK_DELIVERIES = ROOT + ".query.health.webhook_deliveries";
    /** Incidents opened or closed: {@code handrail.v1.events.incident.<opened|closed>}. */
    public static final String INCIDENT_EVENTS_ALL = ROOT + ".events.incident.>";
    /** JetStream's advisories (core NATS) for commands a consumer gave up on after its maximum deliveries. */
    public static final String ADVISORY_COMMAND_MAX_DELIVERIES =
            "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES." + Subjects.STREAM_COMMANDS + ".>";

    /** JetStream stream holding the event feed. */
    public static final String STREAM_EVENTS = "HANDRAIL_EVENTS";
    /** NATS key-value bucket of the gateway's API tokens (hashed). */
    public static final String TOKEN_BUCKET = "handrail_tokens";

    /** JetStream stream holding commands until the service they are for has done them. */
    public static final String STREAM_COMMANDS = "HANDRAIL_COMMANDS";

    /** Durable consumer shared by every policy instance. */
    public static final String DURABLE_POLICY = "policy";
    /** Durable consumer shared by every audit instance. */
    public static final String DURABLE_AUDIT = "audit";
    /** Durable consumer shared by every health instance. */
    public static final String DURABLE_HEALTH = "health";
    /** Durable consumer of action outcomes for the circuit breakers, read by the leading health instance only. */
    public static final String DURABLE_HEALTH_BREAKERS = "health-breakers";
    /** Durable consumer of the audit store's quarantine notices, shared by every health instance. */
    public static final String DURABLE_HEALTH_QUARANTINE = "health-quarantine";
    /**
     * Durable consumer of the events webhooks announce (approvals, kill switch, incidents), shared
     * by every health instance, so each event is turned into deliveries once.
     */
    public static final String DURABLE_HEALTH_WEBHOOKS = "health-webhooks";

    /** Queue group of each service's request-reply responders. */
    public static final String QUEUE_AUDIT = "audit";

    public static final String QUEUE_POLICY = "policy";
    public static final String QUEUE_HEALTH = "health";

    /** Subject token used for intents that are not in the catalogue (user text never becomes a subject). */
    public static final String UNKNOWN_CAPABILITY = "unknown";
    /** The token before the node id in a node's result subject. */
    private static final String NODE_MARKER = "node";
    /** NATS user name, inbox prefix and durable consumer of a feed subscriber start with this. */
    private static final String SUBSCRIBER = "subscriber-";

    private Subjects() {}

    /** {@code handrail.v1.events.action.<event>.<capability>}, e.g. {@code ...action.succeeded.file.read}. */
    public static String actionEvent(String event, String intent) {
        return ROOT + ".events.action." + event + "." + capabilityToken(intent);
    }

    /** {@code handrail.v1.events.action.<event>.}: what every subject of that action event starts with. */
    public static String actionEventPrefix(String event) {
        return ROOT + ".events.action." + requireToken(event, "event") + ".";
    }

    /** Subject of a breaker transition into {@code state} for a breaker of {@code node}. */
    public static String breakerEvent(String state, String node) {
        return ROOT + ".events.breaker." + requireToken(state, "state") + "." + requireToken(node, "node");
    }

    /** Subject of a run's event ({@code RunChanged}). */
    public static String runEvent(String event) {
        return ROOT + ".events.run." + requireToken(event, "event");
    }

    /** Subject of an incident that was {@code opened} or {@code closed}. */
    public static String incidentEvent(String state) {
        return ROOT + ".events.incident." + requireToken(state, "state");
    }

    /** The execute-command subject of one node. */
    public static String exec(String node) {
        return ROOT + ".exec." + requireToken(node, "node");
    }

    /**
     * Subject of a result that {@code node} publishes about its own work:
     * {@code handrail.v1.events.action.<event>.<capability>.node.<node>}. The capability stays
     * where ADR 0001 put it, so {@code ...action.failed.>} and {@code ...action.*.file.>} still tap
     * it; the node is last, after the marker token {@code node}.
     */
    public static String nodeResult(String event, String intent, String node) {
        if (!NODE_RESULT_EVENTS.contains(event)) {
            throw new IllegalArgumentException("Not a node's result event: " + event);
        }
        return actionEvent(event, intent) + "." + NODE_MARKER + "." + requireToken(node, "node");
    }

    /**
     * Every subject {@code node} may publish its results on, as NATS permission subjects: for each
     * of {@link #NODE_RESULT_EVENTS}, a one-token capability ({@code unknown}) and a two-token one.
     */
    public static List<String> nodeResultPermissions(String node) {
        requireToken(node, "node");
        List<String> subjects = new ArrayList<>();
        for (String event : NODE_RESULT_EVENTS) {
            subjects.add(actionEventPrefix(event) + "*." + NODE_MARKER + "." + node);
            subjects.add(actionEventPrefix(event) + "*.*." + NODE_MARKER + "." + node);
        }
        return subjects;
    }

    /**
     * The node a node-result subject names ({@link #nodeResult}); empty for any other subject,
     * including one that only looks like it (an event that is not a node's result, or a capability
     * outside the catalogue).
     */
    public static Optional<String> resultNode(String subject) {
        String prefix = ROOT + ".events.action.";
        if (subject == null || !subject.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] tokens = subject.substring(prefix.length()).split("\\.", -1);
        int n = tokens.length;
        if (n < 4
                || n > 5
                || !NODE_MARKER.equals(tokens[n - 2])
                || !NODE_RESULT_EVENTS.contains(tokens[0])
                || !isToken(tokens[n - 1])) {
            return Optional.empty();
        }
        String capability = String.join(".", List.of(tokens).subList(1, n - 2));
        boolean known = capability.equals(UNKNOWN_CAPABILITY)
                || CapabilityCatalogue.find(capability).isPresent();
        return known ? Optional.of(tokens[n - 1]) : Optional.empty();
    }

    /**
     * The consumer one node's executor reads the stored kill-switch changes with at start, on
     * {@link #STREAM_EVENTS}; the only consumer of that stream its identity may create or delete.
     */
    public static String killSwitchReplay(String node) {
        return "executor-" + requireToken(node, "node") + "-kill-switch";
    }

    /** Durable consumer name of one node's executors. */
    public static String durableExecutor(String node) {
        return "executor-" + requireToken(node, "node");
    }

    /**
     * The NATS user of feed subscriber {@code name}, which is also the one durable consumer it may
     * create on {@link #STREAM_EVENTS} and its inbox prefix ({@code _INBOX.<user>}).
     */
    public static String subscriber(String name) {
        return SUBSCRIBER + requireToken(name, "subscriber");
    }

    /** Heartbeat subject of one service instance or node: {@code handrail.v1.heartbeat.<kind>.<id>}. */
    public static String heartbeat(String kind, String id) {
        return ROOT + ".heartbeat." + requireToken(kind, "kind") + "." + requireToken(id, "id");
    }

    /** Where the audit store announces an event it committed that came on {@code feedSubject} (a {@code handrail.v1.} subject). */
    public static String auditStored(String feedSubject) {
        String prefix = ROOT + ".";
        String rest = feedSubject != null && feedSubject.startsWith(prefix)
                ? feedSubject.substring(prefix.length())
                : "events.other";
        return ROOT + ".audit.stored." + rest;
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
