package dev.handrail.cli;

import dev.handrail.audit.archive.ArchiveCommand;
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

/**
 * {@code handrail audit export FILE}, {@code handrail audit verify FILE...} and {@code handrail audit
 * archive}: the signed export, its offline check, and moving sealed segments out of the database.
 */
@Command(
        name = "audit",
        description = "Download the signed audit export, verify exports or archived segments offline, or archive.",
        subcommands = {AuditCommands.Export.class, AuditCommands.Verify.class, AuditCommands.Archive.class})
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

        @Parameters(
                arity = "1..*",
                paramLabel = "<file>",
                description = "An export, or archived segment files in seq order (optionally then an export):"
                        + " verified as one chain.")
        List<Path> files = new ArrayList<>();

        @Option(
                names = "--public-key",
                paramLabel = "<file>",
                description = "Trust only these keys (GET /v1/audit/public-key"
                        + " JSON, PEM or base64 X.509); without it the keys in the export are trusted.")
        List<Path> publicKeys = new ArrayList<>();

        @Override
        public Integer call() {
            for (Path file : files) {
                if (!Files.isReadable(file)) {
                    err().println("Cannot read " + file);
                    err().flush();
                    return HandrailCli.USAGE;
                }
            }
            List<String> args = new ArrayList<>();
            publicKeys.forEach(k -> {
                args.add("--public-key");
                args.add(k.toString());
            });
            if (json()) {
                args.add("--json");
            }
            files.forEach(f -> args.add(f.toString()));
            return new CommandLine(new VerifyCommand())
                    .setOut(out())
                    .setErr(err())
                    .execute(args.toArray(String[]::new));
        }
    }

    /**
     * Runs audit-service's archiver ({@link ArchiveCommand}) against the audit database as the owner
     * of its tables: it needs no gateway, but database access no API client has. Every option after
     * {@code archive} is the archiver's own ({@code handrail audit archive --help}).
     */
    @Command(
            name = "archive",
            description = {
                "Move sealed audit segments from the database into verified files (as the audit tables' owner).",
                "E.g. --keep 30d --to DIR, or --before TIME --to DIR. Exit 0 done, 2 refused."
            })
    static final class Archive extends Base {

        @CommandLine.Unmatched
        List<String> options = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> args = new ArrayList<>(options);
            if (json()) {
                args.add("--json");
            }
            return new CommandLine(new ArchiveCommand())
                    .setOut(out())
                    .setErr(err())
                    .execute(args.toArray(String[]::new));
        }
    }
}
