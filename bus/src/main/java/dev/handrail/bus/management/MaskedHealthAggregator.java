package dev.handrail.bus.management;

import dev.handrail.contracts.Credentials;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.management.health.aggregator.DefaultHealthAggregator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Micronaut's health aggregation with every credential in the details masked
 * ({@link Credentials}): the NATS indicator lists its server URLs with their passwords, the JDBC
 * indicator names its URL, and an indicator added later may say more. Stateless.
 */
@Singleton
@Replaces(DefaultHealthAggregator.class)
public class MaskedHealthAggregator extends DefaultHealthAggregator {

    public MaskedHealthAggregator(ApplicationConfiguration applicationConfiguration) {
        super(applicationConfiguration);
    }

    @Override
    protected @Nullable Object aggregateDetails(List<HealthResult> results) {
        return mask(super.aggregateDetails(results));
    }

    /** {@code details} with every string and key passed through {@link Credentials#mask}. */
    static @Nullable Object mask(@Nullable Object details) {
        return switch (details) {
            case null -> null;
            case CharSequence text -> Credentials.mask(text.toString());
            case HealthResult result ->
                HealthResult.builder(result.getName(), result.getStatus())
                        .details(mask(result.getDetails()))
                        .build();
            case Map<?, ?> map -> {
                Map<Object, Object> masked = new LinkedHashMap<>();
                map.forEach((key, value) -> masked.put(mask(key), mask(value)));
                yield masked;
            }
            case Collection<?> items -> {
                List<Object> masked = new ArrayList<>(items.size());
                items.forEach(item -> masked.add(mask(item)));
                yield masked;
            }
            default -> details;
        };
    }
}
