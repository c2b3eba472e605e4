package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.policy.capability.CapabilityReport;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;

/** Answers the capabilities query with the {@link CapabilityReport}; started with the application. */
@Context
public class CapabilitiesResponder {

    private final Bus bus;
    private final CapabilityReport report;

    public CapabilitiesResponder(Bus bus, CapabilityReport report) {
        this.bus = bus;
        this.report = report;
    }

    @PostConstruct
    void start() {
        bus.respond(
                Subjects.QUERY_CAPABILITIES, Subjects.QUEUE_POLICY, ListQuery.class, query -> Reply.ok(report.build()));
    }
}
