package dev.handrail.bus.management;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/**
 * {@code GET /health} on the public port: a bare liveness answer, {@code {"status":"UP"}}, and
 * nothing about dependencies or addresses. The details are on the management port
 * ({@link ManagementListener}), where Micronaut's health endpoint answers the same path.
 */
@Controller("/health")
public class LivenessController {

    private static final Map<String, String> UP = Map.of("status", "UP");

    @Get
    public Map<String, String> live() {
        return UP;
    }
}
