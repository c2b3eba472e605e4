package dev.handrail.audit.cli;

import dev.handrail.audit.chain.VerificationReport;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads export files (plain or gzip'd, as archived segments are) and verifies several of them as one
 * chain: each alone with {@link ExportVerifier}, and each starting right where the one before ended
 * (the next seq, from the hash of the last event before it). A missing, repeated or swapped file
 * breaks the chain at the first seq that does not follow. Stateless.
 */
public final class ExportFiles {

    private ExportFiles() {}

    /** A reader of {@code file}'s lines, unzipping it when it starts with the gzip magic bytes. */
    public static BufferedReader open(Path file) throws IOException {
        return reader(Files.newInputStream(file));
    }

    /** A reader of the stream's lines, unzipping it when it starts with the gzip magic bytes. */
    public static BufferedReader reader(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        InputStream text = gzip ? new GZIPInputStream(in, 1 << 16) : in;
        return new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8));
    }

    /** Verifies {@code files} in the order given as one chain; stops at the first file that breaks it. */
    public static ExportVerifier.Outcome verifyInOrder(Map<String, PublicKey> trusted, List<Path> files)
            throws IOException {
        ExportVerifier.Outcome joined = null;
        Path previous = null;
        for (Path file : files) {
            ExportVerifier.Outcome next;
            try (BufferedReader in = open(file)) {
                next = new ExportVerifier(trusted).verify(in);
            } catch (ExportVerifier.MalformedExportException e) {
                throw new ExportVerifier.MalformedExportException(file + ": " + e.getMessage());
            }
            joined = joined == null ? named(file, next) : join(joined, previous, next, file);
            previous = file;
            if (!joined.report().intact()) {
                return joined;
            }
        }
        if (joined == null) {
            throw new ExportVerifier.MalformedExportException("no export file given");
        }
        return joined;
    }

    private static ExportVerifier.Outcome named(Path file, ExportVerifier.Outcome outcome) {
        VerificationReport r = outcome.report();
        if (r.intact()) {
            return outcome;
        }
        return new ExportVerifier.Outcome(
                broken(r, r.fromSeq(), r.checked(), r.brokenSeq(), r.problem(), file + ": " + r.reason()),
                outcome.keysFromExport(),
                outcome.events(),
                outcome.anchorHash(),
                outcome.lastHash());
    }

    private static ExportVerifier.Outcome join(
            ExportVerifier.Outcome before, Path beforeFile, ExportVerifier.Outcome next, Path file) {
        VerificationReport a = before.report();
        VerificationReport b = next.report();
        boolean keysFromExport = before.keysFromExport() || next.keysFromExport();
        long events = before.events() + next.events();
        long expected = a.headSeq() + 1;
        String problem = null;
        if (b.fromSeq() > expected) {
            problem = "seqs " + expected + ".." + (b.fromSeq() - 1) + " are missing: " + file + " starts at seq "
                    + b.fromSeq() + " but " + beforeFile + " ends at seq " + a.headSeq();
        } else if (b.fromSeq() < expected) {
            problem = file + " starts at seq " + b.fromSeq() + ", which " + beforeFile + " holds already";
        } else if (!next.anchorHash().equals(before.lastHash())) {
            problem = file + " does not start from the hash of seq " + a.headSeq() + " at the end of " + beforeFile;
        }
        if (problem != null) {
            return new ExportVerifier.Outcome(
                    broken(a, a.fromSeq(), a.checked(), expected, VerificationReport.CHAIN_BROKEN, problem),
                    keysFromExport,
                    events,
                    before.anchorHash(),
                    before.lastHash());
        }
        if (!b.intact()) {
            return new ExportVerifier.Outcome(
                    broken(
                            b,
                            a.fromSeq(),
                            a.checked() + b.checked(),
                            b.brokenSeq(),
                            b.problem(),
                            file + ": " + b.reason()),
                    keysFromExport,
                    events,
                    before.anchorHash(),
                    before.lastHash());
        }
        boolean signedInNext = b.lastCheckpointSeq() != null;
        VerificationReport whole = new VerificationReport(
                true,
                a.fromSeq(),
                b.headSeq(),
                a.checked() + b.checked(),
                null,
                null,
                null,
                signedInNext ? b.lastCheckpointSeq() : a.lastCheckpointSeq(),
                a.checkpointsVerified() + b.checkpointsVerified(),
                signedInNext ? b.unsignedEvents() : a.unsignedEvents() + b.checked());
        return new ExportVerifier.Outcome(
                whole,
                keysFromExport,
                events,
                before.anchorHash(),
                next.lastHash() == null ? before.lastHash() : next.lastHash());
    }

    private static VerificationReport broken(
            VerificationReport r, long fromSeq, long checked, Long brokenSeq, String problem, String reason) {
        return new VerificationReport(
                false,
                fromSeq,
                r.headSeq(),
                checked,
                brokenSeq,
                problem,
                reason,
                r.lastCheckpointSeq(),
                r.checkpointsVerified(),
                r.unsignedEvents());
    }
}
