package dev.handrail.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aFreePortIsBelowTheEphemeralRangeSoNoOutgoingConnectionTakesItFirst() throws IOException {
        int ephemeral = Ports.ephemeralStart();
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            assertThat(ephemeral)
                    .as("the ephemeral range's start, read from /proc")
                    .isGreaterThan(1024);
        }

        for (int i = 0; i < 20; i++) {
            int port = Ports.free();
            if (ephemeral > 11_000) {
                assertThat(port).isBetween(10_000, ephemeral - 1);
            }
            try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
