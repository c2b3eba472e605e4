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
