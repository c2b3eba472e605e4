package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.run.RunRequest;
import dev.handrail.policy.run.RunService;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;

/**
 * Answers the run queries (queue group {@code policy}, so one instance answers each): reads on
 * {@code query.policy.runs}, every change on {@code query.policy.run_change}. Started with the
 * application.
 */
@Context
public class RunsResponder {

    private final Bus bus;
    private final RunService runs;

    public RunsResponder(Bus bus, RunService runs) {
        this.bus = bus;
        this.runs = runs;
    }

    @PostConstruct
    void start() {
        bus.respond(
                Subjects.QUERY_RUNS,
                Subjects.QUEUE_POLICY,
                RunRequest.class,
                r -> r.op().reads()
                        ? runs.handle(r)
                        : Reply.error(
                                ErrorCode.BAD_QUERY, "Changes to runs are asked for on " + Subjects.QUERY_RUN_CHANGE));
        bus.respond(Subjects.QUERY_RUN_CHANGE, Subjects.QUEUE_POLICY, RunRequest.class, runs::handle);
    }
}
