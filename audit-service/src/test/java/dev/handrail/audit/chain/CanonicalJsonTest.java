package dev.handrail.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"b\":2,\"a\":1}                       | {\"a\":1,\"b\":2}",
            "{ \"n\" : 1.0E30 }                      | {\"n\":1e+30}",
            "[1.0, -0.0, 0.000001, 1e-7, 1E21, 100] | [1,0,0.000001,1e-7,1e+21,100]",
            "{\"a\":{\"z\":true,\"y\":null},\"\u20ac\":\"x\",\"1\":[]} | {\"1\":[],\"a\":{\"y\":null,\"z\":true},\"\u20ac\":\"x\"}",
            "{\"s\":\"tab\\there \\u00e9 \\u001f\"}   | {\"s\":\"tab\\there é \\u001f\"}",
    })
    void canonicalisesAsRfc8785Says(String input, String canonical) {
        assertThat(CanonicalJson.of(input)).isEqualTo(canonical);
    }

    @Test
    void sortsKeysByUtf16CodeUnits() {
        // RFC 8785 section 3.2.3: "\r" < "1" < "\u0080" < "\u00f6" < "\u20ac" < "\ud83d\ude00" < "\ufb33".
        String input = "{\"\\u20ac\":5,\"\\r\":1,\"\\ufb33\":7,\"1\":2,\"\\ud83d\\ude00\":6,\"\\u0080\":3,\"\\u00f6\":4}";

        assertThat(CanonicalJson.of(input))
                .isEqualTo("{\"\\r\":1,\"1\":2,\"\u0080\":3,\"\u00f6\":4,\"\u20ac\":5,\"\ud83d\ude00\":6,\"\ufb33\":7}");
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertThatThrownBy(() -> CanonicalJson.of("{\"a\":")).isInstanceOf(CanonicalJson.NotJsonException.class);
    }
}
