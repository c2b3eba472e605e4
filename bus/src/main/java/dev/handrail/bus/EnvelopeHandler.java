package dev.handrail.bus;

import dev.handrail.contracts.message.Envelope;
import java.util.concurrent.CompletionStage;

/**
 * Domain-side handler of a consumed message. The message is acknowledged when the returned
 * stage completes normally and redelivered (after a back-off) when it completes exceptionally,
 * so a handler must be idempotent.
 */
@FunctionalInterface
public interface EnvelopeHandler {

    CompletionStage<?> handle(Envelope envelope, Delivery delivery);
}
