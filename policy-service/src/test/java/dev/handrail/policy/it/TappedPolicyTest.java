package dev.handrail.policy.it;

import dev.handrail.bus.Bus;
import dev.handrail.devkit.Infrastructure;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A policy service on the shared NATS and a fresh database, with a tap on the event feed and a
 * driver that plays the gateway and an online local node, for tests that watch what policy
 * publishes.
 */
abstract class TappedPolicyTest implements TestPropertyProvider {

    @Inject
    Bus bus;

    EventTap tap;
    Driver driver;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties("policy"));
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    @BeforeEach
    void tapTheFeed() throws Exception {
        tap = new EventTap(Infrastructure.shared().natsUrl());
        driver = new Driver(bus);
        driver.localNodeIsOnline();
    }

    @AfterEach
    void closeTheTap() {
        tap.close();
    }
}
