package dev.handrail.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The event-stream format as {@link ServerSentEvents} reads it, field by field. */
class ServerSentEventsTest {

    private static ServerSentEvents read(String text) {
        return new ServerSentEvents(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void dataLinesOfOneEventAreJoinedWithLineBreaksAndCommentsAreSkipped() throws IOException {
        ServerSentEvents events = read(": keep-alive\nevent: message\ndata: {\"a\":\ndata:1}\n\n");
        ServerSentEvents.Event event = events.next();
        assertThat(event.data()).isEqualTo("{\"a\":\n1}");
        assertThat(event.type()).isEqualTo("message");
        assertThat(event.id()).isNull();
        assertThat(events.next()).isNull();
    }

    @Test
    void anIdWithoutDataMovesTheLastEventIdButDispatchesNothing() throws IOException {
        ServerSentEvents events = read("id: 1\ndata: one\n\nid: 7\n: keep-alive\n\nretry: 50\n\n");
        assertThat(events.next().id()).isEqualTo("1");
        assertThat(events.lastEventId()).isEqualTo("1");
        assertThat(events.next()).isNull();
        assertThat(events.lastEventId()).isEqualTo("7");
        assertThat(events.retry()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void carriageReturnLineEndsAreLineEndsAndAnUnfinishedEventIsDropped() throws IOException {
        ServerSentEvents events = read("data: first\r\n\r\ndata: cut off");
        assertThat(events.next().data()).isEqualTo("first");
        assertThat(events.next()).isNull();
    }

    @Test
    void aMalformedRetryAndUnknownFieldsAreIgnored() throws IOException {
        ServerSentEvents events = read("retry: soon\nfoo: bar\ndata\n\n");
        ServerSentEvents.Event event = events.next();
        assertThat(event.data()).isEmpty();
        assertThat(events.retry()).isNull();
    }
}
