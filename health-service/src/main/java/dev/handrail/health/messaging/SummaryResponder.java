package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.health.summary.HealthSummaryService;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/** Answers the health summary query. */
@Singleton
public final class SummaryResponder implements ApplicationEventListener<StartupEvent> {

    private final Bus bus;
    private final HealthSummaryService summaries;

    public SummaryResponder(Bus bus, HealthSummaryService summaries) {
        this.bus = bus;
        this.summaries = summaries;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.respond(
                Subjects.QUERY_HEALTH_SUMMARY,
                Subjects.QUEUE_HEALTH,
                ListQuery.class,
                query -> Reply.ok(summaries.summary()));
    }
}
