package dev.handrail.health.incident;

import java.util.concurrent.CompletionStage;

/**
 * The port through which an incident's opening or closing is announced ({@code IncidentChanged}
 * on the feed, its id derived from the incident and the change); the stage completes once the
 * event is stored.
 */
public interface IncidentPublisher {

    CompletionStage<?> publish(Incident incident);
}
