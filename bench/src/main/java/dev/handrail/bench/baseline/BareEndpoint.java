package dev.handrail.bench.baseline;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A bare Micronaut application (the same HTTP server and JSON the gateway use, nothing else):
 * the baseline for what an HTTP endpoint costs on this machine. Run as its own JVM
 * ({@link #main}, started by {@link BareJvm}) for the load and the footprint baselines.
 */
public final class BareEndpoint implements AutoCloseable {

    private final EmbeddedServer server;

    private BareEndpoint(EmbeddedServer server) {
        this.server = server;
    }

    /** Starts the application on {@code port} of the loopback interface. */
    public static BareEndpoint start(int port) {
        EmbeddedServer server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.application.name", "bare-endpoint",
                        "micronaut.server.port", port,
                        "micronaut.server.host", "127.0.0.1"));
        if (!server.isRunning()) {
            server.start();
        }
        return new BareEndpoint(server);
    }

    /** {@code http://127.0.0.1:<port>/ping}. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort() + "/ping";
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }

    /** Runs the bare endpoint as its own JVM on the port given as the first argument, until killed. */
    public static void main(String[] args) throws InterruptedException {
        start(Integer.parseInt(args[0]));
        new CountDownLatch(1).await();
    }
}
