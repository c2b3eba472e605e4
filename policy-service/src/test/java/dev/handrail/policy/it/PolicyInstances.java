package dev.handrail.policy.it;

import dev.handrail.devkit.Infrastructure;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;

/** Starts policy-service application contexts by hand, for tests that run several instances or restart one. */
final class PolicyInstances {

    private PolicyInstances() {}

    /** Properties for instances that share one new database (and the shared NATS). */
    static Map<String, Object> sharedDatabase(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Infrastructure.shared().serviceProperties("policy"));
        properties.put("micronaut.server.port", "-1");
        properties.putAll(extra);
        return properties;
    }

    /** Starts one instance (no HTTP server) with {@code properties}. */
    static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.builder()
                .properties(properties)
                .environments("test")
                .start();
    }
}
