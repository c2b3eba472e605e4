package dev.handrail.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    @Test
    void writesStandardJsonWithUnmeasuredValuesAsNull() throws Exception {
        JsonNode json = Json.mapper().readTree(JsonReport.render(ReportFixtures.report()));

        JsonNode lag = json.get("scenarios").get(1).get("measurements").get(0);
        assertThat(lag.get("p50_ms").asDouble()).isEqualTo(12.0);
        assertThat(lag.get("p99_ms").isNull()).isTrue();
        assertThat(json.get("started_at").asText()).isEqualTo("2026-11-22T01:40:00Z");
        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
    }

    @Test
    void eachComparisonCarriesItsGoalAndVerdict() throws Exception {
        JsonNode json = Json.mapper().readTree(JsonReport.render(ReportFixtures.report()));

        JsonNode row = json.get("scenarios").get(0).get("comparisons").get(0);
        assertThat(row.get("measured").asDouble()).isEqualTo(3500.0);
        assertThat(row.get("baseline").asDouble()).isEqualTo(10000.0);
        assertThat(row.get("goal").get("comparison").asText()).isEqualTo("AT_LEAST");
        assertThat(row.get("goal").get("bound").asDouble()).isEqualTo(0.3);
        assertThat(row.get("verdict").get("ratio").asDouble()).isEqualTo(0.35);
        assertThat(row.get("verdict").get("met").asBoolean()).isTrue();
    }
}
