package dev.handrail.bus;

import java.util.concurrent.CompletionStage;

/**
 * What a consumer does with a message that is not an envelope at all (not JSON, or not a
 * CloudEvents envelope). The message is acknowledged when the returned stage completes normally
 * and redelivered (after a back-off) when it completes exceptionally. A consumer started without
 * one terminates such a message (JetStream never delivers it again): right for a consumer that could
 * do nothing with it, wrong for one that must keep a record of everything (the audit store).
 */
@FunctionalInterface
public interface UnreadableHandler {

    CompletionStage<?> handle(byte[] data, Delivery delivery, RuntimeException error);
}
