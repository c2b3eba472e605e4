package dev.handrail.bus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponderConnectionTest {

    @Test
    void theResponderLogsInWithTheServicePasswordUnderItsOwnName() {
        assertThat(ResponderConnection.responderUrl("nats://policy:pw123@nats:4222", "policy-responder"))
                .contains("nats://policy-responder:pw123@nats:4222");
        assertThat(ResponderConnection.responderUrl(" tls://audit@10.0.0.1:4222 ", "audit-responder"))
                .contains("tls://audit-responder@10.0.0.1:4222");
    }

    @Test
    void onAClusterTheResponderLogsInToEveryServerOfTheList() {
        assertThat(ResponderConnection.responderUrl(
                        "nats://audit:pw1@a:4222,nats://audit:pw1@b:4223", "audit-responder"))
                .contains("nats://audit-responder:pw1@a:4222,nats://audit-responder:pw1@b:4223");
        assertThat(ResponderConnection.responderUrl("nats://audit:pw1@a:4222,nats://b:4223", "audit-responder"))
                .as("a server without a user in the list: answered on the main connection")
                .isEmpty();
    }

    @Test
    void withoutAUserOrAResponderIdentityQueriesAreAnsweredOnTheMainConnection() {
        assertThat(ResponderConnection.responderUrl("nats://127.0.0.1:4222", "policy-responder"))
                .isEmpty();
        assertThat(ResponderConnection.responderUrl("nats://policy:pw@nats:4222", ""))
                .isEmpty();
        assertThat(ResponderConnection.responderUrl("nats://policy:pw@nats:4222", null))
                .isEmpty();
    }
}
