package dev.handrail.cli;

import dev.handrail.client.EventFeed;
import dev.handrail.client.Json;
import dev.handrail.client.StoredEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code handrail tail}: the live feed, resumed after a dropped connection without losing or repeating events. */
@Command(
        name = "tail",
        description = {
            "Follow the live feed of events (Ctrl-C to stop).",
            "A dropped connection (a gateway restart) is resumed where it left off: no event is lost or shown twice."
        })
final class TailCommand extends Base {

    @Option(names = "--session", description = "Only events of this session.")
    String session;

    @Option(names = "--action", description = "Only events of this action.")
    String actionId;

    @Option(names = "--intent", description = "Only events of this intent.")
    String intent;

    @Option(
            names = "--type",
            description = "Only these CloudEvents types (comma-separated), e.g. " + "dev.handrail.action.succeeded.v1.")
    String types;

    @Option(names = "--from-seq", description = "Start at this seq instead of the live edge.")
    Long fromSeq;

    @Option(names = "--count", paramLabel = "<n>", description = "Stop after N events.")
    Integer count;

    @Override
    public Integer call() {
        int shown = 0;
        try (EventFeed feed = client().feed(new EventFeed.Filter(types, actionId, intent), fromSeq)) {
            feed.onConnection(change -> {
                if (change == EventFeed.ConnectionEvent.DISCONNECTED) {
                    err().println("(connection lost after seq " + feed.lastSeq() + "; resuming ...)");
                    err().flush();
                }
            });
            Thread stopper = new Thread(feed::close, "handrail-tail-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                StoredEvent event;
                while ((count == null || shown < count) && (event = feed.next()) != null) {
                    if (session != null && !session.equals(event.session())) {
                        continue;
                    }
                    shown++;
                    if (json()) {
                        out().println(Json.compact(event.json()));
                    } else {
                        out().printf(
                                        "%8d  %s  %-26s %s%s%n",
                                        event.seq(),
                                        event.time(),
                                        event.shortType(),
                                        event.actionId() == null ? "" : event.actionId(),
                                        event.session() == null ? "" : "  session " + event.session());
                    }
                    out().flush();
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException e) {
                    // Already shutting down: the hook is running.
                }
            }
        }
        return HandrailCli.OK;
    }
}
