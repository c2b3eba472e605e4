package dev.handrail.audit.checkpoint;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;

/**
 * When the chain is signed and with which key: a checkpoint is made at the end of the first batch
 * that takes the chain {@code every-events} past the last checkpoint, and every {@code every}
 * while events other than checkpoints have been stored since the last one. The private key lives in
 * {@code key-file} (created on first start; keep it out of backups of the database).
 */
@ConfigurationProperties(CheckpointConfig.PREFIX)
public class CheckpointConfig {

    public static final String PREFIX = "handrail.audit.checkpoint";

    private int everyEvents = 1000;
    private Duration every = Duration.ofSeconds(30);
    private Path keyFile = Path.of(".handrail", "audit", "checkpoint-signing.key");

    public int getEveryEvents() {
        return everyEvents;
    }

    public void setEveryEvents(int everyEvents) {
        if (everyEvents < 1) {
            throw new IllegalArgumentException(PREFIX + ".every-events must be at least 1, not " + everyEvents);
        }
        this.everyEvents = everyEvents;
    }

    public Duration getEvery() {
        return every;
    }

    public void setEvery(Duration every) {
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".every must be positive, not " + every);
        }
        this.every = every;
    }

    public Path getKeyFile() {
        return keyFile;
    }

    public void setKeyFile(Path keyFile) {
        this.keyFile = keyFile;
    }
}
