package dev.handrail.cli;

import dev.handrail.client.HandrailClient;
import dev.handrail.client.Me;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code handrail login}: checks a token against the gateway and saves both in the user's profile (0600). */
@Command(
        name = "login",
        description = {
            "Check a token and save it with the gateway URL in your profile "
                    + "($XDG_CONFIG_HOME/handrail/profile or ~/.config/handrail/profile, mode 0600).",
            "The token comes from --token, $HANDRAIL_TOKEN, or is asked for (not echoed)."
        })
final class LoginCommand extends Base {

    @Override
    public Integer call() {
        HandrailCli cli = cli();
        URI gateway = cli.gateway();
        String token = cli.token != null ? cli.token : cli.env.get("HANDRAIL_TOKEN");
        if (token == null || token.isBlank()) {
            token = ask();
        }
        if (token == null || token.isBlank()) {
            throw new HandrailCli.UsageProblem("No token given.");
        }
        Me me = new HandrailClient(gateway, token).me();
        Path saved = new Profile(gateway.toString(), token.strip()).write(cli.env);
        if (json()) {
            printJson(Map.of(
                    "url",
                    gateway.toString(),
                    "principal",
                    me.principal(),
                    "role",
                    me.role(),
                    "profile",
                    saved.toString()));
        } else {
            println("Logged in to " + gateway + " as " + me.principal() + " (" + me.role() + "); saved in " + saved);
        }
        return HandrailCli.OK;
    }

    private String ask() {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Token: ");
            return typed == null ? null : new String(typed);
        }
        err().print("Token: ");
        err().flush();
        try {
            return cli().input.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
