package dev.handrail.bus.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MaskedHealthAggregatorTest {

    @Test
    void masksCredentialsInNestedDetailsAndKeys() {
        HealthResult nats = HealthResult.builder("nats", HealthStatus.UP)
                .details(Map.of("servers", List.of("nats://gateway:pw-secret@127.0.0.1:4222")))
                .build();
        HealthResult jdbc = HealthResult.builder("jdbc", HealthStatus.UP)
                .details(Map.of(
                        "jdbc:postgresql://h/db?user=postgres&password=db-secret",
                        HealthResult.builder("jdbc", HealthStatus.UP)
                                .details(Map.of("database", "PostgreSQL"))
                                .build()))
                .build();

        Object masked = Objects.requireNonNull(MaskedHealthAggregator.mask(Map.of("nats", nats, "jdbc", jdbc)));

        assertThat(text(masked))
                .doesNotContain("pw-secret")
                .doesNotContain("db-secret")
                .contains("nats://gateway:***@127.0.0.1:4222")
                .contains("PostgreSQL");
        assertThat(((Map<?, ?>) masked).get("nats"))
                .isInstanceOfSatisfying(
                        HealthResult.class,
                        result -> assertThat(result.getStatus()).isEqualTo(HealthStatus.UP));
    }

    /** Every key and value of the details, as text. */
    private static String text(@Nullable Object details) {
        return switch (details) {
            case null -> "null";
            case HealthResult r -> r.getName() + " " + r.getStatus() + " " + text(r.getDetails());
            case Map<?, ?> map ->
                map.entrySet().stream()
                        .map(e -> text(e.getKey()) + "=" + text(e.getValue()))
                        .toList()
                        .toString();
            case List<?> list ->
                list.stream().map(MaskedHealthAggregatorTest::text).toList().toString();
            default -> String.valueOf(details);
        };
    }
}
