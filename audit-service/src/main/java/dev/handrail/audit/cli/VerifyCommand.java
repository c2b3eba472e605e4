package dev.handrail.audit.cli;

import dev.handrail.audit.chain.CheckpointSignature;
import dev.handrail.audit.chain.VerificationReport;
import dev.handrail.contracts.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command-line verifier: checks an audit export or archived segment files (the hash chain, the
 * checkpoint signatures, truncation against the last checkpoint, and that each file continues the one
 * before) with no service running. Exit status 0 when it holds,
 * 1 when it does not (the first broken seq is printed), 2 when the input cannot be read.
 *
 * <pre>
 * java -cp "audit-service/target/classes:$(cat audit-service/target/runtime-classpath.txt)" \
 *     dev.handrail.audit.cli.VerifyCommand --public-key key.json export.jsonl
 * </pre>
 */
@Command(
        name = "handrail-audit-verify",
        mixinStandardHelpOptions = true,
        version = "handrail-audit-verify 1",
        description = "Verifies a Handrail audit export (GET /v1/audit/export) or archived segment files offline:"
                + " hash chain, signed checkpoints, truncation.",
        exitCodeOnInvalidInput = 2,
        exitCodeOnExecutionException = 2)
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..*",
            paramLabel = "EXPORT",
            description = "The export file (JSON lines, plain or gzip'd); '-' or nothing reads standard input."
                    + " Several files (archived segments in seq order, then an export of the hot store) are"
                    + " verified as one chain: a missing, repeated or reordered file breaks it.")
    private List<String> exports = new ArrayList<>();

    @Option(
            names = "--public-key",
            paramLabel = "FILE",
            description =
                    "Trust only these keys: the JSON of GET /v1/audit/public-key, a PEM PUBLIC KEY, or base64 X.509."
                            + " Without it the keys listed in the export are trusted, which proves integrity but not origin.")
    private List<Path> publicKeys = new ArrayList<>();

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new VerifyCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ExportVerifier.Outcome outcome;
        try {
            outcome = verify();
        } catch (ExportVerifier.MalformedExportException | CheckpointSignature.SignatureFailedException e) {
            spec.commandLine().getErr().println("Cannot verify: " + e.getMessage());
            return 2;
        }
        VerificationReport report = outcome.report();
        if (json) {
            out.println(new String(Json.bytes(report), StandardCharsets.UTF_8));
        } else {
            print(out, outcome);
        }
        out.flush();
        return report.intact() ? 0 : 1;
    }

    private ExportVerifier.Outcome verify() throws IOException {
        if (exports.isEmpty() || exports.equals(List.of("-"))) {
            try (BufferedReader in = ExportFiles.reader(System.in)) {
                return new ExportVerifier(trusted()).verify(in);
            }
        }
        return ExportFiles.verifyInOrder(
                trusted(), exports.stream().map(Path::of).toList());
    }

    private Map<String, PublicKey> trusted() throws IOException {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (Path file : publicKeys) {
            for (PublicKey key : TrustedKeys.read(file)) {
                keys.put(CheckpointSignature.keyId(key), key);
            }
        }
        return keys;
    }

    private static void print(PrintWriter out, ExportVerifier.Outcome outcome) {
        VerificationReport r = outcome.report();
        if (r.intact()) {
            out.printf(
                    "OK: %d events verified (seq %d..%d), %d signed checkpoints verified, last checkpoint at seq %s,"
                            + " %d events after it are protected by the chain alone%n",
                    r.checked(),
                    r.fromSeq(),
                    r.headSeq(),
                    r.checkpointsVerified(),
                    r.lastCheckpointSeq() == null ? "none" : r.lastCheckpointSeq(),
                    r.unsignedEvents());
        } else {
            out.printf("BROKEN at seq %d (%s): %s%n", r.brokenSeq(), r.problem(), r.reason());
            out.printf("%d events verified before it, starting at seq %d%n", r.checked(), r.fromSeq());
        }
        if (r.intact() && r.fromSeq() > 1) {
            out.printf(
                    "Note: the chain is verified from the hash of seq %d (%s), which these files do not hold;"
                            + " give the files before it too to verify from seq 1.%n",
                    r.fromSeq() - 1, outcome.anchorHash());
        }
        if (outcome.keysFromExport()) {
            out.println(
                    "Note: the signing keys were taken from the export itself; pass --public-key to check who signed.");
        }
    }
}
