package dev.handrail.policy.rules;

import dev.handrail.policy.PolicyConfig;
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
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy decisions are made under now: the configured policy file when it exists, the
 * built-in one otherwise. {@link #reload()} re-reads the file and swaps in a new policy only if
 * the text changed and is valid; an invalid file leaves the last good policy in force and is
 * reported in {@link #status()}. Thread-safe: readers see one whole policy or the next.
 */
@Singleton
public class ActivePolicy {

    /** Where the built-in policy lives on the class path. */
    public static final String BUILTIN_RESOURCE = "/policy/builtin-policy.yaml";
    /** The source named for the built-in policy. */
    public static final String BUILTIN_SOURCE = "builtin";

    private static final Logger LOG = LoggerFactory.getLogger(ActivePolicy.class);

    /** A policy in force, where it came from and since when. */
    public record Loaded(PolicyDocument document, String source, Instant loadedAt) {
    }

    /**
     * What {@code GET /v1/policy} shows.
     *
     * @param lastError why the latest attempt to load the file failed, or null when it did not
     */
    public record Status(String version, String source, String sha256, Instant loadedAt, int rules, String lastError,
                         Instant lastErrorAt) {
    }

    private static final PolicyDocument BUILTIN = PolicyFileParser.parse(builtinText());

    private final Optional<Path> file;
    private final Clock clock;
    private final AtomicReference<Loaded> current;
    private final AtomicReference<Status> failure = new AtomicReference<>();

    public ActivePolicy(PolicyConfig config, Clock clock) {
        this.file = config.policyFile();
        this.clock = clock;
        this.current = new AtomicReference<>(new Loaded(BUILTIN, BUILTIN_SOURCE, clock.instant()));
        reload();
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
        Optional<String> text = readFile();
        if (text.isEmpty()) {
            failure.set(null);
            if (before.source().equals(BUILTIN_SOURCE)) {
                return false;
            }
            LOG.warn("Policy file {} is gone; the built-in policy {} is in force", before.source(), BUILTIN.version());
            current.set(new Loaded(BUILTIN, BUILTIN_SOURCE, clock.instant()));
            return true;
        }
        String source = file.map(Path::toString).orElse(BUILTIN_SOURCE);
        try {
            PolicyDocument parsed = PolicyFileParser.parse(text.get());
            failure.set(null);
            if (parsed.sha256().equals(before.document().sha256()) && source.equals(before.source())) {
                return false;
            }
            current.set(new Loaded(parsed, source, clock.instant()));
            LOG.info("Policy {} from {} is in force ({} rules)", parsed.version(), source, parsed.rules().size());
            return true;
        } catch (PolicyFileException e) {
            Status previous = failure.get();
            if (previous == null || !e.getMessage().equals(previous.lastError())) {
                LOG.error("Policy file {} is invalid; policy {} stays in force: {}", source, before.document().version(),
                        e.getMessage());
            }
            failure.set(new Status(null, source, null, null, 0, e.getMessage(), clock.instant()));
            return false;
        }
    }

    /** The policy in force and the latest load error, if any. */
    public Status status() {
        Loaded loaded = current.get();
        Status error = failure.get();
        return new Status(loaded.document().version(), loaded.source(), loaded.document().sha256(), loaded.loadedAt(),
                loaded.document().rules().size(), error == null ? null : error.lastError(),
                error == null ? null : error.lastErrorAt());
    }

    private Optional<String> readFile() {
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("Cannot read policy file {}: {}", file.get(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String builtinText() {
        try (InputStream in = ActivePolicy.class.getResourceAsStream(BUILTIN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The built-in policy " + BUILTIN_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
