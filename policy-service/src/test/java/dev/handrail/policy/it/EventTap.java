package dev.handrail.policy.it;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.MessageTypes;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * A core NATS tap on the event feed and the execute commands, on a connection of its own (as
 * another service would have), as a test sees them.
 */
final class EventTap implements AutoCloseable {

    /** One message seen, with the subject it came on. */
    record Seen(String subject, Envelope envelope) {

        String kind() {
            return MessageTypes.classOf(envelope.type()).getSimpleName();
        }

        <T extends Message> T as(Class<T> type) {
            return envelope.message(type);
        }
    }

    private final Connection connection;
    private final Dispatcher dispatcher;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    EventTap(String natsUrl) throws IOException, TimeoutException, InterruptedException {
        this.connection = Nats.connect(natsUrl);
        this.dispatcher = connection.createDispatcher(
                message -> seen.add(new Seen(message.getSubject(), Envelope.parse(message.getData()))));
        dispatcher.subscribe(Subjects.EVENTS_ALL);
        dispatcher.subscribe(Subjects.EXEC_ALL);
        connection.flush(Duration.ofSeconds(5));
    }

    /** Everything seen about one action, in arrival order. */
    List<Seen> about(String actionId) {
        return seen.stream()
                .filter(s -> actionId.equals(s.envelope().subject()))
                .toList();
    }

    /** The kinds of message seen about one action, in arrival order. */
    List<String> kinds(String actionId) {
        return about(actionId).stream().map(Seen::kind).toList();
    }

    /** The messages of one kind seen about one action. */
    <T extends Message> List<T> messages(String actionId, Class<T> type) {
        return about(actionId).stream()
                .filter(s -> s.kind().equals(type.getSimpleName()))
                .map(s -> s.as(type))
                .toList();
    }

    /** A bus on the tap's own connection, to send commands while no policy instance runs. */
    dev.handrail.bus.Bus bus() {
        return new dev.handrail.bus.Bus(connection, Driver.SOURCE);
    }

    /** Every message of one kind seen, whatever it is about (control events: kill switch, breakers). */
    <T extends Message> List<T> control(Class<T> type) {
        return seen.stream()
                .filter(s -> s.kind().equals(type.getSimpleName()))
                .map(s -> s.as(type))
                .toList();
    }

    @Override
    public void close() {
        connection.closeDispatcher(dispatcher);
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
