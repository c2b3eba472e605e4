package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "nats://gateway:pw123@127.0.0.1:4222                        | nats://gateway:***@127.0.0.1:4222",
                "[nats://a:x@h1:4222, nats://b:y@h2:4222]                   | [nats://a:***@h1:4222, nats://b:***@h2:4222]",
                "nats://s3cr3t-token@host:4222                              | nats://***@host:4222",
                "jdbc:postgresql://h:5432/db?user=postgres&password=pa55&ssl=true | jdbc:postgresql://h:5432/db?user=postgres&password=***&ssl=true",
                "jdbc:postgresql://owner:pa55@h/db                          | jdbc:postgresql://owner:***@h/db",
                "nats://127.0.0.1:4222                                      | nats://127.0.0.1:4222",
                "no url here                                                | no url here",
            })
    void masksPasswordsAndTokensInUrls(String text, String masked) {
        assertThat(Credentials.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "nats://gateway:pw123@127.0.0.1:4222",
                "jdbc:postgresql://h/db?password=pa55",
            })
    void maskingTwiceChangesNothing(String text) {
        assertThat(Credentials.mask(Credentials.mask(text))).isEqualTo(Credentials.mask(text));
    }
}
