package dev.handrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.client.IssuedToken;
import dev.handrail.client.KillSwitchScope;
import dev.handrail.client.TokenInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kill switch, tokens, health, breakers, dead letters, capabilities and policy: the operator's and admin's controls. */
final class AdminCommands {

    private AdminCommands() {}

    @Command(
            name = "kill-switch",
            description = "Show the engaged kill-switch scopes (the default), or engage or release one.",
            subcommands = {KillSwitch.Status.class, KillSwitch.Engage.class, KillSwitch.Release.class})
    static final class KillSwitch extends Base {

        @Override
        public Integer call() {
            print(this, client().killSwitch());
            return HandrailCli.OK;
        }

        static void print(Base command, List<KillSwitchScope> scopes) {
            if (command.json()) {
                command.printJson(Map.of("engaged", scopes));
                return;
            }
            if (scopes.isEmpty()) {
                command.println("Kill switch: nothing engaged.");
                return;
            }
            Table table = new Table("scope", "reason", "by", "since");
            scopes.forEach(s -> table.row(s.scope(), s.reason(), s.changedBy(), s.changedAt()));
            table.print(command.out());
        }

        @Command(name = "status", description = "Show the engaged scopes.")
        static final class Status extends Base {
            @Override
            public Integer call() {
                print(this, client().killSwitch());
                return HandrailCli.OK;
            }
        }

        @Command(
                name = "engage",
                description = "Stop new actions in a scope (admin): global, capability:<intent> or node:<id>.")
        static final class Engage extends Base {

            @Parameters(index = "0", paramLabel = "<scope>")
            String scope;

            @Option(
                    names = {"-m", "--message"},
                    paramLabel = "<reason>",
                    required = true,
                    description = "Why (required).")
            String reason;

            @Override
            public Integer call() {
                print(this, client().setKillSwitch(scope, true, reason));
                return HandrailCli.OK;
            }
        }

        @Command(name = "release", description = "Release a scope (admin).")
        static final class Release extends Base {

            @Parameters(index = "0", paramLabel = "<scope>")
            String scope;

            @Option(
                    names = {"-m", "--message"},
                    paramLabel = "<reason>",
                    description = "Why.")
            String reason;

            @Override
            public Integer call() {
                print(this, client().setKillSwitch(scope, false, reason));
                return HandrailCli.OK;
            }
        }
    }

    @Command(
            name = "tokens",
            description = "List tokens (the default), create one or revoke one (admin).",
            subcommands = {Tokens.ListTokens.class, Tokens.Create.class, Tokens.Revoke.class})
    static final class Tokens extends Base {

        @Override
        public Integer call() {
            list(this);
            return HandrailCli.OK;
        }

        static void list(Base command) {
            List<TokenInfo> tokens = command.client().tokens();
            if (command.json()) {
                command.printJson(tokens);
                return;
            }
            Table table = new Table("id", "principal", "kind", "role", "created", "expires", "revoked");
            tokens.forEach(t ->
                    table.row(t.id(), t.principal(), t.kind(), t.role(), t.createdAt(), t.expiresAt(), t.revokedAt()));
            table.print(command.out());
        }

        @Command(name = "list", description = "List tokens; secrets are never listed.")
        static final class ListTokens extends Base {
            @Override
            public Integer call() {
                list(this);
                return HandrailCli.OK;
            }
        }

        @Command(name = "create", description = "Issue a token; its secret is printed this once.")
        static final class Create extends Base {

            @Parameters(index = "0", paramLabel = "<principal>")
            String principal;

            @Parameters(index = "1", paramLabel = "<role>", description = "agent, operator or admin.")
            String role;

            @Option(
                    names = "--expires",
                    paramLabel = "<duration>",
                    description = "e.g. 90s, 30m, 8h, 7d (default: never).")
            String expires;

            @Override
            public Integer call() {
                IssuedToken issued = client().createToken(principal, role, expires == null ? null : duration(expires));
                if (json()) {
                    printJson(issued);
                } else {
                    println("Token " + issued.id() + " for " + issued.principal() + " (" + issued.role() + ")"
                            + (issued.expiresAt() == null ? "" : ", expires " + issued.expiresAt()));
                    println("Secret (shown this once): " + issued.secret());
                }
                return HandrailCli.OK;
            }
        }

        @Command(name = "revoke", description = "Revoke a token; it is refused from then on.")
        static final class Revoke extends Base {

            @Parameters(index = "0", paramLabel = "<id>")
            String id;

            @Override
            public Integer call() {
                client().revokeToken(id);
                if (json()) {
                    printJson(Map.of("id", id, "revoked", true));
                } else {
                    println("Revoked " + id + ".");
                }
                return HandrailCli.OK;
            }
        }
    }

    /** A duration such as 90s, 30m, 8h or 7d. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.length() >= 2) {
            try {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                switch (t.charAt(t.length() - 1)) {
                    case 's' -> {
                        return Duration.ofSeconds(n);
                    }
                    case 'm' -> {
                        return Duration.ofMinutes(n);
                    }
                    case 'h' -> {
                        return Duration.ofHours(n);
                    }
                    case 'd' -> {
                        return Duration.ofDays(n);
                    }
                    default -> {
                        // falls through to the usage problem below
                    }
                }
            } catch (NumberFormatException e) {
                // falls through to the usage problem below
            }
        }
        throw new HandrailCli.UsageProblem("Not a duration: " + text + " (e.g. 90s, 30m, 8h, 7d)");
    }

    @Command(name = "health", description = "Health of the services, nodes and infrastructure.")
    static final class Health extends Base {
        @Override
        public Integer call() {
            JsonNode health = client().health();
            if (json()) {
                printJson(health);
                return HandrailCli.OK;
            }
            println("Overall: " + text(health, "overall_state"));
            Table table = new Table("dependency", "state", "failures", "last ok", "last error");
            health.path("dependencies")
                    .properties()
                    .forEach(e -> table.row(
                            e.getKey(),
                            text(e.getValue(), "state"),
                            e.getValue().path("consecutive_failures").asInt(),
                            text(e.getValue(), "last_ok"),
                            text(e.getValue(), "last_error")));
            table.print(out());
            return HandrailCli.OK;
        }
    }

    @Command(
            name = "breakers",
            description = "Circuit breakers per node and per capability on a node; 'reset NAME' closes one.",
            subcommands = Breakers.Reset.class)
    static final class Breakers extends Base {
        @Override
        public Integer call() {
            JsonNode breakers = client().breakers();
            if (json()) {
                printJson(breakers.path("breakers"));
                return HandrailCli.OK;
            }
            Table table = new Table("breaker", "state", "held", "open until");
            breakers.path("breakers")
                    .properties()
                    .forEach(e -> table.row(
                            e.getKey(),
                            text(e.getValue(), "state"),
                            e.getValue().path("held").asBoolean(),
                            text(e.getValue(), "open_until")));
            if (table.empty()) {
                println("No breakers yet.");
            } else {
                table.print(out());
            }
            return HandrailCli.OK;
        }

        @Command(name = "reset", description = "Close a breaker.")
        static final class Reset extends Base {

            @Parameters(index = "0", paramLabel = "<name>")
            String name;

            @Override
            public Integer call() {
                JsonNode answer = client().resetBreaker(name);
                if (json()) {
                    printJson(answer);
                } else {
                    println("Breaker " + name + " closed.");
                }
                return HandrailCli.OK;
            }
        }
    }

    @Command(
            name = "dead-letters",
            description = "Actions that failed, kept for inspection; 'replay ID' plans one again (admin).",
            subcommands = DeadLetters.Replay.class)
    static final class DeadLetters extends Base {

        @Option(names = "--limit", description = "At most this many.")
        Integer limit;

        @Override
        public Integer call() {
            JsonNode answer = client().deadLetters(limit);
            if (json()) {
                printJson(answer.path("dead_letters"));
                return HandrailCli.OK;
            }
            Table table = new Table("id", "action", "intent", "node", "error", "at");
            answer.path("dead_letters")
                    .forEach(d -> table.row(
                            firstText(d, "id", "dead_letter_id"),
                            firstText(d, "action_id", "original_action_id"),
                            text(d, "intent"),
                            text(d, "node"),
                            text(d, "error_code"),
                            firstText(d, "dead_lettered_at", "created_at")));
            if (table.empty()) {
                println("No dead letters.");
            } else {
                table.print(out());
            }
            return HandrailCli.OK;
        }

        private static String firstText(JsonNode node, String... fields) {
            for (String field : fields) {
                if (text(node, field) != null) {
                    return text(node, field);
                }
            }
            return null;
        }

        @Command(name = "replay", description = "Replay a dead letter as a new action through policy (admin).")
        static final class Replay extends Base {

            @Parameters(index = "0", paramLabel = "<id>")
            String id;

            @Override
            public Integer call() {
                JsonNode answer = client().replayDeadLetter(id);
                if (json()) {
                    printJson(answer);
                } else {
                    println("Replayed " + id + " as " + text(answer, "replay_action_id") + ": " + text(answer, "state")
                            + (answer.path("repeated").asBoolean() ? " (replayed before)" : ""));
                }
                return HandrailCli.OK;
            }
        }
    }

    @Command(name = "capabilities", description = "The capability catalogue: risk, approval, implemented and enabled.")
    static final class Capabilities extends Base {
        @Override
        public Integer call() {
            JsonNode answer = client().capabilities();
            if (json()) {
                printJson(answer.path("capabilities"));
                return HandrailCli.OK;
            }
            Table table = new Table("intent", "risk", "approval", "implemented", "enabled");
            answer.path("capabilities")
                    .forEach(c -> table.row(
                            text(c, "intent"),
                            text(c, "risk_level"),
                            text(c, "approval_mode"),
                            c.path("implemented").asBoolean(),
                            c.path("enabled").asBoolean()));
            table.print(out());
            return HandrailCli.OK;
        }
    }

    @Command(
            name = "policy",
            description = "Show the policy in force (the default), or replay recent actions under a candidate.",
            subcommands = {Policy.Show.class, Policy.WhatIf.class})
    static final class Policy extends Base {

        @Override
        public Integer call() {
            show(this);
            return HandrailCli.OK;
        }

        static void show(Base command) {
            JsonNode policy = command.client().policy();
            if (command.json()) {
                command.printJson(policy);
                return;
            }
            command.println("Policy " + text(policy, "version") + " from " + text(policy, "source") + " (sha256 "
                    + text(policy, "sha256") + "), loaded " + text(policy, "loaded_at"));
            if (text(policy, "last_error") != null) {
                command.println("Last reload failed: " + text(policy, "last_error"));
            }
            command.println(policy.path("rules").size() + " rules");
            policy.path("rules").forEach(r -> command.println("  " + dev.handrail.client.Json.compact(r)));
        }

        @Command(name = "show", description = "Show the policy in force (admin).")
        static final class Show extends Base {
            @Override
            public Integer call() {
                show(this);
                return HandrailCli.OK;
            }
        }

        @Command(
                name = "what-if",
                description = "Replay the last recorded actions under a candidate policy file (admin).")
        static final class WhatIf extends Base {

            @Parameters(index = "0", paramLabel = "<file>", description = "The candidate policy (YAML).")
            Path file;

            @Option(names = "--limit", description = "How many recent actions (default 100).")
            Integer limit;

            @Override
            public Integer call() {
                String yaml;
                try {
                    yaml = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + file, e);
                }
                JsonNode answer = client().whatIf(yaml, limit);
                if (json()) {
                    printJson(answer);
                    return HandrailCli.OK;
                }
                println("Candidate " + text(answer, "candidate_version") + " against " + text(answer, "active_version")
                        + ": " + answer.path("evaluated").asInt() + " evaluated, "
                        + answer.path("changed").asInt()
                        + " would change");
                Table table = new Table("action", "intent", "principal", "before", "after");
                answer.path("changes")
                        .forEach(c -> table.row(
                                text(c, "action_id"),
                                text(c, "intent"),
                                text(c, "principal"),
                                c.path("before").isObject() ? text(c.path("before"), "effect") : text(c, "before"),
                                c.path("after").isObject() ? text(c.path("after"), "effect") : text(c, "after")));
                if (!table.empty()) {
                    table.print(out());
                }
                return HandrailCli.OK;
            }
        }
    }
}
