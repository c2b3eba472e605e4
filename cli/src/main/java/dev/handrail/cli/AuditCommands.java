package dev.handrail.cli;

import dev.handrail.audit.cli.VerifyCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code handrail audit export FILE} and {@code handrail audit verify FILE}: the signed export and its offline check. */
@Command(
        name = "audit",
        description = "Download the signed audit export, or verify one offline.",
        subcommands = {AuditCommands.Export.class, AuditCommands.Verify.class})
final class AuditCommands extends Base {

    @Override
    public Integer call() {
        spec.commandLine().usage(out());
        return HandrailCli.USAGE;
    }

    @Command(name = "export", description = "Download the signed export (JSON lines) into FILE.")
    static final class Export extends Base {

        @Parameters(index = "0", paramLabel = "<file>")
        Path file;

        @Override
        public Integer call() {
            long bytes;
            try (OutputStream out = Files.newOutputStream(file)) {
                bytes = client().exportAudit(out);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
            if (json()) {
                printJson(Map.of("file", file.toString(), "bytes", bytes));
            } else {
                println("Exported " + bytes + " bytes to " + file + "; check it with: handrail audit verify " + file);
            }
            return HandrailCli.OK;
        }
    }

    /**
     * Runs audit-service's offline verifier ({@link VerifyCommand}) on a file: no gateway is
     * needed. Exit 0 when the chain holds, 1 when it does not, 2 when the file cannot be read.
     */
    @Command(
            name = "verify",
            description = {
                "Verify an export offline (hash chain, signed checkpoints, truncation);" + " no gateway needed.",
                "Exit 0 intact, 1 broken, 2 unreadable."
            })
    static final class Verify extends Base {

        @Parameters(index = "0", paramLabel = "<file>")
        Path file;

        @Option(
                names = "--public-key",
                paramLabel = "<file>",
                description = "Trust only these keys (GET /v1/audit/public-key"
                        + " JSON, PEM or base64 X.509); without it the keys in the export are trusted.")
        List<Path> publicKeys = new ArrayList<>();

        @Override
        public Integer call() {
            if (!Files.isReadable(file)) {
                err().println("Cannot read " + file);
                err().flush();
                return HandrailCli.USAGE;
            }
            List<String> args = new ArrayList<>();
            publicKeys.forEach(k -> {
                args.add("--public-key");
                args.add(k.toString());
            });
            if (json()) {
                args.add("--json");
            }
            args.add(file.toString());
            return new CommandLine(new VerifyCommand())
                    .setOut(out())
                    .setErr(err())
                    .execute(args.toArray(String[]::new));
        }
    }
}
