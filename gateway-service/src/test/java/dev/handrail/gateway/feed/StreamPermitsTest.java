package dev.handrail.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamPermitsTest {

    @Test
    void aPrincipalHoldsAtMostItsLimitOfStreamsAndGetsThemBackOnClose() {
        StreamPermits permits = new StreamPermits(2);

        assertThat(permits.tryAcquire("alice")).isTrue();
        assertThat(permits.tryAcquire("alice")).isTrue();
        assertThat(permits.tryAcquire("alice")).isFalse();
        assertThat(permits.tryAcquire("bob")).isTrue();

        permits.release("alice");
        assertThat(permits.tryAcquire("alice")).isTrue();
        assertThat(permits.tryAcquire("alice")).isFalse();
    }
}
