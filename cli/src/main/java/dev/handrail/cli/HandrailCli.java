package dev.handrail.cli;

import dev.handrail.client.HandrailClient;
import dev.handrail.client.HandrailException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The operator commands of {@code ./handrail}: the root command, its connection options (inherited
 * by every subcommand) and the mapping of failures to exit codes (0 ok, 1 refused or failed
 * action, 2 usage, 3 gateway unreachable, 4 unauthorised). One instance serves one invocation.
 */
@Command(
        name = "handrail",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        version = "handrail 0.1.0",
        description = "Operate Handrail from a terminal over its public /v1 API.",
        footer = {
            "",
            "Exit codes: 0 ok, 1 refused or failed action, 2 usage, 3 gateway unreachable, 4 unauthorised.",
            "The dev-launcher commands (up, subscriber, nodes, package, test, build, bench) are described in ./handrail's header.",
            "See docs/cli.md."
        },
        subcommands = {
            LoginCommand.class,
            WhoamiCommand.class,
            ApprovalCommands.Approvals.class,
            ApprovalCommands.Approve.class,
            ApprovalCommands.Deny.class,
            ApprovalCommands.Hold.class,
            ActionCommands.Actions.class,
            ActionCommands.Show.class,
            ActionCommands.Plan.class,
            RunCommands.class,
            TailCommand.class,
            McpCommand.class,
            AdminCommands.KillSwitch.class,
            AdminCommands.Tokens.class,
            AdminCommands.Health.class,
            AdminCommands.Breakers.class,
            AdminCommands.DeadLetters.class,
            AdminCommands.Capabilities.class,
            AuditCommands.class,
            AdminCommands.Policy.class,
        })
public final class HandrailCli implements Runnable {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int UNAUTHORISED = 4;

    @Option(
            names = "--url",
            paramLabel = "<url>",
            description = "The gateway (default: $HANDRAIL_URL, the profile, " + "http://127.0.0.1:8080).",
            scope = ScopeType.INHERIT)
    String url;

    @Option(
            names = "--token",
            paramLabel = "<token>",
            description =
                    "The bearer token (default: $HANDRAIL_TOKEN, " + "then the profile written by 'handrail login').",
            scope = ScopeType.INHERIT)
    String token;

    @Option(names = "--json", description = "Print JSON for scripts instead of tables.", scope = ScopeType.INHERIT)
    boolean json;

    final Map<String, String> env;
    final BufferedReader input;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    HandrailCli(Map<String, String> env, BufferedReader input) {
        this.env = env;
        this.input = input;
    }

    /** The command line for {@code env} (the process environment) reading decisions from {@code input}. */
    public static CommandLine commandLine(Map<String, String> env, BufferedReader input) {
        CommandLine line = new CommandLine(new HandrailCli(env, input));
        line.addSubcommand("completion", new AutoComplete.GenerateCompletion());
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            if (e instanceof HandrailException.Unreachable) {
                err.println(e.getMessage());
                err.flush();
                return UNREACHABLE;
            }
            if (e instanceof HandrailException.ApiError api) {
                err.println(api.code() + ": "
                        + api.getMessage().substring(api.code().length() + 2));
                err.flush();
                return api.unauthorised() ? UNAUTHORISED : REFUSED;
            }
            if (e instanceof UsageProblem) {
                err.println(e.getMessage());
                command.usage(err);
                return USAGE;
            }
            throw e;
        });
        return line;
    }

    /** Runs one invocation as {@code ./handrail ARGS} does; answers the exit code. */
    public static int execute(String... args) {
        return commandLine(
                        System.getenv(), new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)))
                .execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The gateway this invocation talks to: --url, else HANDRAIL_URL, else the profile, else the default. */
    URI gateway() {
        return URI.create(
                first(url, env.get("HANDRAIL_URL"), Profile.read(env).url(), HandrailClient.DEFAULT_URL.toString()));
    }

    /** The token: --token, else HANDRAIL_TOKEN, else the profile; null when there is none. */
    String bearer() {
        return first(token, env.get("HANDRAIL_TOKEN"), Profile.read(env).token(), null);
    }

    HandrailClient client() {
        return new HandrailClient(gateway(), bearer());
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** A usage problem found after parsing (a malformed key=value, an unknown duration unit): exit code 2. */
    static final class UsageProblem extends RuntimeException {

        UsageProblem(String message) {
            super(message);
        }
    }
}
