package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.capability.JsonSchemas;
import dev.handrail.contracts.capability.Param;
import dev.handrail.contracts.capability.ParamType;
import dev.handrail.contracts.json.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema each capability publishes and the validation policy and the executor run are
 * the same rules: for every parameter of every capability, values that fit pass both and values
 * that do not fit fail both.
 */
class CapabilitySchemaTest {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Stream<Arguments> capabilities() {
        return CapabilityCatalogue.all().stream().map(c -> Arguments.of(c.intent(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capabilities")
    void aPlanWithEveryParameterWellFormedPassesBoth(String intent, Capability capability) {
        Map<String, Object> params = valid(capability);

        assertThat(capability.paramProblem(params)).isEmpty();
        assertThat(capability.missingParam(params)).isEmpty();
        assertThat(errors(capability, params)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capabilities")
    void eachIllFormedValueFailsBoth(String intent, Capability capability) {
        for (Param param : capability.params()) {
            for (Object bad : invalid(param.type())) {
                Map<String, Object> params = valid(capability);
                params.put(param.name(), bad);

                assertThat(capability.paramProblem(params))
                        .as("%s = %s", param.name(), bad)
                        .isPresent();
                assertThat(errors(capability, params))
                        .as("%s = %s", param.name(), bad)
                        .isNotEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capabilities")
    void twoOfAGroupWhereOneMayBeGivenFailBoth(String intent, Capability capability) {
        for (List<String> group : capability.exclusive()) {
            Map<String, Object> params = valid(capability);
            assertThat(capability.paramProblem(params)).isEmpty();
            assertThat(errors(capability, params)).isEmpty();

            params.put(
                    group.get(1),
                    sample(capability.param(group.get(1)).orElseThrow().type()));
            assertThat(capability.paramProblem(params)).get().asString().startsWith("Give at most one of");
            assertThat(errors(capability, params)).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capabilities")
    void anUnknownParameterFailsBoth(String intent, Capability capability) {
        Map<String, Object> params = valid(capability);
        params.put("unheard_of", "x");

        assertThat(capability.paramProblem(params)).get().asString().contains("unheard_of");
        assertThat(errors(capability, params)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capabilities")
    void aMissingRequiredParameterFailsBoth(String intent, Capability capability) {
        for (String name : capability.requiredParams()) {
            Map<String, Object> params = valid(capability);
            params.remove(name);

            assertThat(capability.missingParam(params)).contains(name);
            assertThat(errors(capability, params)).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capabilities")
    void blankTextCountsAsMissingInBothUnlessTheParameterAllowsIt(String intent, Capability capability) {
        for (Param param : capability.params()) {
            if (param.required() && param.type() instanceof ParamType.Text text) {
                Map<String, Object> params = valid(capability);
                params.put(param.name(), " \t");

                assertThat(capability.missingParam(params).isPresent())
                        .as(param.name())
                        .isEqualTo(!text.blankAllowed());
                assertThat(errors(capability, params).isEmpty())
                        .as(param.name())
                        .isEqualTo(text.blankAllowed());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capabilities")
    void everyParameterAndOutputFieldIsDescribed(String intent, Capability capability) {
        assertThat(capability.description()).isNotBlank();
        assertThat(capability.params())
                .allSatisfy(p -> assertThat(p.description()).isNotBlank());
        assertThat(capability.output())
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.description()).isNotBlank());
        JsonNode output = Json.mapper().valueToTree(JsonSchemas.output(capability));
        assertThat(output.get("properties").properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyElementsOf(
                        capability.output().stream().map(f -> f.name()).toList());
        Map<String, Object> wrongTypes = new LinkedHashMap<>();
        capability.output().forEach(f -> wrongTypes.put(f.name(), f.type().equals("string") ? 1 : "text"));
        assertThat(REGISTRY.getSchema(output).validate(Json.mapper().valueToTree(wrongTypes)))
                .as("every output field's declared type is checked")
                .hasSize(capability.output().size());
    }

    private static List<com.networknt.schema.Error> errors(Capability capability, Map<String, Object> params) {
        JsonNode schemaNode = Json.mapper().valueToTree(JsonSchemas.params(capability));
        Schema schema = REGISTRY.getSchema(schemaNode);
        return schema.validate(Json.mapper().valueToTree(params));
    }

    /** Every parameter with a value that fits, but only the first of each group where at most one may be given. */
    private static Map<String, Object> valid(Capability capability) {
        Map<String, Object> params = new LinkedHashMap<>();
        capability.params().forEach(p -> params.put(p.name(), sample(p.type())));
        capability.exclusive().forEach(group -> group.subList(1, group.size()).forEach(params::remove));
        return params;
    }

    private static Object sample(ParamType type) {
        return switch (type) {
            case ParamType.Text text -> "a".repeat(Math.min(text.maxLength(), 3));
            case ParamType.Whole whole -> Math.max(whole.min(), Math.min(whole.max(), 1L));
            case ParamType.Flag flag -> true;
            case ParamType.Choice choice -> choice.words().getLast();
            case ParamType.TextOrTexts texts -> List.of("a", "b");
            case ParamType.Fields fields -> {
                Map<String, Object> object = new LinkedHashMap<>();
                fields.fields().forEach(f -> object.put(f.name(), sample(f.type())));
                yield object;
            }
        };
    }

    private static List<Object> invalid(ParamType type) {
        List<Object> bad = new ArrayList<>(List.of(Map.of("not", "this")));
        switch (type) {
            case ParamType.Text text -> bad.addAll(List.of(42, true, "x".repeat(text.maxLength() + 1)));
            case ParamType.Whole whole -> {
                bad.addAll(List.of("1", 1.5, true));
                if (whole.min() > Long.MIN_VALUE) {
                    bad.add(BigInteger.valueOf(whole.min()).subtract(BigInteger.ONE));
                }
                if (whole.max() < Long.MAX_VALUE) {
                    bad.add(BigInteger.valueOf(whole.max()).add(BigInteger.ONE));
                }
            }
            case ParamType.Flag flag -> bad.addAll(List.of("true", 1));
            case ParamType.Choice choice -> bad.addAll(List.of("sideways", 1));
            case ParamType.TextOrTexts texts ->
                bad.addAll(List.of(5, List.of(1), Collections.nCopies(texts.maxItems() + 1, "k")));
            case ParamType.Fields fields -> bad.addAll(List.of("text", 7));
        }
        return bad;
    }
}
