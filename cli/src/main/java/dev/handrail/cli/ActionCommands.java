package dev.handrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.client.ActionView;
import dev.handrail.client.HandrailClient;
import dev.handrail.client.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code handrail actions} (and {@code actions cancel}), {@code show} and {@code plan}: reading
 * actions, and planning or withdrawing one as an agent would.
 */
final class ActionCommands {

    private ActionCommands() {}

    @Command(
            name = "actions",
            description = "List actions, newest first (the default), or cancel one.",
            subcommands = {Actions.Cancel.class})
    static final class Actions extends Base {

        @Option(names = "--session", description = "Only this session.")
        String session;

        @Option(names = "--state", description = "Only this state (e.g. pending_approval, succeeded, failed).")
        String state;

        @Option(names = "--intent", description = "Only this intent (e.g. file.write).")
        String intent;

        @Option(names = "--limit", description = "At most this many (default 50).")
        Integer limit;

        @Override
        public Integer call() {
            List<ActionView> actions = client().actions(new HandrailClient.ActionFilter(session, state, intent, limit));
            if (json()) {
                printJson(actions.stream().map(ActionView::json).toList());
                return HandrailCli.OK;
            }
            Table table = new Table("action", "intent", "state", "risk", "session", "created", "error");
            actions.forEach(a -> table.row(
                    a.actionId(), a.intent(), a.state(), a.riskLevel(), a.sessionId(), a.createdAt(), a.errorCode()));
            if (table.empty()) {
                println("No actions.");
            } else {
                table.print(out());
            }
            return HandrailCli.OK;
        }

        @Command(
                name = "cancel",
                description = {
                    "Withdraw an action pending approval, as the principal that planned it; prints it, now cancelled.",
                    "Exit 1 when it is unknown (NOT_FOUND) or no longer pending (NOT_PENDING)."
                })
        static final class Cancel extends Base {

            @Parameters(index = "0", paramLabel = "<id>", description = "The action id.")
            String id;

            @Option(
                    names = {"--reason", "-m"},
                    paramLabel = "<text>",
                    description = "Why (kept in the audit trail).")
            String reason;

            @Override
            public Integer call() {
                ActionView action = client().cancel(id, reason);
                if (json()) {
                    printJson(action.json());
                } else {
                    describe(this, action);
                }
                return HandrailCli.OK;
            }
        }
    }

    @Command(name = "show", description = "Show one action and its whole audit trail.")
    static final class Show extends Base {

        @Parameters(index = "0", paramLabel = "<id>", description = "The action id.")
        String id;

        @Override
        public Integer call() {
            HandrailClient client = client();
            ActionView action = client.action(id);
            JsonNode trail = client.trail(id);
            if (json()) {
                Map<String, Object> both = new LinkedHashMap<>();
                both.put("action", action.json());
                both.put("trail", trail);
                printJson(both);
                return HandrailCli.OK;
            }
            describe(this, action);
            Table table = new Table("seq", "time", "phase", "state", "by", "detail");
            trail.path("events")
                    .forEach(e -> table.row(
                            e.path("seq").asLong(),
                            text(e, "time"),
                            text(e, "phase"),
                            text(e, "state"),
                            first(text(e, "decided_by"), text(e, "principal"), text(e, "source")),
                            detail(e)));
            println("Trail:");
            table.print(out());
            return HandrailCli.OK;
        }

        private static String detail(JsonNode event) {
            List<String> parts = new ArrayList<>();
            if (text(event, "effect") != null) {
                parts.add(text(event, "effect"));
            }
            JsonNode reasons = event.path("reasons");
            if (reasons.isArray() && !reasons.isEmpty()) {
                parts.add(Json.compact(reasons));
            }
            String comment = text(event.path("data"), "comment");
            if (comment != null) {
                parts.add("\"" + comment + "\"");
            }
            return parts.isEmpty() ? "" : String.join(" ", parts);
        }

        private static String first(String... values) {
            for (String value : values) {
                if (value != null) {
                    return value;
                }
            }
            return null;
        }
    }

    /** Prints an action's essentials for people. */
    static void describe(Base command, ActionView action) {
        JsonNode json = action.json();
        command.println("Action " + action.actionId() + ": " + action.intent() + " is " + action.state()
                + (action.riskLevel() == null ? "" : " (" + action.riskLevel() + " risk)"));
        if (action.sessionId() != null) {
            command.println("  session: " + action.sessionId());
        }
        JsonNode decision = json.path("decision");
        if (decision.isObject()) {
            command.println(
                    "  policy:  " + Base.text(decision, "effect") + " " + Json.compact(decision.path("reasons")));
        }
        if (action.errorCode() != null) {
            command.println("  error:   " + action.errorCode() + ": " + action.errorMessage());
        }
        JsonNode output = json.path("execution").path("output");
        if (output.isObject()) {
            command.println("  output:  " + Json.compact(output));
        }
        if (Base.text(json, "expires_at") != null && "pending_approval".equals(action.state())) {
            command.println("  expires: " + Base.text(json, "expires_at"));
        }
    }

    @Command(
            name = "plan",
            description = {
                "Plan an action as an agent would, e.g. plan file.read path=notes.txt.",
                "Values that read as JSON (numbers, true, false, objects) are sent as such; others as text.",
                "Exit 1 when the action is rejected, denied or fails."
            })
    static final class Plan extends Base {

        @Parameters(index = "0", paramLabel = "<intent>", description = "The capability, e.g. file.read.")
        String intent;

        @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "The parameters.")
        List<String> params = new ArrayList<>();

        @Option(names = "--session", description = "The session id.")
        String session;

        @Option(names = "--dry-run", description = "Validate and decide only; nothing runs.")
        boolean dryRun;

        @Option(names = "--no-wait", description = "Answer as soon as the plan is accepted.")
        boolean noWait;

        @Option(names = "--idempotency-key", description = "The same key twice answers the first action.")
        String idempotencyKey;

        @Override
        public Integer call() {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String pair : params) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new HandrailCli.UsageProblem("Not KEY=VALUE: " + pair);
                }
                values.put(pair.substring(0, eq), value(pair.substring(eq + 1)));
            }
            ActionView action = client().plan(
                            new HandrailClient.PlanRequest(intent, values, session, dryRun, !noWait, idempotencyKey));
            if (json()) {
                printJson(action.json());
            } else {
                describe(this, action);
            }
            return action.refusedOrFailed() ? HandrailCli.REFUSED : HandrailCli.OK;
        }

        private static Object value(String text) {
            try {
                JsonNode parsed = Json.mapper().readTree(text);
                if (parsed != null && !parsed.isMissingNode() && !parsed.isTextual()) {
                    return parsed;
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // Not JSON: the text itself.
            }
            return text;
        }
    }
}
