package dev.handrail.executor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.RefusedException;
import dev.handrail.executor.shell.ArgvParser;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command parser either refuses a line with {@code INVALID_COMMAND} or splits it into words
 * that, quoted back, split into the same words: no input makes it fail otherwise or lose a
 * character.
 */
class ArgvParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyLineSplitsIntoWordsThatRoundTrip(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        List<String> words;
        try {
            words = ArgvParser.parse(line);
        } catch (RefusedException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_COMMAND);
            return;
        }
        assertThat(words).isNotEmpty();
        String quoted = words.stream().map(ArgvParserFuzzTest::quote).collect(Collectors.joining(" "));
        assertThat(ArgvParser.parse(quoted)).isEqualTo(words);
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
