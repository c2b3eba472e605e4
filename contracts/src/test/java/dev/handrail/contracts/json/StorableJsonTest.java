package dev.handrail.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorableJsonTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"a\":\"text \\u00e9 \\ud83d\\ude00 \\u0001\",\"n\":[0,-0,0.0,1e-300,1.7976931348623157e308,333333333.33333329]}",
                "[12345678901234567890, 4.9e-324, 0e999]",
                "\"plain\"",
            })
    void acceptsWhatRfc8785AndPostgresqlCanKeep(String json) {
        assertThat(StorableJson.check(json, StorableJson.MAX_BODY_DEPTH)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"metadata\":{\"note\":\"a\\u0000b\"}}",
                "{\"meta\\u0000data\":1}",
                "{\"s\":\"\\ud800\"}",
                "{\"s\":\"\\udc00x\"}",
                "{\"s\":\"x\\ud800\\ud800\"}",
                "{\"n\":1e400}",
                "{\"n\":-1e400}",
                "{\"n\":1e-400}",
            })
    void refusesValuesThatCannotBeKept(String json) {
        assertThat(StorableJson.check(json, StorableJson.MAX_BODY_DEPTH))
                .hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(StorableJson.Kind.UNSTORABLE_VALUE));
    }

    @Test
    void refusesANumberOf400Digits() {
        assertThat(StorableJson.check("{\"n\":" + "9".repeat(400) + "}", StorableJson.MAX_BODY_DEPTH))
                .hasValueSatisfying(
                        p -> assertThat(p.message()).contains("/n").contains("not a finite IEEE-754 double"));
    }

    @Test
    void namesWhereTheNulCharacterIs() {
        assertThat(StorableJson.check("{\"metadata\":{\"note\":\"a\\u0000b\"}}", StorableJson.MAX_BODY_DEPTH))
                .hasValueSatisfying(
                        p -> assertThat(p.message()).contains("/metadata/note").contains("U+0000"));
    }

    @Test
    void nestingIsLimitedToTheGivenDepth() {
        assertThat(StorableJson.check(nested(64), StorableJson.MAX_BODY_DEPTH)).isEmpty();
        assertThat(StorableJson.check(nested(65), StorableJson.MAX_BODY_DEPTH))
                .hasValueSatisfying(p -> assertThat(p.message()).contains("deeper than 64"));
        assertThat(StorableJson.check(nested(5000), StorableJson.MAX_BODY_DEPTH))
                .hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(StorableJson.Kind.UNSTORABLE_VALUE));
        assertThat(StorableJson.check(nested(StorableJson.MAX_MESSAGE_DEPTH), StorableJson.MAX_MESSAGE_DEPTH))
                .isEmpty();
    }

    @Test
    void textThatIsNotJsonIsSaidToBeSo() {
        assertThat(StorableJson.check("{\"a\":", StorableJson.MAX_BODY_DEPTH))
                .hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(StorableJson.Kind.NOT_JSON));
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
