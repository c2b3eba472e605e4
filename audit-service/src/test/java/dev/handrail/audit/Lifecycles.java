package dev.handrail.audit;

import dev.handrail.audit.store.IncomingEvent;
import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecutionStarted;
import dev.handrail.contracts.message.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Envelopes of whole action life-cycles, as policy and the executor would publish them. */
public final class Lifecycles {

    public static final String SOURCE = "/handrail/test/1";
    public static final String PRINCIPAL = "agent-7";
    public static final Validation VALID =
            Validation.of(List.of(Check.pass("capability_exists", "file.read is known")));
    public static final Decision ALLOW = new Decision(Decision.Effect.ALLOW, List.of("risk_safe"), "builtin-1");
    public static final Execution DONE = Execution.succeeded("hello", 3, 0, Map.of("bytes", 5));
    /** {@link #DONE} as the store keeps it: what file.read returned is redacted to its digest. */
    public static final Execution DONE_AS_STORED = Execution.succeeded(
            Map.of(
                    "redacted",
                    true,
                    "sha256",
                    "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                    "length",
                    5),
            3,
            0,
            Map.of("bytes", 5));

    private Lifecycles() {}

    /** The subject an envelope's publisher puts it on: a node's result on its node's own subject. */
    public static String subjectOf(Envelope envelope) {
        return envelope.message() instanceof ActionEvent event ? event.natsSubject() : "handrail.v1.events.other";
    }

    /** An envelope as the feed delivers it, on its publisher's subject. */
    public static IncomingEvent incoming(Envelope envelope) {
        return new IncomingEvent(envelope, subjectOf(envelope));
    }

    /** planned → validated → approved → executing → succeeded for a file.read. */
    public static List<Envelope> succeeded(String actionId, String session) {
        return chain(
                planned(actionId, session),
                new ActionValidated(actionId, "file.read", VALID, false),
                new ActionApproved(actionId, "file.read", ALLOW, null, null),
                new ExecutionStarted(actionId, "file.read", "local", 1),
                new ActionSucceeded(actionId, "file.read", "local", DONE));
    }

    /** planned → ... → succeeded for a file.read whose output is {@code content}. */
    public static List<Envelope> fileRead(String actionId, String session, String content) {
        Envelope planned = Envelope.of(
                SOURCE,
                new ActionPlanned(
                        actionId,
                        "file.read",
                        Map.of("path", "notes.txt"),
                        session,
                        PRINCIPAL,
                        "key-" + actionId,
                        false,
                        5000,
                        1,
                        Map.of(),
                        "local",
                        RiskLevel.SAFE,
                        false,
                        Instant.now()),
                PRINCIPAL,
                session);
        return chain(
                planned,
                new ActionValidated(actionId, "file.read", VALID, false),
                new ActionApproved(actionId, "file.read", ALLOW, null, null),
                new ExecutionStarted(actionId, "file.read", "local", 1),
                new ActionSucceeded(
                        actionId,
                        "file.read",
                        "local",
                        Execution.succeeded(
                                Map.of("path", "notes.txt", "content", content, "bytes", 5),
                                3,
                                0,
                                Map.of("bytes", 5))));
    }

    /** The plan of an action of {@code intent} with {@code params}. */
    public static Envelope planned(String actionId, String intent, Map<String, Object> params) {
        return Envelope.of(
                SOURCE,
                new ActionPlanned(
                        actionId,
                        intent,
                        params,
                        "s-1",
                        PRINCIPAL,
                        "key-" + actionId,
                        false,
                        5000,
                        1,
                        Map.of(),
                        "local",
                        RiskLevel.HIGH,
                        true,
                        Instant.now()),
                PRINCIPAL,
                "s-1");
    }

    /** The first envelope of an action: its plan was accepted. */
    public static Envelope planned(String actionId, String session) {
        return Envelope.of(
                SOURCE,
                new ActionPlanned(
                        actionId,
                        "file.read",
                        Map.of("path", "notes.txt"),
                        session,
                        PRINCIPAL,
                        "key-" + actionId,
                        false,
                        5000,
                        1,
                        Map.of(),
                        "local",
                        RiskLevel.SAFE,
                        false,
                        Instant.now()),
                PRINCIPAL,
                session);
    }

    /** Each message caused by the envelope before it. */
    public static List<Envelope> chain(Envelope first, Message... next) {
        List<Envelope> envelopes = new ArrayList<>(List.of(first));
        for (Message m : next) {
            envelopes.add(Envelope.causedBy(envelopes.getLast(), SOURCE, m));
        }
        return envelopes;
    }
}
