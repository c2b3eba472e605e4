package dev.handrail.cli;

import dev.handrail.client.Me;
import picocli.CommandLine.Command;

/** {@code handrail whoami}: the principal and role of the token in use. */
@Command(name = "whoami", description = "Show who the token belongs to and its role, and which gateway is used.")
final class WhoamiCommand extends Base {

    @Override
    public Integer call() {
        Me me = client().me();
        if (json()) {
            printJson(me);
        } else {
            println(me.principal() + " (" + me.kind() + ", role " + me.role() + ") at " + cli().gateway());
        }
        return HandrailCli.OK;
    }
}
