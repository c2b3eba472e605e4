package dev.handrail.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A reader of one Server-Sent Events stream (the WHATWG event-stream format): lines in, events
 * out, with the last event id and the server's {@code retry} delay remembered as the format says.
 * The live feed ({@link EventFeed}) and the MCP answer streams ({@link McpConnection}) both read
 * with it. Used by one thread.
 */
public final class ServerSentEvents {

    /** One dispatched event: its {@code id} (null when the event named none), {@code event} type (null: "message") and data. */
    public record Event(String id, String type, String data) {}

    private final BufferedReader reader;
    private String lastEventId;
    private Duration retry;

    /** Reads events from {@code in} (UTF-8, as the format requires). */
    public ServerSentEvents(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /**
     * The next event with data, or null at the end of the stream. Comments ({@code : keep-alive})
     * and blocks without data dispatch nothing, but an {@code id} in them still moves
     * {@link #lastEventId()}.
     */
    public Event next() throws IOException {
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        String id = null;
        String type = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (id != null) {
                    lastEventId = id;
                }
                if (hasData) {
                    return new Event(id, type, data.toString());
                }
                id = null;
                type = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    if (hasData) {
                        data.append('\n');
                    }
                    data.append(value);
                    hasData = true;
                }
                case "id" -> {
                    // An id holding NUL is ignored, as the format says.
                    if (value.indexOf('\0') < 0) {
                        id = value;
                    }
                }
                case "event" -> type = value;
                case "retry" -> {
                    try {
                        retry = Duration.ofMillis(Long.parseLong(value.trim()));
                    } catch (NumberFormatException e) {
                        // A malformed retry is ignored, as the format says.
                    }
                }
                default -> {
                    // Unknown fields are ignored, as the format says.
                }
            }
        }
        return null;
    }

    /** The id of the last block that named one (the {@code Last-Event-ID} to resume with), or null. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The reconnection delay the server last asked for, or null when it asked for none. */
    public Duration retry() {
        return retry;
    }
}
