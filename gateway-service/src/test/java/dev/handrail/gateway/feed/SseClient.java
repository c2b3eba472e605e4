package dev.handrail.gateway.feed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Server-Sent Events client as a browser's EventSource reads a stream: id, data and comment lines, dispatched at a blank line. */
final class SseClient implements AutoCloseable {

    /** One dispatched block: its id (null: none), data (null: none) and comment. */
    record Block(String id, String data, String comment) {}

    final List<Block> blocks = new CopyOnWriteArrayList<>();
    final int status;
    final java.net.http.HttpHeaders headers;
    private final InputStream body;
    private final Thread reader;

    SseClient(String url, String token, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        status = response.statusCode();
        headers = response.headers();
        body = response.body();
        reader = Thread.ofVirtual().start(this::read);
    }

    /** The ids of the events with data, in the order they came. */
    List<Long> ids() {
        return blocks.stream()
                .filter(b -> b.data() != null && b.id() != null)
                .map(b -> Long.parseLong(b.id()))
                .toList();
    }

    /** The last id the stream set (a browser would send it as Last-Event-ID on reconnecting). */
    String lastEventId() {
        String last = null;
        for (Block b : blocks) {
            if (b.id() != null) {
                last = b.id();
            }
        }
        return last;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = null;
            String comment = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null || data != null || comment != null) {
                        blocks.add(new Block(id, data == null ? null : data.toString(), comment));
                    }
                    id = null;
                    data = null;
                    comment = null;
                } else if (line.startsWith(":")) {
                    comment = line.substring(1).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                }
            }
        } catch (IOException closed) {
            // the test closed the stream
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
        reader.interrupt();
    }
}
