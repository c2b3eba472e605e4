package dev.handrail.devkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on the loopback interface, for servers started a moment later. They are taken
 * below the kernel's ephemeral range: a port the OS hands out for "any port" is one it may also
 * give an outgoing connection (to NATS, to PostgreSQL) before the server that was to listen on it
 * has started, and the server then fails with "address already in use".
 */
public final class Ports {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;

    private Ports() {}

    /** A port nobody listens on right now, outside the ephemeral range where the system has one. */
    public static int free() {
        int below = ephemeralStart();
        for (int i = 0; below - LOWEST > 1_000 && i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (bindable(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the ephemeral range (Linux), or 0 where it cannot be read. */
    static int ephemeralStart() {
        // Read as a stream: a /proc file reports size 0, and a read sized by it may stop short.
        try (BufferedReader in = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            String line = in.readLine();
            return line == null ? 0 : Integer.parseInt(line.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
