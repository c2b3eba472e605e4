package dev.handrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.client.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code handrail runs} ({@code list}, {@code show}, {@code cancel}): the runs agents work
 * through, each shown as a tree of its steps with their tool calls, artifacts and actions.
 */
@Command(
        name = "runs",
        description = "List runs, newest first (the default), show one as a tree, or cancel one.",
        subcommands = {RunCommands.ListRuns.class, RunCommands.Show.class, RunCommands.Cancel.class})
final class RunCommands extends Base {

    /** The longest value a tree line shows; --json prints everything. */
    private static final int MAX_VALUE = 160;

    @Override
    public Integer call() {
        list(this, null, null);
        return HandrailCli.OK;
    }

    static void list(Base command, String state, Integer limit) {
        JsonNode runs = command.client().runs(state, limit);
        if (command.json()) {
            command.printJson(runs);
            return;
        }
        Table table = new Table("run", "state", "title", "created by", "worker", "created", "ended");
        runs.forEach(r -> table.row(
                text(r, "id"),
                text(r, "state"),
                value(text(r, "title")),
                text(r, "created_by"),
                text(r, "worker"),
                text(r, "created_at"),
                text(r, "ended_at")));
        if (table.empty()) {
            command.println("No " + (state == null ? "" : state + " ") + "runs.");
        } else {
            table.print(command.out());
        }
    }

    @Command(name = "list", description = "List runs, newest first.")
    static final class ListRuns extends Base {

        @Option(names = "--state", description = "Only this state: queued, running, completed, failed or cancelled.")
        String state;

        @Option(names = "--limit", description = "At most this many (default 50).")
        Integer limit;

        @Override
        public Integer call() {
            list(this, state, limit);
            return HandrailCli.OK;
        }
    }

    @Command(
            name = "show",
            description = "Show one run: its state, worker, lease and budget, and each step with its tool calls,"
                    + " artifacts and actions as a tree.")
    static final class Show extends Base {

        @Parameters(index = "0", paramLabel = "<id>", description = "The run id.")
        String id;

        @Override
        public Integer call() {
            JsonNode run = client().run(id);
            if (json()) {
                printJson(run);
                return HandrailCli.OK;
            }
            describe(this, run);
            JsonNode steps = run.path("steps");
            if (steps.isEmpty()) {
                println("No steps yet.");
                return HandrailCli.OK;
            }
            println("Steps:");
            for (int i = 0; i < steps.size(); i++) {
                step(steps.get(i), i == steps.size() - 1);
            }
            return HandrailCli.OK;
        }

        private void step(JsonNode step, boolean lastStep) {
            String key = text(step, "key");
            println((lastStep ? "└─ " : "├─ ") + "#" + step.path("seq").asInt() + " " + value(text(step, "name")) + " ["
                    + text(step, "state") + "]" + (key == null ? "" : " key " + value(key)));
            List<String> lines = new ArrayList<>();
            if (step.hasNonNull("output")) {
                lines.add("output " + value(step.get("output")));
            }
            if (text(step, "error") != null) {
                lines.add("error " + value(text(step, "error")));
            }
            step.path("tool_calls")
                    .forEach(c -> lines.add("tool call " + value(text(c, "name")) + " ["
                            + text(c, "state") + "]"
                            + (c.hasNonNull("input") ? " input " + value(c.get("input")) : "")
                            + (c.hasNonNull("output") ? " → " + value(c.get("output")) : "")
                            + (text(c, "error") == null ? "" : " error " + value(text(c, "error")))));
            step.path("artifacts")
                    .forEach(a -> lines.add("artifact " + value(text(a, "name")) + " (" + text(a, "kind") + "): "
                            + value(a.get("content"))));
            step.path("actions")
                    .forEach(a -> lines.add("action " + text(a, "action_id") + " " + text(a, "intent") + " ["
                            + text(a, "state") + "]"
                            + (a.path("admitted").asBoolean() ? "" : " not admitted")));
            String indent = lastStep ? "   " : "│  ";
            for (int i = 0; i < lines.size(); i++) {
                println(indent + (i == lines.size() - 1 ? "└─ " : "├─ ") + lines.get(i));
            }
        }
    }

    @Command(
            name = "cancel",
            description = {
                "Cancel a queued or running run (its creator, an operator or an admin): its worker loses the lease"
                        + " and its actions waiting for approval are withdrawn. Prints the run, now cancelled.",
                "Exit 1 when it is unknown (NOT_FOUND) or has ended (ALREADY_ENDED)."
            })
    static final class Cancel extends Base {

        @Parameters(index = "0", paramLabel = "<id>", description = "The run id.")
        String id;

        @Option(
                names = {"--reason", "-m"},
                paramLabel = "<text>",
                description = "Why (kept on the run).")
        String reason;

        @Override
        public Integer call() {
            JsonNode run = client().cancelRun(id, reason);
            if (json()) {
                printJson(run);
            } else {
                describe(this, run);
            }
            return HandrailCli.OK;
        }
    }

    /** Prints a run's essentials for people. */
    static void describe(Base command, JsonNode run) {
        String state = text(run, "state");
        command.println("Run " + text(run, "id") + ": " + value(text(run, "title")) + " is " + state);
        if (text(run, "session_id") != null) {
            command.println("  session: " + value(text(run, "session_id")));
        }
        command.println("  created: " + text(run, "created_at") + " by " + text(run, "created_by"));
        if (text(run, "worker") != null) {
            boolean open = "queued".equals(state) || "running".equals(state);
            command.println("  worker:  " + text(run, "worker")
                    + (open && text(run, "lease_expires_at") != null
                            ? " (lease expires " + text(run, "lease_expires_at") + ")"
                            : ""));
        }
        command.println("  claims:  " + run.path("claims").asInt());
        command.println("  budget:  " + budget(run));
        if (text(run, "ended_at") != null) {
            command.println("  ended:   " + text(run, "ended_at"));
        }
        if (run.hasNonNull("result")) {
            command.println("  result:  " + value(run.get("result")));
        }
        if (text(run, "error") != null) {
            command.println(("cancelled".equals(state) ? "  reason:  " : "  error:   ") + value(text(run, "error")));
        }
    }

    private static String budget(JsonNode run) {
        JsonNode budget = run.path("budget");
        String admitted =
                run.has("actions_admitted") ? run.get("actions_admitted").asText() : null;
        if (!budget.isObject()) {
            return admitted == null ? "none" : "none (" + admitted + " actions admitted)";
        }
        List<String> parts = new ArrayList<>();
        if (budget.hasNonNull("max_actions")) {
            parts.add((admitted == null ? "at most " : admitted + " of ")
                    + budget.get("max_actions").asInt() + " actions");
        }
        if (budget.hasNonNull("max_duration_s")) {
            parts.add("at most " + budget.get("max_duration_s").asInt() + " s");
        }
        return String.join(", ", parts);
    }

    /**
     * A value on one line of a terminal: JSON compactly, text as it is, with line breaks and other
     * control characters written as escapes (so nothing in it moves the cursor or recolours the
     * terminal), cut at {@value #MAX_VALUE} characters.
     */
    static String value(Object value) {
        String shown;
        if (value == null) {
            shown = "-";
        } else if (value instanceof JsonNode node) {
            shown = node.isTextual() ? node.asText() : Json.compact(node);
        } else {
            shown = value.toString();
        }
        StringBuilder line = new StringBuilder();
        shown.chars().limit(MAX_VALUE).forEach(c -> {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                        line.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
                    } else {
                        line.append((char) c);
                    }
                }
            }
        });
        return shown.length() > MAX_VALUE ? line + "…" : line.toString();
    }
}
