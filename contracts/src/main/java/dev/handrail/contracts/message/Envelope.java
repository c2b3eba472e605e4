package dev.handrail.contracts.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.json.Json;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A CloudEvents 1.0 structured-mode JSON envelope around one {@link Message}. {@code subject}
 * is the action id. The extensions {@code correlationid}, {@code causationid}, {@code principal}
 * and {@code session} follow CloudEvents' naming rule (lower-case letters and digits only), which
 * is why they are not snake_case. A command from the gateway also carries {@code principalclaim}:
 * a signed {@link dev.handrail.contracts.claim.PrincipalClaim} that its principal is who the
 * gateway authenticated; it is left out of the JSON when absent (every other message). The
 * {@code traceparent} extension (CloudEvents' distributed-tracing extension, a W3C trace context)
 * names the span that sent the message, so a subscriber that reads only the JSON can join the
 * action's trace; it is left out when the sender traced nothing, and envelopes written before it
 * existed read without it.
 */
public record Envelope(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String correlationid,
        @Nullable String causationid,
        @Nullable String principal,
        @Nullable String session,
        @Nullable JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String principalclaim,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    /** An envelope without a principal claim. */
    public Envelope(
            String specversion,
            String id,
            String source,
            String type,
            String subject,
            Instant time,
            String datacontenttype,
            String correlationid,
            @Nullable String causationid,
            @Nullable String principal,
            @Nullable String session,
            @Nullable JsonNode data) {
        this(
                specversion,
                id,
                source,
                type,
                subject,
                time,
                datacontenttype,
                correlationid,
                causationid,
                principal,
                session,
                data,
                null,
                null);
    }

    /** An envelope with a principal claim and no trace context. */
    public Envelope(
            String specversion,
            String id,
            String source,
            String type,
            String subject,
            Instant time,
            String datacontenttype,
            String correlationid,
            @Nullable String causationid,
            @Nullable String principal,
            @Nullable String session,
            @Nullable JsonNode data,
            @Nullable String principalclaim) {
        this(
                specversion,
                id,
                source,
                type,
                subject,
                time,
                datacontenttype,
                correlationid,
                causationid,
                principal,
                session,
                data,
                principalclaim,
                null);
    }

    /** This envelope carrying {@code claim} (the encoded, signed principal claim). */
    public Envelope withPrincipalClaim(@Nullable String claim) {
        return new Envelope(
                specversion,
                id,
                source,
                type,
                subject,
                time,
                datacontenttype,
                correlationid,
                causationid,
                principal,
                session,
                data,
                claim,
                traceparent);
    }

    /**
     * This envelope naming {@code context} (a W3C {@code traceparent}) as the span that sends it;
     * the same envelope when it already does.
     */
    public Envelope withTraceparent(@Nullable String context) {
        if (java.util.Objects.equals(context, traceparent)) {
            return this;
        }
        return new Envelope(
                specversion,
                id,
                source,
                type,
                subject,
                time,
                datacontenttype,
                correlationid,
                causationid,
                principal,
                session,
                data,
                principalclaim,
                context);
    }

    /** This envelope with another principal and session (a message caused by a command, told apart from it). */
    public Envelope withPrincipal(@Nullable String newPrincipal, @Nullable String newSession) {
        return new Envelope(
                specversion,
                id,
                source,
                type,
                subject,
                time,
                datacontenttype,
                correlationid,
                causationid,
                newPrincipal,
                newSession,
                data,
                principalclaim,
                traceparent);
    }

    /** Wraps a message as the first of its causal chain (correlated by its own subject). */
    public static Envelope of(String source, Message message, @Nullable String principal, @Nullable String session) {
        return new Envelope(
                SPEC_VERSION,
                ActionIds.next(),
                source,
                MessageTypes.typeOf(message),
                message.subject(),
                Instant.now(),
                JSON,
                message.subject(),
                null,
                principal,
                session,
                Json.mapper().valueToTree(message));
    }

    /**
     * Wraps a message that has no cause on the bus (a timer fired, an operator acted) but whose
     * id must still be derived so that doing it twice publishes it once, e.g. an expiry.
     */
    public static Envelope ofDerived(
            String source, Message message, @Nullable String principal, @Nullable String session) {
        Envelope fresh = of(source, message, principal, session);
        return new Envelope(
                fresh.specversion(),
                derivedId(fresh, message),
                fresh.source(),
                fresh.type(),
                fresh.subject(),
                fresh.time(),
                fresh.datacontenttype(),
                fresh.correlationid(),
                null,
                principal,
                session,
                fresh.data());
    }

    /**
     * Wraps a message caused by {@code cause}: same correlation, principal and session. The id
     * is derived (see {@link #derivedId}), so handling the same cause twice after a redelivery
     * publishes the same ids, which JetStream and the audit store then drop as duplicates. It
     * carries the cause's trace context until the bus names the span that publishes it.
     */
    public static Envelope causedBy(Envelope cause, String source, Message message) {
        return new Envelope(
                SPEC_VERSION,
                derivedId(cause, message),
                source,
                MessageTypes.typeOf(message),
                message.subject(),
                Instant.now(),
                JSON,
                cause.correlationid(),
                cause.id(),
                cause.principal(),
                cause.session(),
                Json.mapper().valueToTree(message),
                null,
                cause.traceparent());
    }

    /**
     * The id of a message caused by {@code cause}. An action enters each state at most once, so
     * an action event is named by action and state; an execute command by its action; a notice
     * by the command it answers.
     */
    public static String derivedId(Envelope cause, Message message) {
        return switch (message) {
            case ActionEvent e -> e.actionId() + "." + e.state().wire();
            case ExecuteCommand c -> c.actionId() + ".execute";
            case Notice n -> cause.id() + ".notice";
            default -> ActionIds.next();
        };
    }

    /** The message inside, as the class its {@code type} names. */
    public Message message() {
        return Json.mapper().convertValue(data, MessageTypes.classOf(type));
    }

    /** The message inside as a given class; fails if the type says otherwise. */
    public <T extends Message> T message(Class<T> expected) {
        Class<? extends Message> actual = MessageTypes.classOf(type);
        if (!expected.isAssignableFrom(actual)) {
            throw new IllegalArgumentException("Expected " + expected.getSimpleName() + " but envelope holds " + type);
        }
        return expected.cast(Json.mapper().convertValue(data, actual));
    }

    /**
     * This envelope with other {@code data} (e.g. redacted), everything else the same but the
     * principal claim, which is left out.
     */
    public Envelope withData(JsonNode other) {
        return new Envelope(
                specversion,
                id,
                source,
                type,
                subject,
                time,
                datacontenttype,
                correlationid,
                causationid,
                principal,
                session,
                other,
                null,
                traceparent);
    }

    /** Serialised envelope. */
    public byte[] toBytes() {
        return Json.bytes(this);
    }

    /** Parses an envelope from the wire. */
    public static Envelope parse(byte[] bytes) {
        return Json.read(bytes, Envelope.class);
    }
}
