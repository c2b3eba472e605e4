package dev.handrail.policy.rules;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Policy's health as far as its policy file goes: {@code UP} while the file (or the built-in
 * policy) is in force as configured, {@code DEGRADED} while the file fails to load and the last
 * good policy stands in for it. Degraded is still operational: policy keeps deciding.
 */
@Singleton
public class PolicyFileHealth implements HealthIndicator {

    /** The health status of a policy running on its last good policy. */
    public static final HealthStatus DEGRADED =
            new HealthStatus("DEGRADED", "the policy file failed to load; the last good policy is in force", true, 1);

    private final ActivePolicy policy;

    public PolicyFileHealth(ActivePolicy policy) {
        this.policy = policy;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(result());
    }

    /** The result now. */
    public HealthResult result() {
        ActivePolicy.Status status = policy.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", status.version());
        details.put("source", status.source());
        policy.lastError().ifPresent(error -> details.put("last_error", error));
        return HealthResult.builder("policyFile", policy.lastError().isPresent() ? DEGRADED : HealthStatus.UP)
                .details(details)
                .build();
    }
}
