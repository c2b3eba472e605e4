package dev.handrail.audit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handrail.audit.chain.ChainAudit;
import dev.handrail.audit.chain.ChainHash;
import dev.handrail.audit.chain.ChainRow;
import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.chain.CheckpointSignature;
import dev.handrail.audit.chain.VerificationReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies an audit export (JSON lines, as {@code GET /v1/audit/export} writes them) without any
 * service: a {@code key} line per signing key and a {@code checkpoint} line per checkpoint, then
 * one {@code event} line per stored event in seq order, then an {@code end} line. The events go
 * through the same {@link ChainAudit} as the service's own verification. An archived segment is an
 * export whose first line also names its {@code anchor_hash} (the hash of the event before
 * {@code from_seq}): its chain is then checked from that anchor, so a removed first event is caught
 * too. Not thread-safe: one verifier reads one export.
 */
public final class ExportVerifier {

    /** The format name in the export's first line. */
    public static final String FORMAT = "handrail.audit.export.v1";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, PublicKey> trusted;
    private final Map<String, PublicKey> exported = new LinkedHashMap<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private ChainAudit audit;
    private boolean intact = true;
    private long events;
    private JsonNode end;
    private long fromSeq = 1;
    private String anchor;
    private String firstPrevHash;
    private String lastHash;

    /**
     * @param trusted the keys to trust, by key id; empty: trust the keys the export itself lists
     */
    public ExportVerifier(Map<String, PublicKey> trusted) {
        this.trusted = Map.copyOf(trusted);
    }

    /**
     * What came of reading the export: the report, whether the keys were the export's own, how many
     * events it holds, and how it joins its neighbours: {@code anchorHash} is the hash it starts from
     * (the header's anchor, else the first event's prev_hash), {@code lastHash} the hash of its last
     * event (null when it holds none).
     */
    public record Outcome(
            VerificationReport report, boolean keysFromExport, long events, String anchorHash, String lastHash) {}

    /** Reads the whole export and verifies it; fails with {@link MalformedExportException} when it is not one. */
    public Outcome verify(BufferedReader in) throws IOException {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (!line.isBlank()) {
                accept(number, readLine(number, line));
            }
        }
        VerificationReport report = audit == null ? emptyChain() : audit.finish();
        boolean cutShort = report.intact() || VerificationReport.TRUNCATED.equals(report.problem());
        if (cutShort && end == null) {
            report = incomplete(report, "the export ends without its end line; it was cut short");
        } else if (report.intact() && end.path("events").asLong(-1) != events) {
            report = incomplete(
                    report,
                    "the end line counts " + end.path("events").asLong(-1) + " events but the export holds " + events);
        }
        String startsFrom = anchor != null ? anchor : firstPrevHash != null ? firstPrevHash : ChainHash.GENESIS;
        return new Outcome(report, trusted.isEmpty(), events, startsFrom, lastHash);
    }

    private JsonNode readLine(int number, String line) {
        try {
            return mapper.readTree(line);
        } catch (IOException e) {
            throw new MalformedExportException("line " + number + " is not JSON: " + e.getMessage());
        }
    }

    private void accept(int number, JsonNode node) {
        String kind = node.path("kind").asText("");
        switch (kind) {
            case "export" -> {
                if (!FORMAT.equals(node.path("format").asText())) {
                    throw new MalformedExportException(
                            "line " + number + ": format " + node.path("format").asText() + " is not " + FORMAT);
                }
                fromSeq = Math.max(1, node.path("from_seq").asLong(1));
                if (node.path("anchor_hash").isTextual()) {
                    anchor = node.path("anchor_hash").asText();
                }
            }
            case "key" -> {
                PublicKey key =
                        CheckpointSignature.publicKey(node.path("public_key").asText());
                exported.put(CheckpointSignature.keyId(key), key);
            }
            case "checkpoint" -> {
                requireHeader(number, kind);
                checkpoints.add(new Checkpoint(
                        node.path("seq").asLong(),
                        node.path("hash").asText(),
                        node.path("key_id").asText(),
                        node.path("signature").asText(),
                        instant(node.path("signed_at"))));
            }
            case "event" -> event(node);
            case "end" -> end = node;
            default -> throw new MalformedExportException("line " + number + " has unknown kind '" + kind + "'");
        }
    }

    private void requireHeader(int number, String kind) {
        if (audit != null) {
            throw new MalformedExportException("line " + number + ": a " + kind + " line after the first event");
        }
    }

    private void event(JsonNode node) {
        long seq = node.path("seq").asLong();
        if (audit == null) {
            firstPrevHash = node.path("prev_hash").asText();
            audit = anchor != null
                    ? new ChainAudit(fromSeq, anchor, checkpoints, keys())
                    : new ChainAudit(seq, seq == 1 ? ChainHash.GENESIS : firstPrevHash, checkpoints, keys());
        }
        events++;
        if (intact) {
            intact = audit.accept(new ChainRow(
                    seq,
                    node.path("prev_hash").asText(),
                    node.path("hash").asText(),
                    node.path("envelope").toString()));
            if (intact) {
                lastHash = node.path("hash").asText();
            }
        }
    }

    private VerificationReport emptyChain() {
        long from = end == null ? fromSeq : Math.max(1, end.path("from_seq").asLong(1));
        ChainAudit nothing = new ChainAudit(from, anchor == null ? ChainHash.GENESIS : anchor, checkpoints, keys());
        return nothing.finish();
    }

    private Map<String, PublicKey> keys() {
        return trusted.isEmpty() ? exported : trusted;
    }

    private static VerificationReport incomplete(VerificationReport report, String reason) {
        return new VerificationReport(
                false,
                report.fromSeq(),
                report.headSeq(),
                report.checked(),
                report.headSeq() + 1,
                VerificationReport.INCOMPLETE_EXPORT,
                reason,
                report.lastCheckpointSeq(),
                report.checkpointsVerified(),
                report.unsignedEvents());
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }

    /** The input is not an audit export this verifier can read. */
    public static final class MalformedExportException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedExportException(String message) {
            super(message);
        }
    }
}
