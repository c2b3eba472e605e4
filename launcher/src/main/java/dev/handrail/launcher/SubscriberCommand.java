package dev.handrail.launcher;

import dev.handrail.contracts.Subjects;
import dev.handrail.devkit.FeedSubscribers;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./handrail subscriber add <name>} and {@code ./handrail subscriber list}: admin tooling
 * that acts on NATS itself, not on the HTTP API. Adding makes the read-only NATS identity of a
 * feed subscriber (an nkey user, ADR 0014) under the run's home, which the local nats-server of
 * {@code ./handrail up} takes up when it starts; for a server run elsewhere it prints the entry to
 * add to that server's configuration. Nothing signals a running server to reload: nats-server
 * 2.9 stops answering JetStream requests after it reloads its users (ADR 0014).
 */
final class SubscriberCommand {

    static final String USAGE = "Usage: ./handrail subscriber add <name> | ./handrail subscriber list";

    private final Settings settings;
    private final PrintStream out;

    SubscriberCommand(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the command; returns the process exit status. */
    int run(List<String> args) {
        FeedSubscribers subscribers = FeedSubscribers.in(settings.home());
        if (args.size() == 1 && args.getFirst().equals("list")) {
            subscribers
                    .all()
                    .forEach(s -> out.println(
                            s.name() + "  user " + s.user() + "  durable " + s.durable() + "  seed " + s.seedFile()));
            return 0;
        }
        if (args.size() != 2 || !args.getFirst().equals("add")) {
            out.println(USAGE);
            return 2;
        }
        FeedSubscribers.Subscriber added;
        try {
            added = subscribers.add(args.get(1));
        } catch (IllegalArgumentException e) {
            out.println("Not added: " + e.getMessage() + " (a name is 1 to 64 of A-Z a-z 0-9 _ -)");
            return 1;
        }
        out.printf(
                "Subscriber %s added.%n  Seed (its credentials; keep it secret): %s%n  Durable consumer: %s on %s%n"
                        + "  Inbox prefix: %s%n",
                added.name(), added.seedFile(), added.durable(), Subjects.STREAM_EVENTS, added.inboxPrefix());
        if (settings.natsUrl() != null && !settings.natsUrl().isBlank()) {
            out.printf(
                    "  HANDRAIL_NATS_URL names a server this command does not run: add this entry to the users of%n"
                            + "  its configuration (nats/handrail.conf) and restart it:%n%s%n",
                    FeedSubscribers.userEntry(added));
        } else {
            out.println("  ./handrail up takes it up when it starts (restart it if it runs).");
        }
        out.println("  Run it: see docs/feed-subscriber.md");
        return 0;
    }
}
