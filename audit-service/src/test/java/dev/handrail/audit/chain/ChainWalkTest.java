package dev.handrail.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainWalkTest {

    private static List<ChainRow> chain(int length) {
        List<ChainRow> rows = new ArrayList<>();
        String prev = ChainHash.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            String json = "{\"id\":\"e" + seq + "\",\"n\":" + seq + "}";
            String hash = ChainHash.ofEnvelopeJson(prev, json);
            rows.add(new ChainRow(seq, prev, hash, json));
            prev = hash;
        }
        return rows;
    }

    private static ChainVerification walk(List<ChainRow> rows, long fromSeq, String prevHash) {
        ChainWalk walk = new ChainWalk(fromSeq, prevHash);
        for (ChainRow row : rows) {
            if (!walk.accept(row)) {
                break;
            }
        }
        return walk.result();
    }

    @Test
    void intactChainVerifiesEveryRow() {
        ChainVerification result = walk(chain(5), 1, ChainHash.GENESIS);

        assertThat(result.ok()).isTrue();
        assertThat(result.checked()).isEqualTo(5);
    }

    @Test
    void emptyChainIsIntact() {
        assertThat(walk(List.of(), 1, ChainHash.GENESIS).ok()).isTrue();
    }

    @Test
    void changedEnvelopeBreaksTheChainAtItsSeq() {
        List<ChainRow> rows = chain(5);
        ChainRow third = rows.get(2);
        rows.set(
                2,
                new ChainRow(
                        3, third.prevHash(), third.hash(), third.envelopeJson().replace("e3", "e4")));

        ChainVerification result = walk(rows, 1, ChainHash.GENESIS);

        assertThat(result.brokenSeq()).hasValue(3);
        assertThat(result.checked()).isEqualTo(2);
        assertThat(result.reason()).contains("hash");
    }

    @Test
    void rewrittenHashIsCaughtByTheNextRowsLink() {
        List<ChainRow> rows = chain(5);
        ChainRow third = rows.get(2);
        String forged = third.envelopeJson().replace("e3", "e9");
        rows.set(2, new ChainRow(3, third.prevHash(), ChainHash.ofEnvelopeJson(third.prevHash(), forged), forged));

        assertThat(walk(rows, 1, ChainHash.GENESIS).brokenSeq()).hasValue(4);
    }

    @Test
    void missingSeqIsNamed() {
        List<ChainRow> rows = chain(5);
        rows.remove(1);

        ChainVerification result = walk(rows, 1, ChainHash.GENESIS);

        assertThat(result.brokenSeq()).hasValue(2);
        assertThat(result.reason()).contains("missing");
    }

    @Test
    void walkFromTheMiddleStartsFromTheHashBefore() {
        List<ChainRow> rows = chain(5);

        assertThat(walk(rows.subList(2, 5), 3, rows.get(1).hash()).ok()).isTrue();
        assertThat(walk(rows.subList(2, 5), 3, ChainHash.GENESIS).brokenSeq()).hasValue(3);
    }

    @Test
    void envelopeThatIsNotJsonBreaksTheChain() {
        List<ChainRow> rows = chain(2);
        ChainRow second = rows.get(1);
        rows.set(1, new ChainRow(2, second.prevHash(), second.hash(), "{broken"));

        assertThat(walk(rows, 1, ChainHash.GENESIS).brokenSeq()).hasValue(2);
    }
}
