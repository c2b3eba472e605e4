package dev.handrail.executor.app;

import dev.handrail.contracts.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.executor.desktop.DesktopException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://example.org", "http://example.org:8080/a/b?c=d#e", "HTTPS://Example.org/path"})
    void acceptsAbsoluteHttpAndHttpsUrls(String url) {
        assertThat(WebAddress.parse(url).getHost()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "javascript:alert(1)", "data:text/html,hi", "ftp://example.org",
        "example.org", "https://user:secret@example.org/", "https://exa mple.org", "https:///nohost", "http://a\u0000b"})
    void refusesEverythingElse(String url) {
        assertThatThrownBy(() -> WebAddress.parse(url)).isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code()).isEqualTo(ErrorCode.INVALID_URL);
    }

    @org.junit.jupiter.api.Test
    void refusesAnOverlongUrl() {
        assertThatThrownBy(() -> WebAddress.parse("https://example.org/" + "a".repeat(WebAddress.MAX_LENGTH)))
                .hasMessageContaining("longer than");
    }
}
