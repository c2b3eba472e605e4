package dev.handrail.devkit;

import dev.handrail.contracts.Subjects;
import io.nats.client.NKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The read-only NATS identities of feed subscribers (ADR 0014): each is an nkey user, kept as its
 * public key ({@code <name>.pub}, which goes into the server's configuration) and its seed
 * ({@code <name>.nk}, owner-only: the credentials handed to whoever runs the subscriber). A
 * subscriber may create, bind to and read one durable consumer of the event stream, named after
 * it ({@link Subjects#subscriber}); it may publish, subscribe to or delete nothing else. Not safe
 * for two processes adding the same name at once (the second is refused by the file system).
 */
public final class FeedSubscribers {

    private static final String SEED = ".nk";
    private static final String PUBLIC = ".pub";

    private final Path dir;

    private FeedSubscribers(Path dir) {
        this.dir = dir;
    }

    /** The subscribers kept under {@code home/subscribers}. */
    public static FeedSubscribers in(Path home) {
        return new FeedSubscribers(home.resolve("subscribers"));
    }

    /** A subscriber: its name, NATS user, public nkey and the file holding its seed. */
    public record Subscriber(String name, String user, String publicKey, Path seedFile) {

        /** Its one durable consumer on the event stream (also its NATS user name). */
        public String durable() {
            return user;
        }

        /** Its inbox prefix: the only subjects it may subscribe to are under it. */
        public String inboxPrefix() {
            return "_INBOX." + user;
        }
    }

    /**
     * Creates the identity of a new subscriber.
     *
     * @throws IllegalArgumentException when the name is not a subject token or is taken
     */
    public Subscriber add(String name) {
        String user = Subjects.subscriber(name);
        try {
            Files.createDirectories(dir);
            NKey key = NKey.createUser(new SecureRandom());
            Path seed = dir.resolve(name + SEED);
            ConfigFiles.writeOwnerOnly(seed, new String(key.getSeed()) + "\n");
            Files.writeString(dir.resolve(name + PUBLIC), new String(key.getPublicKey()) + "\n");
            return new Subscriber(name, user, new String(key.getPublicKey()), seed);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(
                    "A subscriber named " + name + " exists already (" + e.getFile() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the identity of subscriber " + name + " in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No strong random source for a new nkey", e);
        }
    }

    /** Every subscriber added so far, by name. */
    public List<Subscriber> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Subscriber> subscribers = new ArrayList<>();
            for (Path pub : files.filter(p -> p.getFileName().toString().endsWith(PUBLIC))
                    .sorted()
                    .toList()) {
                String file = pub.getFileName().toString();
                String name = file.substring(0, file.length() - PUBLIC.length());
                subscribers.add(new Subscriber(
                        name, Subjects.subscriber(name), Files.readString(pub).trim(), dir.resolve(name + SEED)));
            }
            return subscribers;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the subscribers in " + dir, e);
        }
    }

    /** The {@code users} entries of every subscriber, for nats-server's configuration. */
    public String usersConfig() {
        StringBuilder config = new StringBuilder();
        for (Subscriber subscriber : all()) {
            config.append(userEntry(subscriber)).append('\n');
        }
        return config.toString();
    }

    /** One subscriber's entry in nats-server's {@code users} list: its public nkey and its permissions. */
    public static String userEntry(Subscriber subscriber) {
        return "    {nkey: " + subscriber.publicKey() + ", permissions: {publish: {allow: "
                + ConfigFiles.quoted(publishAllowed(subscriber.durable())) + "}, subscribe: {allow: "
                + ConfigFiles.quoted(List.of(subscriber.inboxPrefix() + ".>")) + "}}}   # subscriber "
                + subscriber.name();
    }

    /**
     * What a subscriber may publish: JetStream's API for its own durable consumer of the event
     * stream (create with any filter, which the stream bounds to events; look up; pull; acknowledge),
     * and account and stream information. No command, key-value, delete or other consumer subject.
     */
    static List<String> publishAllowed(String durable) {
        String events = Subjects.STREAM_EVENTS;
        return List.of(
                "$JS.API.INFO",
                "$JS.API.STREAM.INFO." + events,
                "$JS.API.CONSUMER.CREATE." + events + "." + durable,
                "$JS.API.CONSUMER.CREATE." + events + "." + durable + ".>",
                "$JS.API.CONSUMER.INFO." + events + "." + durable,
                "$JS.API.CONSUMER.MSG.NEXT." + events + "." + durable,
                "$JS.ACK." + events + "." + durable + ".>");
    }
}
