package dev.handrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.client.ActionView;
import dev.handrail.client.Approval;
import dev.handrail.client.EventFeed;
import dev.handrail.client.HandrailClient;
import dev.handrail.client.HandrailClient.Decision;
import dev.handrail.client.HandrailException;
import dev.handrail.client.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code handrail approvals}, {@code approve}, {@code deny} and {@code hold}: what operators decide. */
final class ApprovalCommands {

    private ApprovalCommands() {}

    @Command(
            name = "approvals",
            description = {
                "List approvals (pending by default).",
                "--watch shows new ones as they arrive and asks for a decision: a(pprove), d(eny), h(old) or s(kip),"
                        + " optionally followed by a comment, e.g. 'd not on a Friday'."
            })
    static final class Approvals extends Base {

        @Option(
                names = "--state",
                description = "pending (default), approved, denied, expired or all.",
                defaultValue = "pending")
        String state;

        @Option(names = "--limit", description = "At most this many (default 50).")
        Integer limit;

        @Option(names = "--watch", description = "Keep watching for new approvals and decide them from the keyboard.")
        boolean watch;

        @Option(names = "--count", paramLabel = "<n>", description = "With --watch: stop after N approvals were shown.")
        Integer count;

        @Override
        public Integer call() {
            HandrailClient client = client();
            String wanted = "all".equals(state) ? null : state;
            // Where the store stands before the list is read: the watch's feed starts right after it,
            // so an approval that arrives while the list is read is on the feed, not lost between them.
            long head = watch ? client.headSeq() : 0;
            List<Approval> approvals = client.approvals(wanted, limit);
            if (!watch) {
                if (json()) {
                    printJson(approvals.stream().map(Approval::json).toList());
                } else {
                    Table table = new Table("action", "intent", "risk", "principal", "session", "state", "expires");
                    approvals.forEach(a -> table.row(
                            a.actionId(),
                            a.intent(),
                            a.riskLevel(),
                            a.principal(),
                            a.sessionId(),
                            a.onHold() ? a.state() + " (on hold)" : a.state(),
                            a.expiresAt()));
                    if (table.empty()) {
                        println("No " + (wanted == null ? "" : wanted + " ") + "approvals.");
                    } else {
                        table.print(out());
                    }
                }
                return HandrailCli.OK;
            }
            return watch(client, approvals, head);
        }

        private int watch(HandrailClient client, List<Approval> current, long head) {
            Set<String> seen = new HashSet<>();
            int shown = 0;
            try (EventFeed feed = client.feed(
                    new EventFeed.Filter("dev.handrail.action.pending_approval.v1", null, null), head + 1)) {
                for (Approval approval : current.reversed()) {
                    if ("pending".equals(approval.state()) && seen.add(approval.actionId())) {
                        offer(client, approval);
                        if (count != null && ++shown >= count) {
                            return HandrailCli.OK;
                        }
                    }
                }
                if (!json()) {
                    println("Watching for new approvals (Ctrl-C to stop) ...");
                }
                StoredEvent event;
                while ((event = feed.next()) != null) {
                    if (event.actionId() == null || !seen.add(event.actionId())) {
                        continue;
                    }
                    offer(client, client.approval(event.actionId()));
                    if (count != null && ++shown >= count) {
                        return HandrailCli.OK;
                    }
                }
            }
            return HandrailCli.OK;
        }

        /** Shows one approval and, unless output is JSON or input has ended, asks for a decision. */
        private void offer(HandrailClient client, Approval approval) {
            if (json()) {
                out().println(dev.handrail.client.Json.compact(approval.json()));
                out().flush();
                return;
            }
            JsonNode params = approval.json().path("params");
            println("");
            println("Approval " + approval.actionId() + ": " + approval.intent() + " (" + approval.riskLevel()
                    + " risk) by " + approval.principal()
                    + (approval.sessionId() == null ? "" : " in session " + approval.sessionId()));
            println("  params:  " + dev.handrail.client.Json.compact(params));
            JsonNode reasons = approval.json().path("decision").path("reasons");
            if (reasons.isArray() && !reasons.isEmpty()) {
                println("  reasons: " + dev.handrail.client.Json.compact(reasons));
            }
            println("  expires: " + approval.expiresAt());
            out().print("  [a]pprove, [d]eny, [h]old or [s]kip (a comment may follow): ");
            out().flush();
            String line;
            try {
                line = cli().input.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null || line.isBlank()) {
                println("");
                return;
            }
            String answer = line.strip();
            int space = answer.indexOf(' ');
            String verb = (space < 0 ? answer : answer.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
            String comment = space < 0 ? null : answer.substring(space + 1).strip();
            Decision decision = switch (verb) {
                case "a", "approve" -> Decision.APPROVE;
                case "d", "deny" -> Decision.DENY;
                case "h", "hold" -> Decision.HOLD;
                default -> null;
            };
            if (decision == null) {
                println("  skipped");
                return;
            }
            try {
                ActionView outcome = client.decide(approval.actionId(), decision, comment);
                println("  " + decision.name().toLowerCase(java.util.Locale.ROOT) + " → " + outcome.state());
            } catch (HandrailException.ApiError e) {
                if (e.unauthorised()) {
                    throw e;
                }
                println("  not decided: " + e.getMessage());
            }
        }
    }

    /** What approve, deny and hold share: an action id and an optional comment. */
    abstract static class Decide extends Base {

        @Parameters(index = "0", paramLabel = "<id>", description = "The action id.")
        String id;

        @Option(
                names = {"-m", "--message"},
                paramLabel = "<comment>",
                description = "Why (kept in the audit trail).")
        String comment;

        abstract Decision decision();

        @Override
        public Integer call() {
            ActionView outcome = client().decide(id, decision(), comment);
            if (json()) {
                printJson(outcome.json());
            } else {
                String verb = switch (decision()) {
                    case APPROVE -> "Approved";
                    case DENY -> "Denied";
                    case HOLD -> "Held";
                };
                println(verb + " " + id + ": " + outcome.state()
                        + (outcome.errorCode() == null
                                ? ""
                                : " (" + outcome.errorCode() + ": " + outcome.errorMessage() + ")"));
            }
            // A denial is what was asked for; an approval whose action then failed is a failed action.
            return decision() == Decision.APPROVE && outcome.refusedOrFailed() ? HandrailCli.REFUSED : HandrailCli.OK;
        }
    }

    @Command(
            name = "approve",
            description = "Approve a pending action; prints where it led (exit 1 if it then failed).")
    static final class Approve extends Decide {
        @Override
        Decision decision() {
            return Decision.APPROVE;
        }
    }

    @Command(name = "deny", description = "Deny a pending action.")
    static final class Deny extends Decide {
        @Override
        Decision decision() {
            return Decision.DENY;
        }
    }

    @Command(
            name = "hold",
            description = "Put a pending approval on hold (it stays pending; its expiry does not change).")
    static final class Hold extends Decide {
        @Override
        Decision decision() {
            return Decision.HOLD;
        }
    }
}
