package dev.handrail.policy.validation;

import static dev.handrail.policy.validation.PlanValidator.CAPABILITY_EXISTS;
import static dev.handrail.policy.validation.PlanValidator.CAPABILITY_IMPLEMENTED;
import static dev.handrail.policy.validation.PlanValidator.MAX_RETRIES;
import static dev.handrail.policy.validation.PlanValidator.REQUIRED_PARAMS;
import static dev.handrail.policy.validation.PlanValidator.RISK_CLASSIFICATION;
import static dev.handrail.policy.validation.PlanValidator.TIMEOUT_BOUNDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.policy.action.PlanSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlanValidatorTest {

    private static final Map<String, Set<String>> LOCAL_OFFERS_ALL =
            Map.of("local", Set.of("file.read", "file.write", "shell.run"));

    private final PlanValidator validator = new PlanValidator();

    /** One row of the table: a plan, the nodes, and what one named check must say. */
    record Row(String behaviour, String intent, Map<String, Object> params, long timeoutMs, int retries,
               Map<String, Set<String>> nodes, String check, boolean passes, String message) {

        @Override
        public String toString() {
            return behaviour;
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                new Row("a catalogued intent exists", "file.read", path("/tmp/a"), 10_000, 0, LOCAL_OFFERS_ALL,
                        CAPABILITY_EXISTS, true, "Capability file.read is known"),
                new Row("an unknown intent is named", "x", Map.of(), 10_000, 0, LOCAL_OFFERS_ALL,
                        CAPABILITY_EXISTS, false, "Unknown intent: x"),
                new Row("an online node offering the intent implements it", "file.read", path("/tmp/a"), 10_000, 0,
                        LOCAL_OFFERS_ALL, CAPABILITY_IMPLEMENTED, true, "Node local offers file.read"),
                new Row("a node not offering the intent does not implement it", "file.read", path("/tmp/a"), 10_000, 0,
                        Map.of("local", Set.of("shell.run")), CAPABILITY_IMPLEMENTED, false,
                        "Capability file.read is not implemented on node local"),
                new Row("an unknown or offline node implements nothing", "file.read", path("/tmp/a"), 10_000, 0,
                        Map.of(), CAPABILITY_IMPLEMENTED, false, "Node local is unknown or offline"),
                new Row("all required parameters present", "file.write", Map.of("path", "/tmp/a", "content", "x"), 10_000, 0,
                        LOCAL_OFFERS_ALL, REQUIRED_PARAMS, true, "Required parameters present: path, content"),
                new Row("a missing parameter is named", "file.read", Map.of(), 10_000, 0, LOCAL_OFFERS_ALL,
                        REQUIRED_PARAMS, false, "Missing required parameter: path"),
                new Row("a null parameter is missing", "file.read", nullPath(), 10_000, 0, LOCAL_OFFERS_ALL,
                        REQUIRED_PARAMS, false, "Missing required parameter: path"),
                new Row("a blank parameter is missing", "file.read", path("  "), 10_000, 0, LOCAL_OFFERS_ALL,
                        REQUIRED_PARAMS, false, "Missing required parameter: path"),
                new Row("the first missing parameter in catalogue order is named", "file.write", Map.of("content", "x"),
                        10_000, 0, LOCAL_OFFERS_ALL, REQUIRED_PARAMS, false, "Missing required parameter: path"),
                new Row("a later missing parameter is named when earlier ones are present", "file.write",
                        path("/tmp/a"), 10_000, 0, LOCAL_OFFERS_ALL, REQUIRED_PARAMS, false,
                        "Missing required parameter: content"),
                new Row("a capability without parameters needs none", "window.list", Map.of(), 10_000, 0,
                        Map.of("local", Set.of("window.list")), REQUIRED_PARAMS, true, "No parameters are required"),
                new Row("a timeout inside the bounds passes", "file.read", path("/tmp/a"), 30_000, 0, LOCAL_OFFERS_ALL,
                        TIMEOUT_BOUNDS, true, "timeout_ms 30000 is within 100..30000"),
                new Row("a timeout below the minimum fails", "file.read", path("/tmp/a"), 99, 0, LOCAL_OFFERS_ALL,
                        TIMEOUT_BOUNDS, false, "timeout_ms must be between 100 and 30000 for file.read"),
                new Row("a timeout above the maximum fails", "file.read", path("/tmp/a"), 30_001, 0, LOCAL_OFFERS_ALL,
                        TIMEOUT_BOUNDS, false, "timeout_ms must be between 100 and 30000 for file.read"),
                new Row("five retries pass", "file.read", path("/tmp/a"), 10_000, 5, LOCAL_OFFERS_ALL,
                        MAX_RETRIES, true, "max_retries 5 is within 0..5"),
                new Row("six retries fail", "file.read", path("/tmp/a"), 10_000, 6, LOCAL_OFFERS_ALL,
                        MAX_RETRIES, false, "max_retries must be between 0 and 5"),
                new Row("negative retries fail", "file.read", path("/tmp/a"), 10_000, -1, LOCAL_OFFERS_ALL,
                        MAX_RETRIES, false, "max_retries must be between 0 and 5"),
                new Row("a safe capability is classified without approval", "file.read", path("/tmp/a"), 10_000, 0,
                        LOCAL_OFFERS_ALL, RISK_CLASSIFICATION, true, "risk safe; no approval required"),
                new Row("a risky capability is classified as needing approval", "shell.run", Map.of("command", "ls"),
                        10_000, 0, LOCAL_OFFERS_ALL, RISK_CLASSIFICATION, true, "risk medium; approval required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachCheckPassesOrFailsWithItsMessage(Row row) {
        Validation validation = validator.validate(spec(row.intent(), row.params(), row.timeoutMs(), row.retries()),
                nodes(row.nodes()));

        assertThat(validation.checks()).filteredOn(c -> c.name().equals(row.check()))
                .singleElement()
                .isEqualTo(new Check(row.check(), row.passes(), row.message()));
        assertThat(validation.valid()).isEqualTo(validation.checks().stream().allMatch(Check::passed));
    }

    @Test
    void runsEveryCheckInOrderForAKnownIntent() {
        Validation validation = validator.validate(spec("file.read", path("/tmp/a"), 10_000, 0), nodes(LOCAL_OFFERS_ALL));

        assertThat(validation.valid()).isTrue();
        assertThat(validation.checks()).extracting(Check::name).containsExactly(CAPABILITY_EXISTS,
                CAPABILITY_IMPLEMENTED, REQUIRED_PARAMS, TIMEOUT_BOUNDS, MAX_RETRIES, RISK_CLASSIFICATION);
    }

    @Test
    void stopsCheckingAtAnUnknownIntent() {
        Validation validation = validator.validate(spec("x", Map.of(), 10_000, 0), nodes(LOCAL_OFFERS_ALL));

        assertThat(validation.valid()).isFalse();
        assertThat(validation.checks()).extracting(Check::name).containsExactly(CAPABILITY_EXISTS);
    }

    @Test
    void reportsTheFirstFailureInCheckOrder() {
        Validation validation = validator.validate(spec("file.read", Map.of(), 1, 9), nodes(Map.of()));

        assertThat(validation.firstFailure()).map(Check::message).contains("Node local is unknown or offline");
        assertThat(validation.checks()).filteredOn(c -> !c.passed()).extracting(Check::name)
                .containsExactly(CAPABILITY_IMPLEMENTED, REQUIRED_PARAMS, TIMEOUT_BOUNDS, MAX_RETRIES);
    }

    private static PlanSpec spec(String intent, Map<String, Object> params, long timeoutMs, int retries) {
        return new PlanSpec("01TEST", intent, params, "local", timeoutMs, retries,
                CapabilityCatalogue.find(intent).orElse(null));
    }

    private static NodeAvailability nodes(Map<String, Set<String>> offers) {
        return node -> Optional.ofNullable(offers.get(node));
    }

    private static Map<String, Object> path(String path) {
        return Map.of("path", path);
    }

    private static Map<String, Object> nullPath() {
        Map<String, Object> params = new HashMap<>();
        params.put("path", null);
        return params;
    }
}
