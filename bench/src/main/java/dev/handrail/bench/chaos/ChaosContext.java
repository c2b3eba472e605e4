package dev.handrail.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.bench.load.HttpLoadClient;
import dev.handrail.bench.system.SystemUnderTest;
import dev.handrail.contracts.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What every scenario of one chaos run shares: the system under test (durable, as
 * {@code ./handrail up} keeps it), the budget, one HTTP client, and the effect script. Used from
 * the run's one driving thread; the HTTP client is shared with the load's agents and is thread-safe.
 */
final class ChaosContext implements AutoCloseable {

    private final SystemUnderTest system;
    private final ChaosBudget budget;
    private final EffectLog effects;
    private final HttpLoadClient http;

    ChaosContext(SystemUnderTest system, ChaosBudget budget, EffectLog effects) {
        this.system = system;
        this.budget = budget;
        this.effects = effects;
        this.http = new HttpLoadClient(budget.clients() + 8);
    }

    SystemUnderTest system() {
        return system;
    }

    ChaosBudget budget() {
        return budget;
    }

    EffectLog effects() {
        return effects;
    }

    HttpLoadClient http() {
        return http;
    }

    /**
     * Kills a service (SIGKILL), leaves it down for {@code down}, starts it again on its port and
     * waits until it is healthy; how long from the kill until then.
     */
    Duration killAndRestart(String module, Duration down) {
        Instant at = Instant.now();
        system.local().service(module).kill();
        if (!down.isZero()) {
            ChaosRun.sleep(down);
        }
        system.local().restart(module);
        return Duration.between(at, Instant.now());
    }

    /** An admin's GET on the gateway, as JSON. */
    JsonNode get(String path) {
        return json(http.get(system.gatewayUrl() + path, system.adminToken()).expect(200));
    }

    /** An admin's POST on the gateway; the answer whatever its status. */
    HttpLoadClient.Answer post(String path, Map<String, Object> body) {
        try {
            return http.post(
                    system.gatewayUrl() + path,
                    system.adminToken(),
                    Json.mapper().writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpLoadClient.Answer answer) {
        try {
            return Json.mapper().readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + answer.body(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
