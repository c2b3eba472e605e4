package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import java.time.Instant;

/**
 * The audit store signed its chain: an Ed25519 signature by key {@code keyId} over the stored
 * event at {@code seq} having hash {@code hash} (the signed bytes are described in the audit-service canvas).
 * Anyone holding the public key can later prove the store had reached that point, so a chain
 * cut short below {@code seq} is detected. {@code signature} is base64.
 */
public record AuditCheckpoint(long seq, String hash, String keyId, String signature, Instant signedAt)
        implements ControlEvent {

    @Override
    public String subject() {
        return "checkpoint:" + seq;
    }

    @Override
    public String natsSubject() {
        return Subjects.AUDIT_CHECKPOINT_EVENTS;
    }
}
