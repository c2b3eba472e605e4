package dev.handrail.executor.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains one output stream of a process on its own virtual thread, keeping at most a limit of
 * bytes and discarding (but still reading) the rest so the process never blocks on a full pipe.
 * The buffer is guarded by this object's lock, so {@link #text()} may be read while draining.
 */
final class OutputCapture {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final long limit;
    private final Thread thread;
    private boolean truncated;

    private OutputCapture(InputStream in, long limit, String name) {
        this.limit = limit;
        this.thread = Thread.ofVirtual().name(name).start(() -> drain(in));
    }

    static OutputCapture start(InputStream in, long limit, String name) {
        return new OutputCapture(in, limit, name);
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                keep(buffer, n);
            }
        } catch (IOException e) {
            // The stream closes under us when the process is killed; what was kept stays.
        }
    }

    private synchronized void keep(byte[] buffer, int n) {
        long room = limit - kept.size();
        int take = (int) Math.max(0, Math.min(room, n));
        kept.write(buffer, 0, take);
        if (take < n) {
            truncated = true;
        }
    }

    /** Waits until the stream has ended (every writer closed it), at most {@code wait}. */
    boolean await(Duration wait) throws InterruptedException {
        return thread.join(wait);
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    synchronized int bytes() {
        return kept.size();
    }

    synchronized boolean truncated() {
        return truncated;
    }
}
