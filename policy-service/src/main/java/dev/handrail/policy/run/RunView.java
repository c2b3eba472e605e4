package dev.handrail.policy.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the API shows of runs: a summary in lists, the whole run with its steps on its own. */
final class RunView {

    private RunView() {}

    /** A run in a list: no steps. */
    record Summary(
            String id,
            String title,
            String sessionId,
            String state,
            String createdBy,
            String worker,
            Instant leaseExpiresAt,
            int claims,
            Budget budget,
            Instant createdAt,
            Instant startedAt,
            Instant endedAt,
            JsonNode result,
            String error) {

        static Summary of(RunRow run) {
            return new Summary(
                    run.id(),
                    run.title(),
                    run.sessionId(),
                    run.state(),
                    run.createdBy(),
                    run.worker(),
                    run.leaseExpiresAt(),
                    run.claims(),
                    run.maxActions() == null && run.maxDurationS() == null
                            ? null
                            : new Budget(run.maxActions(), run.maxDurationS()),
                    run.createdAt(),
                    run.startedAt(),
                    run.endedAt(),
                    json(run.result()),
                    run.error());
        }
    }

    /** A run's budget: how many actions policy admits in it and for how long after it started. */
    record Budget(Integer maxActions, Integer maxDurationS) {}

    /** A step without what happened in it. */
    record Step(
            String id,
            int seq,
            String name,
            String key,
            String state,
            String worker,
            Instant createdAt,
            Instant endedAt,
            JsonNode output,
            String error) {}

    static Step step(StepRow s) {
        return new Step(
                s.id(),
                s.seq(),
                s.name(),
                s.stepKey(),
                s.state(),
                s.worker(),
                s.createdAt(),
                s.endedAt(),
                json(s.output()),
                s.error());
    }

    record ToolCall(
            String id,
            String name,
            JsonNode input,
            String state,
            JsonNode output,
            String error,
            Instant createdAt,
            Instant endedAt) {
        static ToolCall of(ToolCallRow row) {
            return new ToolCall(
                    row.id(),
                    row.name(),
                    json(row.input()),
                    row.state(),
                    json(row.output()),
                    row.error(),
                    row.createdAt(),
                    row.endedAt());
        }
    }

    record Artifact(String id, String name, String kind, JsonNode content, Instant createdAt) {
        static Artifact of(ArtifactRow row) {
            JsonNode content = row.kind().equals("json")
                    ? json(row.content())
                    : Json.mapper().getNodeFactory().textNode(row.content());
            return new Artifact(row.id(), row.name(), row.kind(), content, row.createdAt());
        }
    }

    /** An action of a step; {@code state} is policy's (the gateway shows the projection's when it has it). */
    record Action(String actionId, String intent, String state, boolean admitted, Instant plannedAt) {}

    /** {@code {run: ...}} with steps. */
    static Map<String, Object> detail(RunBook.RunDetail d) {
        List<ObjectNode> steps = d.steps().stream()
                .map(s -> {
                    ObjectNode step = Json.mapper().valueToTree(step(s));
                    step.set(
                            "tool_calls",
                            Json.mapper()
                                    .valueToTree(d.toolCalls().stream()
                                            .filter(c -> c.stepId().equals(s.id()))
                                            .map(ToolCall::of)
                                            .toList()));
                    step.set(
                            "artifacts",
                            Json.mapper()
                                    .valueToTree(d.artifacts().stream()
                                            .filter(a -> a.stepId().equals(s.id()))
                                            .map(Artifact::of)
                                            .toList()));
                    step.set(
                            "actions",
                            Json.mapper()
                                    .valueToTree(d.actions().stream()
                                            .filter(a -> a.stepId().equals(s.id()))
                                            .map(a -> new Action(
                                                    a.actionId(), a.intent(), a.state(), a.admitted(), a.plannedAt()))
                                            .toList()));
                    return step;
                })
                .toList();
        ObjectNode run = Json.mapper().valueToTree(Summary.of(d.run()));
        run.put("actions_admitted", d.actionsAdmitted());
        run.set("steps", Json.mapper().valueToTree(steps));
        return Map.of("run", run);
    }

    static JsonNode json(String text) {
        return text == null ? null : Json.read(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }
}
