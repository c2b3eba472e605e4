package dev.handrail.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.handrail.gateway.action.PlanRequest;
import dev.handrail.gateway.action.PlanRequestParser;
import dev.handrail.gateway.web.ApiException;
import java.util.Set;

/**
 * Whatever bytes arrive as a plan body, the parser either returns a plan with an intent or
 * refuses it with one of its codes; it never fails in any other way. Runs the stored inputs under
 * {@code src/test/resources/.../PlanRequestFuzzTestInputs} in every build; {@code JAZZER_FUZZ=1}
 * fuzzes for new ones.
 */
class PlanRequestFuzzTest {

    private static final Set<String> CODES = Set.of("INVALID_JSON", "VALIDATION_FAILED");

    @FuzzTest(maxDuration = "60s")
    void anyBodyIsParsedOrRefusedWithACode(FuzzedDataProvider data) {
        String body = data.consumeRemainingAsString();
        try {
            PlanRequest request = PlanRequestParser.parse(body);
            assertThat(request.intent()).isNotBlank();
        } catch (ApiException refused) {
            assertThat(refused.code()).isIn(CODES);
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
