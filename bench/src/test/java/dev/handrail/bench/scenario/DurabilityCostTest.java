package dev.handrail.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.bench.stats.Measurement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DurabilityCostTest {

    @Test
    void theDatabaseIsTakenFromTheJdbcUrl() {
        assertThat(DurabilityCost.database("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"))
                .isEqualTo("postgres");
        assertThat(DurabilityCost.database("jdbc:postgresql://db:5432/handrail"))
                .isEqualTo("handrail");
    }

    @Test
    void aNameThatIsNotPlainIsRefusedRatherThanPutIntoSql() {
        assertThatThrownBy(() -> DurabilityCost.database("jdbc:postgresql://h:1/x;DROP TABLE y?user=u"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuPerActionIsCoresOverActionsAndLeavesTheLoadGeneratorOutOfTheTotal() {
        Map<String, Double> cores = new LinkedHashMap<>();
        cores.put("gateway", 0.5);
        cores.put("policy", 0.25);
        cores.put("load generator", 1.0);
        Measurement actions = new Measurement("sustained", 1000, 0, 2, 500, 1, 2, 3, 4);
        Sustained.Outcome outcome = new Sustained.Outcome(actions, actions, cores, Duration.ZERO);

        String text = Sustained.cpuPerAction(outcome);

        assertThat(text)
                .contains("gateway 1,")
                .contains("policy 0.5,")
                .contains("load generator 2,")
                .endsWith("Handrail in all (load generator not counted) 1.5.");
    }
}
