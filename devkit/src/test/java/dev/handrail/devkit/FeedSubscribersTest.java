package dev.handrail.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.NKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feed subscriber's identity is an nkey whose seed only its owner can read. */
class FeedSubscribersTest {

    @TempDir
    Path home;

    @Test
    void addingASubscriberKeepsItsSeedOwnerOnlyAndItsPublicKeyForTheServer() throws Exception {
        FeedSubscribers.Subscriber acme = FeedSubscribers.in(home).add("acme");

        assertThat(acme.user()).isEqualTo("subscriber-acme");
        assertThat(acme.durable()).isEqualTo("subscriber-acme");
        assertThat(acme.inboxPrefix()).isEqualTo("_INBOX.subscriber-acme");
        assertThat(acme.seedFile()).isEqualTo(home.resolve("subscribers/acme.nk"));
        assertThat(Files.getPosixFilePermissions(acme.seedFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        NKey key = NKey.fromSeed(Files.readString(acme.seedFile()).trim().toCharArray());
        assertThat(new String(key.getPublicKey())).isEqualTo(acme.publicKey()).startsWith("U");
        assertThat(FeedSubscribers.in(home).all()).containsExactly(acme);
    }

    @Test
    void theServerConfigurationNamesOnlyThePublicKeyAndTheSubscribersOwnConsumer() throws Exception {
        FeedSubscribers.Subscriber acme = FeedSubscribers.in(home).add("acme");

        String users = FeedSubscribers.in(home).usersConfig();

        assertThat(users)
                .contains("nkey: " + acme.publicKey())
                .contains("\"$JS.API.CONSUMER.MSG.NEXT.HANDRAIL_EVENTS.subscriber-acme\"")
                .contains("\"_INBOX.subscriber-acme.>\"")
                .doesNotContain("DELETE")
                .doesNotContain("HANDRAIL_COMMANDS")
                .doesNotContain("$KV");
        assertThat(users).doesNotContain(Files.readString(acme.seedFile()).trim());
    }

    @Test
    void aTakenOrUnusableNameIsRefused() {
        FeedSubscribers subscribers = FeedSubscribers.in(home);
        subscribers.add("acme");

        assertThatThrownBy(() -> subscribers.add("acme"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> subscribers.add("a.>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subscribers.add("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(subscribers.all())
                .extracting(FeedSubscribers.Subscriber::name)
                .containsExactly("acme");
    }
}
