package dev.handrail.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
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
        String input =
                "{\"\\u20ac\":5,\"\\r\":1,\"\\ufb33\":7,\"1\":2,\"\\ud83d\\ude00\":6,\"\\u0080\":3,\"\\u00f6\":4}";

        assertThat(CanonicalJson.of(input))
                .isEqualTo(
                        "{\"\\r\":1,\"1\":2,\"\u0080\":3,\"\u00f6\":4,\"\u20ac\":5,\"\ud83d\ude00\":6,\"\ufb33\":7}");
    }

    @Test
    void canonicalisesTheExampleOfRfc8785Section322() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50,
                              2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";

        assertThat(CanonicalJson.of(input))
                .isEqualTo("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    /** RFC 8785 appendix B: IEEE 754 doubles (as their bits) and how each must be serialised. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2"
    })
    void serialisesNumbersAsRfc8785AppendixBSays(String ieee754, String canonical) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754, 16));

        assertThat(CanonicalJson.of("[" + Double.toString(value) + "]")).isEqualTo("[" + canonical + "]");
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertThatThrownBy(() -> CanonicalJson.of("{\"a\":")).isInstanceOf(CanonicalJson.NotJsonException.class);
    }

    /** The gateway refuses the same at the door (StorableJson), so nothing it accepted is dropped here. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"s\":\"a\\u0000b\"}", "{\"s\":\"\\ud800\"}", "{\"n\":1e400}", "{\"n\":1e-400}"})
    void refusesWhatTheStoreCannotKeep(String input) {
        assertThatThrownBy(() -> CanonicalJson.of(input)).isInstanceOf(CanonicalJson.NotJsonException.class);
    }
}
