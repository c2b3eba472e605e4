package dev.handrail.policy.rules;

import dev.handrail.policy.PolicyConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy decisions are made under now: the policy file when there is one, the built-in one
 * otherwise. A file named by {@code handrail.policy.file} must exist and be readable at start, or
 * policy does not start ({@link PolicyFileUnavailableException}); the default
 * {@code <home>/policy.yaml} may be absent (the built-in policy applies) but not unreadable.
 * {@link #reload()} re-reads the file and swaps in a new policy only if the text changed and is
 * valid; a file that became invalid, unreadable or missing leaves the last good policy in force
 * and is reported in {@link #status()} and {@link #lastError()} (never a silent fall back to the
 * built-in policy). Thread-safe: readers see one whole policy or the next.
 */
@Singleton
public class ActivePolicy {

    /** Where the built-in policy lives on the class path. */
    public static final String BUILTIN_RESOURCE = "/policy/builtin-policy.yaml";
    /** The source named for the built-in policy. */
    public static final String BUILTIN_SOURCE = "builtin";

    private static final Logger LOG = LoggerFactory.getLogger(ActivePolicy.class);

    /** A policy in force, where it came from and since when. */
    public record Loaded(PolicyDocument document, String source, Instant loadedAt) {}

    /**
     * What {@code GET /v1/policy} shows.
     *
     * @param lastError why the latest attempt to load the file failed, or null when it did not
     */
    public record Status(
            String version,
            String source,
            String sha256,
            Instant loadedAt,
            int rules,
            String lastError,
            Instant lastErrorAt) {}

    private static final PolicyDocument BUILTIN = PolicyFileParser.parse(builtinText());

    private final Optional<Path> file;
    private final boolean named;
    private final Clock clock;
    private final AtomicReference<Loaded> current;
    private final AtomicReference<Status> failure = new AtomicReference<>();

    public ActivePolicy(PolicyConfig config, Clock clock) {
        this.file = config.policyFile();
        this.named = config.getFile() != null && !config.getFile().isBlank();
        this.clock = clock;
        this.current = new AtomicReference<>(new Loaded(BUILTIN, BUILTIN_SOURCE, clock.instant()));
        FileRead first = readFile();
        if (first instanceof FileRead.Unreadable unreadable) {
            throw new PolicyFileUnavailableException(
                    unreadable.why() + "; policy does not start without its policy file " + "(fix the file or "
                            + PolicyConfig.PREFIX + ".file)");
        }
        reload();
    }

    /** What reading the policy file came to. */
    private sealed interface FileRead {
        /** No file is configured, or the default one does not exist. */
        record Absent() implements FileRead {}

        /** The file is configured but missing, or cannot be read. */
        record Unreadable(String why) implements FileRead {}

        record Text(String text) implements FileRead {}
    }

    /** The built-in policy. */
    public static PolicyDocument builtin() {
        return BUILTIN;
    }

    /** The policy in force. */
    public PolicyDocument document() {
        return current.get().document();
    }

    /** The policy in force with its source. */
    public Loaded loaded() {
        return current.get();
    }

    /** Re-reads the policy file; returns whether the policy in force changed. Never throws for a bad file. */
    public synchronized boolean reload() {
        Loaded before = current.get();
        String source = file.map(Path::toString).orElse(BUILTIN_SOURCE);
        return switch (readFile()) {
            case FileRead.Absent absent -> {
                failure.set(null);
                yield false;
            }
            case FileRead.Unreadable unreadable -> {
                fail(source, unreadable.why(), before);
                yield false;
            }
            case FileRead.Text text -> apply(source, text.text(), before);
        };
    }

    private boolean apply(String source, String text, Loaded before) {
        try {
            PolicyDocument parsed = PolicyFileParser.parse(text);
            failure.set(null);
            if (parsed.sha256().equals(before.document().sha256()) && source.equals(before.source())) {
                return false;
            }
            current.set(new Loaded(parsed, source, clock.instant()));
            LOG.info(
                    "Policy {} from {} is in force ({} rules)",
                    parsed.version(),
                    source,
                    parsed.rules().size());
            return true;
        } catch (PolicyFileException e) {
            fail(source, e.getMessage(), before);
            return false;
        }
    }

    private void fail(String source, String error, Loaded before) {
        Status previous = failure.get();
        if (previous == null || !error.equals(previous.lastError())) {
            LOG.error(
                    "Policy file {} cannot be loaded; policy {} stays in force: {}",
                    source,
                    before.document().version(),
                    error);
        }
        failure.set(new Status(null, source, null, null, 0, error, clock.instant()));
    }

    /** Why the latest attempt to load the policy file failed, or empty when it did not (health reads it). */
    public Optional<String> lastError() {
        return Optional.ofNullable(failure.get()).map(Status::lastError);
    }

    /** The policy in force and the latest load error, if any. */
    public Status status() {
        Loaded loaded = current.get();
        Status error = failure.get();
        return new Status(
                loaded.document().version(),
                loaded.source(),
                loaded.document().sha256(),
                loaded.loadedAt(),
                loaded.document().rules().size(),
                error == null ? null : error.lastError(),
                error == null ? null : error.lastErrorAt());
    }

    private FileRead readFile() {
        if (file.isEmpty()) {
            return new FileRead.Absent();
        }
        Path path = file.get();
        if (!Files.exists(path)) {
            // The default file may be absent; once a file was in force, its disappearance is a failure.
            return named || !current.get().source().equals(BUILTIN_SOURCE)
                    ? new FileRead.Unreadable("Policy file " + path + " does not exist")
                    : new FileRead.Absent();
        }
        try {
            return new FileRead.Text(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new FileRead.Unreadable("Policy file " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static String builtinText() {
        try (InputStream in = ActivePolicy.class.getResourceAsStream(BUILTIN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "The built-in policy " + BUILTIN_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
