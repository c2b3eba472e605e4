package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.MessageTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON fixtures under {@code src/test/resources/fixtures} are the wire contract: each one
 * must parse into its message and serialise back to the same JSON. Run with
 * {@code -Dfixtures.write=true} to rewrite them after a deliberate, compatible change.
 */
class MessageFixturesTest {

    private static final Path DIR = Path.of("src/test/resources/fixtures");

    static Stream<Message> samples() {
        return Samples.all().stream();
    }

    @Test
    void everyRegisteredTypeHasASample() {
        assertThat(Samples.all().stream().map(MessageTypes::typeOf))
                .containsExactlyInAnyOrderElementsOf(MessageTypes.all().keySet());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void fixtureRoundTripsThroughItsMessage(Message sample) throws IOException {
        String type = MessageTypes.typeOf(sample);
        Envelope envelope = new Envelope(
                Envelope.SPEC_VERSION,
                "01JD7Z3Q4R5S6T7V8W9X0Y1Z9E",
                "/handrail/test/1",
                type,
                sample.subject(),
                Samples.AT,
                Envelope.JSON,
                Samples.ID,
                null,
                "agent-7",
                "s-1",
                Json.mapper().valueToTree(sample));
        Path fixture = DIR.resolve(type + ".json");
        if (Boolean.getBoolean("fixtures.write")) {
            Files.createDirectories(DIR);
            Files.writeString(
                    fixture, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(envelope) + "\n");
        }

        JsonNode stored = Json.mapper().readTree(fixture.toFile());
        Envelope parsed = Envelope.parse(Files.readAllBytes(fixture));

        assertThat(parsed.message()).isEqualTo(sample);
        assertThat((Object) Json.mapper().valueToTree(parsed)).isEqualTo(stored);
        assertThat(stored.get("specversion").asText()).isEqualTo("1.0");
        stored.get("data")
                .fieldNames()
                .forEachRemaining(name -> assertThat(name).isLowerCase());
    }
}
