package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import java.time.Instant;

/**
 * The configured policy file could not be loaded on a reload (missing, unreadable or invalid);
 * {@code versionInForce} is the last good policy, which stays in force.
 */
public record PolicyFileFailed(String file, String error, String versionInForce, Instant at) implements ControlEvent {

    @Override
    public String subject() {
        return file;
    }

    @Override
    public String natsSubject() {
        return Subjects.POLICY_FILE_EVENTS;
    }
}
