package dev.handrail.audit.archive;

import dev.handrail.audit.jdbc.EventStoreException;
import dev.handrail.contracts.json.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Archives sealed segments of the audit store into files ({@link SegmentArchiver}), as the owner of
 * the audit tables. Nothing is archived unless this is run: schedule it (cron, a systemd timer) with
 * {@code --keep} for a retention. Exit status 0 when done (also when nothing was due), 2 when refused.
 * The operator command line runs it too ({@code handrail audit archive}), so this package uses no
 * Micronaut, pool or NATS class: plain JDBC with the PostgreSQL driver.
 *
 * <pre>
 * java -cp "audit-service/target/classes:$(cat audit-service/target/runtime-classpath.txt)" \
 *     dev.handrail.audit.archive.ArchiveCommand --keep 30d --to /srv/audit-archive
 * </pre>
 */
@Command(
        name = "handrail-audit-archive",
        mixinStandardHelpOptions = true,
        version = "handrail-audit-archive 1",
        description = "Moves sealed audit segments (events up to a signed checkpoint) from the database into"
                + " verified files, and records the cut. Connects as the owner of the audit tables.",
        exitCodeOnInvalidInput = 2,
        exitCodeOnExecutionException = 2)
public final class ArchiveCommand implements Callable<Integer> {

    /** The environment variable holding the owner's password (never an option: it would show in ps). */
    public static final String PASSWORD_ENV = "HANDRAIL_AUDIT_OWNER_DB_PASSWORD";

    @ArgGroup(multiplicity = "1")
    private Until until;

    @Option(names = "--to", required = true, paramLabel = "<dir>", description = "Where the segment files are written.")
    private Path dir;

    @Option(
            names = "--db-url",
            paramLabel = "<jdbc-url>",
            description = "The owner's JDBC URL; default HANDRAIL_AUDIT_OWNER_DB_URL, else HANDRAIL_DB_URL.")
    private String url;

    @Option(
            names = "--db-user",
            paramLabel = "<role>",
            description = "The owner role; default HANDRAIL_AUDIT_OWNER_DB_USER, else the user in the URL."
                    + " The password is read from " + PASSWORD_ENV + ".")
    private String user;

    @Option(names = "--schema", defaultValue = "audit", description = "The audit schema (default ${DEFAULT-VALUE}).")
    private String schema;

    @Option(
            names = "--segment-events",
            defaultValue = "" + SegmentArchiver.DEFAULT_SEGMENT_EVENTS,
            description = "The most events per segment file when checkpoints allow (default ${DEFAULT-VALUE}).")
    private long segmentEvents;

    @Option(
            names = "--min-age",
            defaultValue = "7d",
            paramLabel = "<age>",
            description = "Refuse to archive an event younger than <age> (default ${DEFAULT-VALUE}, how long the event"
                    + " feed keeps events: audit recognises an event delivered again only while it is hot).")
    private String minAge;

    @Option(names = "--by", description = "Who archives, recorded with each cut (default: the OS user).")
    private String by;

    @Option(names = "--json", description = "Print the archived segments as JSON.")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** How far to archive: exactly one of these. */
    static final class Until {
        @Option(
                names = "--before",
                paramLabel = "<time>",
                description =
                        "Archive up to the last checkpoint recorded before <time> (ISO-8601, e.g. 2026-11-01T00:00:00Z).")
        Instant before;

        @Option(
                names = "--keep",
                paramLabel = "<age>",
                description = "Keep events younger than <age> hot (30d, 12h, or ISO-8601 like P30D); archive the rest.")
        String keep;

        @Option(
                names = "--through-seq",
                paramLabel = "<seq>",
                description = "Archive through <seq>, which must be a signed checkpoint's seq.")
        Long throughSeq;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ArchiveCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<SegmentArchiver.ArchivedSegment> archived;
        try {
            SegmentArchiver archiver =
                    new SegmentArchiver(dataSource(), dir, segmentEvents, archivedBy(), age("--min-age", minAge));
            archived = until.throughSeq != null
                    ? archiver.archiveThrough(until.throughSeq)
                    : archiver.archiveBefore(before());
        } catch (SegmentArchiver.ArchiveRefusedException
                | EventStoreException
                | UncheckedIOException
                | IllegalArgumentException e) {
            spec.commandLine().getErr().println("Archive refused: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
        if (json) {
            List<Map<String, Object>> segments = archived.stream()
                    .map(s -> Map.<String, Object>of(
                            "first_seq", s.firstSeq(),
                            "last_seq", s.lastSeq(),
                            "events", s.events(),
                            "file", s.file().toString(),
                            "sha256", s.sha256()))
                    .toList();
            out.println(new String(Json.bytes(Map.of("archived", segments)), StandardCharsets.UTF_8));
        } else if (archived.isEmpty()) {
            out.println("Nothing to archive: no sealed segment ends before the limit that is not archived already.");
        } else {
            for (SegmentArchiver.ArchivedSegment s : archived) {
                out.printf(
                        "Archived seqs %d..%d (%d events) to %s, sha256 %s%n",
                        s.firstSeq(), s.lastSeq(), s.events(), s.file(), s.sha256());
            }
            out.println("Verify offline: handrail audit verify <every segment file in seq order>");
        }
        out.flush();
        return 0;
    }

    private Instant before() {
        if (until.before != null) {
            return until.before;
        }
        return Instant.now().minus(age(until.keep));
    }

    /** An age as {@code 30d}, {@code 12h}, {@code 90m} or ISO-8601 ({@code P30D}, {@code PT12H}). */
    static Duration age(String text) {
        return age("--keep", text);
    }

    /** {@link #age(String)} for the option {@code option}, which an error names. */
    static Duration age(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration age;
            if (t.startsWith("p")) {
                age = Duration.parse(t);
            } else {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                age = switch (t.charAt(t.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> throw new IllegalArgumentException("unit");
                };
            }
            if (age.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return age;
        } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(option + " " + text + " is not an age like 30d, 12h, 90m or P30D", e);
        }
    }

    private String archivedBy() {
        return Optional.ofNullable(by).orElseGet(() -> System.getProperty("user.name", "unknown"));
    }

    private PGSimpleDataSource dataSource() {
        String jdbcUrl = Optional.ofNullable(url)
                .or(() -> env("HANDRAIL_AUDIT_OWNER_DB_URL"))
                .or(() -> env("HANDRAIL_DB_URL"))
                .orElse("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        Optional<String> role = Optional.ofNullable(user).or(() -> env("HANDRAIL_AUDIT_OWNER_DB_USER"));
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        role.ifPresent(ds::setUser);
        env(PASSWORD_ENV).ifPresent(ds::setPassword);
        ds.setCurrentSchema(schema);
        return ds;
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
