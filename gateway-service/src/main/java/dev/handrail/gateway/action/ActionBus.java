package dev.handrail.gateway.action;

import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.query.Reply;
import java.util.concurrent.CompletableFuture;

/** What the gateway needs of the bus: send a command, ask a question. Implemented in {@code messaging}. */
public interface ActionBus {

    /** The CloudEvents source of this gateway instance. */
    String source();

    /** Publishes a command durably; completes when JetStream has stored it. */
    CompletableFuture<Void> send(String subject, Envelope command);

    /** Asks a query and completes with the reply (fails when nobody answers in time). */
    CompletableFuture<Reply> ask(String subject, Object query);
}
