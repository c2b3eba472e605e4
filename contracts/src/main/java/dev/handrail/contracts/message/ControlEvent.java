package dev.handrail.contracts.message;

/**
 * Marker for the control family: events about the system rather than one action (a breaker
 * changed state, the kill switch moved), on the feed under {@code handrail.v1.events.<kind>...}.
 */
public interface ControlEvent extends Message {

    /** The subject this event is published on. */
    String natsSubject();
}
