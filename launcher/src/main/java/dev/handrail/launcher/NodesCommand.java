package dev.handrail.launcher;

import dev.handrail.contracts.Subjects;
import dev.handrail.devkit.ExecutorNodes;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./handrail nodes add <node> [--nats-url URL]}, {@code ./handrail nodes revoke <node>} and
 * {@code ./handrail nodes list}: admin tooling for the NATS identities of executor nodes
 * ({@link ExecutorNodes}), acting on the home, not on the HTTP API. Adding writes the node's
 * one-time credentials file; the local nats-server of {@code ./handrail up} takes the node up when
 * it starts, and for a server run elsewhere the command prints the entry to add to its
 * configuration. Revoking deletes the node's password and credentials; the server refuses the node
 * from its next start. Nothing signals a running server to reload: nats-server 2.9 stops answering
 * JetStream requests after it reloads its users (ADR 0014).
 */
final class NodesCommand {

    static final String USAGE = "Usage: ./handrail nodes add <node> [--nats-url nats://host:port]"
            + " | ./handrail nodes revoke <node> | ./handrail nodes list";

    private final Settings settings;
    private final PrintStream out;

    NodesCommand(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the command; returns the process exit status. */
    int run(List<String> args) {
        ExecutorNodes nodes = ExecutorNodes.in(settings.home());
        String verb = args.isEmpty() ? "" : args.getFirst();
        if (verb.equals("list") && args.size() == 1) {
            nodes.all()
                    .forEach(n -> out.println(n.id() + "  user " + n.user() + "  credentials "
                            + (n.credentialsPresent() ? n.credentialsFile() : "(handed out)")));
            return 0;
        }
        if (verb.equals("add")
                && (args.size() == 2 || args.size() == 4 && args.get(2).equals("--nats-url"))) {
            return add(nodes, args.get(1), args.size() == 4 ? args.get(3) : null);
        }
        if (verb.equals("revoke") && args.size() == 2) {
            return revoke(nodes, args.get(1));
        }
        out.println(USAGE);
        return 2;
    }

    private int add(ExecutorNodes nodes, String id, String natsUrl) {
        boolean external = settings.natsUrl() != null && !settings.natsUrl().isBlank();
        String address = natsUrl != null ? natsUrl : external ? settings.natsUrl() : null;
        ExecutorNodes.Node added;
        try {
            added = nodes.add(id, address);
        } catch (IllegalArgumentException e) {
            out.println("Not enrolled: " + e.getMessage());
            return 1;
        }
        out.printf(
                "Node %s enrolled as NATS user %s: it may read only %s and publish only its own results and"
                        + " heartbeats (...node.%s).%n"
                        + "  Credentials (shown once; a secret: copy the file to the node, then delete it here):%n    %s%n"
                        + "  Package for the node: ./handrail package executor --credentials %s%n",
                added.id(),
                added.user(),
                Subjects.exec(added.id()),
                added.id(),
                added.credentialsFile(),
                added.credentialsFile());
        if (address == null) {
            out.printf(
                    "  The credentials name the server as %s: replace it with the address of the NATS server as the"
                            + " node reaches it (or add again with --nats-url).%n",
                    ExecutorNodes.ADDRESS_PLACEHOLDER);
        }
        if (external) {
            out.printf(
                    "  HANDRAIL_NATS_URL names a server this command does not run: add this entry to the users of its"
                            + " configuration%n  (nats/handrail.conf), set %s in its environment to the password in%n"
                            + "  %s, and restart it:%n%s%n",
                    added.passwordVariable(), added.secretFile(), ExecutorNodes.userEntry(added.id()));
        } else {
            out.println(
                    "  ./handrail up takes the node up when it starts: restart it if it runs (nats-server 2.9 cannot"
                            + " reload users without losing JetStream).");
        }
        out.println("  Install on Windows: docs/windows-node.md");
        return 0;
    }

    private int revoke(ExecutorNodes nodes, String id) {
        if (!nodes.revoke(id)) {
            out.println("No node " + id + " is enrolled.");
            return 1;
        }
        out.printf("Node %s revoked: its password and credentials are deleted.%n", id);
        if (settings.natsUrl() != null && !settings.natsUrl().isBlank()) {
            out.printf(
                    "  Remove the line ending \"# node %s\" from the users of the server HANDRAIL_NATS_URL names, and"
                            + " restart it.%n",
                    id);
        } else {
            out.println("  The local nats-server refuses the node from its next start: restart ./handrail up if it runs"
                    + " (until then a connected node stays connected).");
        }
        return 0;
    }
}
