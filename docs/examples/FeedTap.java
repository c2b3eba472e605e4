import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Taps Handrail's action event feed with a feed subscriber's NATS identity (docs/feed-subscriber.md).
 * Its durable consumer keeps its place on the server: stop the tap, start it again, and it goes on
 * after the last event it acknowledged, so nothing is lost or read twice.
 *
 * Run it with jnats on the class path (Java 21 runs a single source file as it is):
 *
 *   java -cp jnats-2.23.0.jar docs/examples/FeedTap.java <nats url> <seed file> <subscriber name> [max events] [idle seconds]
 *
 * It prints one line per event, "<stream seq> <subject> <envelope JSON>", acknowledges it, and stops
 * after max events (default: no limit) or when no event came for idle seconds (default 5).
 */
public class FeedTap {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("Usage: FeedTap <nats url> <seed file> <subscriber name> [max events] [idle seconds]");
            System.exit(2);
        }
        String url = args[0];
        char[] seed = Files.readString(Path.of(args[1])).trim().toCharArray();
        String durable = "subscriber-" + args[2];
        long max = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
        Duration idle = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 5);

        Options options = Options.builder().server(url)
                .connectionTimeout(Duration.ofSeconds(10))         // room for a cold JVM to sign on a busy machine
                .authHandler(Nats.staticCredentials(null, seed))   // an nkey user: the seed signs the server's challenge
                .inboxPrefix("_INBOX." + durable)                  // the only inbox this identity may subscribe to
                .build();
        try (Connection nats = Nats.connect(options)) {
            ConsumerConfiguration config = ConsumerConfiguration.builder()
                    .durable(durable)                              // the one consumer this identity may create
                    .filterSubject("handrail.v1.events.action.>")  // every action event; narrow it as you like
                    .deliverPolicy(DeliverPolicy.All)              // a new tap starts at the oldest event kept
                    .ackPolicy(AckPolicy.Explicit)
                    .build();
            ConsumerContext tap = nats.getStreamContext("HANDRAIL_EVENTS").createOrUpdateConsumer(config);
            long read = 0;
            while (read < max) {
                Message event = tap.next(idle);                     // one at a time: nothing is held unacknowledged
                if (event == null) {
                    break;
                }
                System.out.println(event.metaData().streamSequence() + " " + event.getSubject() + " "
                        + new String(event.getData(), StandardCharsets.UTF_8));
                event.ackSync(Duration.ofSeconds(5));             // the server moves the tap's place past it
                read++;
            }
        }
    }
}
