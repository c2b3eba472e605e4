package dev.handrail.health.incident;

/** An incident's change could not be put on the feed (it is tried again on the next round). */
public class IncidentAnnouncementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IncidentAnnouncementException(String message, Throwable cause) {
        super(message, cause);
    }
}
