package dev.handrail.bus.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.devkit.Infrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.management.health.aggregator.HealthAggregator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagementBeansTest {

    @Test
    void healthDetailsAreAggregatedByTheMaskingAggregator() {
        try (ApplicationContext context = ApplicationContext.run(
                Map.of("nats.default.addresses", Infrastructure.shared().natsUrl(), "endpoints.all.port", "-1"))) {
            assertThat(context.getBean(HealthAggregator.class)).isInstanceOf(MaskedHealthAggregator.class);
            assertThat(context.getBeansOfType(ManagementListener.class)).hasSize(1);
        }
    }
}
