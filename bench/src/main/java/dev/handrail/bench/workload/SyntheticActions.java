package dev.handrail.bench.workload;

import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecutionStarted;
import dev.handrail.contracts.message.PlanCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Feed events shaped like a real safe action's: {@code planned}, {@code validated},
 * {@code approved}, {@code executing}, {@code succeeded} of a {@code file.read}, with the ids the
 * services would derive, for loads that bypass the services (the audit store's ingestion, the
 * raw JDBC baseline's rows).
 */
public final class SyntheticActions {

    /** Events per action. */
    public static final int EVENTS_PER_ACTION = 5;

    static final String SOURCE = "/handrail/bench/synthetic";
    static final String PRINCIPAL = "bench-synthetic";

    private SyntheticActions() {}

    /** One event to publish on the feed. */
    public record FeedEvent(String subject, Envelope envelope) {}

    /** The events of {@code actions} new actions, each action's in order. */
    public static List<FeedEvent> lifecycles(int actions) {
        List<FeedEvent> events = new ArrayList<>(actions * EVENTS_PER_ACTION);
        for (int i = 0; i < actions; i++) {
            events.addAll(lifecycle(ActionIds.next()));
        }
        return events;
    }

    /** The five events of one action. */
    public static List<FeedEvent> lifecycle(String actionId) {
        Instant now = Instant.now();
        Map<String, Object> params = Map.of("path", "bench.txt");
        List<ActionEvent> events = List.of(
                new ActionPlanned(
                        actionId,
                        "file.read",
                        params,
                        "bench-session",
                        PRINCIPAL,
                        null,
                        false,
                        10_000,
                        0,
                        Map.of(),
                        "local",
                        RiskLevel.SAFE,
                        false,
                        now),
                new ActionValidated(
                        actionId,
                        "file.read",
                        Validation.of(List.of(
                                Check.pass("capability_exists", "file.read is in the catalogue"),
                                Check.pass("capability_implemented", "node local implements file.read"),
                                Check.pass("required_params", "path is present"),
                                Check.pass("timeout_bounds", "10000 ms is within bounds"),
                                Check.pass("max_retries", "0 is within bounds"),
                                Check.pass("risk_classification", "safe"))),
                        false),
                new ActionApproved(
                        actionId,
                        "file.read",
                        new Decision(Decision.Effect.ALLOW, List.of("risk_safe"), "builtin-1"),
                        null,
                        null),
                new ExecutionStarted(actionId, "file.read", "local", 1),
                new ActionSucceeded(
                        actionId,
                        "file.read",
                        "local",
                        Execution.succeeded(
                                Map.of("path", "bench.txt", "content", "hello from the benchmark", "bytes", 24),
                                1,
                                0,
                                Map.of("bytes", 24, "path", "bench.txt"))));
        Envelope first = Envelope.of(SOURCE, events.getFirst(), PRINCIPAL, "bench-session");
        List<FeedEvent> feed = new ArrayList<>(EVENTS_PER_ACTION);
        Envelope cause = first;
        for (int i = 0; i < events.size(); i++) {
            ActionEvent event = events.get(i);
            Envelope envelope = i == 0 ? derivedFirst(first, event) : Envelope.causedBy(cause, SOURCE, event);
            feed.add(new FeedEvent(event.natsSubject(), envelope));
            cause = envelope;
        }
        return feed;
    }

    private static Envelope derivedFirst(Envelope first, ActionEvent event) {
        return new Envelope(
                first.specversion(),
                Envelope.derivedId(first, event),
                first.source(),
                first.type(),
                first.subject(),
                first.time(),
                first.datacontenttype(),
                first.correlationid(),
                null,
                first.principal(),
                first.session(),
                first.data());
    }

    /** A plan for {@code file.read} as the gateway would send it to policy. */
    public static PlanCommand plan(String principal) {
        return new PlanCommand(
                ActionIds.next(),
                "file.read",
                Map.of("path", "bench.txt"),
                "bench-session",
                principal,
                null,
                false,
                null,
                null,
                Map.of(),
                null,
                Instant.now());
    }
}
