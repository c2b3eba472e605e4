package dev.handrail.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.audit.TestKeys;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainAuditTest {

    private final KeyPair key = TestKeys.pair();
    private final String keyId = CheckpointSignature.keyId(key.getPublic());
    private final Map<String, PublicKey> trusted = Map.of(keyId, key.getPublic());

    private static List<ChainRow> chain(int length) {
        List<ChainRow> rows = new ArrayList<>();
        String prev = ChainHash.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            String json = "{\"id\":\"e" + seq + "\"}";
            String hash = ChainHash.ofEnvelopeJson(prev, json);
            rows.add(new ChainRow(seq, prev, hash, json));
            prev = hash;
        }
        return rows;
    }

    private Checkpoint checkpoint(ChainRow row) {
        return new Checkpoint(
                row.seq(),
                row.hash(),
                keyId,
                CheckpointSignature.sign(key.getPrivate(), row.seq(), row.hash()),
                Instant.parse("2026-11-21T10:00:00Z"));
    }

    private VerificationReport audit(List<ChainRow> rows, List<Checkpoint> checkpoints, Map<String, PublicKey> keys) {
        ChainAudit audit = new ChainAudit(1, ChainHash.GENESIS, checkpoints, keys);
        rows.forEach(audit::accept);
        return audit.finish();
    }

    @Test
    void intactChainWithValidCheckpointsHolds() {
        List<ChainRow> rows = chain(10);

        VerificationReport report = audit(rows, List.of(checkpoint(rows.get(4)), checkpoint(rows.get(7))), trusted);

        assertThat(report.intact()).isTrue();
        assertThat(report.checked()).isEqualTo(10);
        assertThat(report.headSeq()).isEqualTo(10);
        assertThat(report.checkpointsVerified()).isEqualTo(2);
        assertThat(report.lastCheckpointSeq()).isEqualTo(8L);
        assertThat(report.unsignedEvents()).isEqualTo(2);
    }

    @Test
    void chainEndingBeforeItsLastCheckpointIsTruncatedFromTheFirstMissingSeq() {
        List<ChainRow> rows = chain(10);
        Checkpoint last = checkpoint(rows.get(9));

        VerificationReport report = audit(rows.subList(0, 6), List.of(checkpoint(rows.get(4)), last), trusted);

        assertThat(report.problem()).isEqualTo(VerificationReport.TRUNCATED);
        assertThat(report.brokenSeq()).isEqualTo(7L);
        assertThat(report.reason()).contains("checkpoint 10");
    }

    @Test
    void forgedSignatureIsNamedAtItsCheckpoint() {
        List<ChainRow> rows = chain(6);
        Checkpoint good = checkpoint(rows.get(3));
        Checkpoint forged = new Checkpoint(
                good.seq(),
                good.hash(),
                keyId,
                CheckpointSignature.sign(TestKeys.pair().getPrivate(), good.seq(), good.hash()),
                good.signedAt());

        VerificationReport report = audit(rows, List.of(forged), trusted);

        assertThat(report.problem()).isEqualTo(VerificationReport.BAD_SIGNATURE);
        assertThat(report.brokenSeq()).isEqualTo(4L);
    }

    @Test
    void checkpointByAnUntrustedKeyIsNamed() {
        List<ChainRow> rows = chain(6);

        VerificationReport report = audit(rows, List.of(checkpoint(rows.get(2))), Map.of());

        assertThat(report.problem()).isEqualTo(VerificationReport.UNKNOWN_KEY);
    }

    @Test
    void storedHashOtherThanTheSignedOneIsAMismatch() {
        List<ChainRow> rows = chain(6);
        Checkpoint honest = checkpoint(rows.get(2));
        List<ChainRow> rewritten = new ArrayList<>(rows.subList(0, 2));
        String prev = rows.get(1).hash();
        for (int seq = 3; seq <= 6; seq++) {
            String json = "{\"id\":\"forged" + seq + "\"}";
            String hash = ChainHash.ofEnvelopeJson(prev, json);
            rewritten.add(new ChainRow(seq, prev, hash, json));
            prev = hash;
        }

        VerificationReport report = audit(rewritten, List.of(honest), trusted);

        assertThat(report.problem()).isEqualTo(VerificationReport.CHECKPOINT_MISMATCH);
        assertThat(report.brokenSeq()).isEqualTo(3L);
    }

    @Test
    void firstProblemBySeqWins() {
        List<ChainRow> rows = chain(8);
        Checkpoint last = checkpoint(rows.get(7));
        List<ChainRow> broken = new ArrayList<>(rows.subList(0, 6));
        ChainRow third = broken.get(2);
        broken.set(2, new ChainRow(3, third.prevHash(), third.hash(), "{\"id\":\"changed\"}"));

        VerificationReport report = audit(broken, List.of(last), trusted);

        assertThat(report.problem()).isEqualTo(VerificationReport.CHAIN_BROKEN);
        assertThat(report.brokenSeq()).isEqualTo(3L);
    }

    @Test
    void signatureIsOverTheTaggedSeqAndHash() {
        assertThat(new String(CheckpointSignature.message(42, "ab"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("handrail.audit.checkpoint.v1\n42\nab");
        Checkpoint c = checkpoint(chain(1).getFirst());

        assertThat(CheckpointSignature.verify(key.getPublic(), c)).isTrue();
        assertThat(CheckpointSignature.verify(key.getPublic(), new Checkpoint(2, c.hash(), keyId, c.signature(), null)))
                .isFalse();
        assertThat(CheckpointSignature.verify(key.getPublic(), new Checkpoint(1, c.hash(), keyId, "not base64!", null)))
                .isFalse();
    }
}
