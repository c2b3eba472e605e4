package dev.handrail.executor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.desktop.DesktopException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebAddressTest {

    @ParameterizedTest
    @CsvSource({
        "https://example.org, https, example.org, /",
        "http://example.org:8080/a/b?c=d#e, http, example.org, /a/b",
        "HTTPS://Example.org/path, https, example.org, /path"
    })
    void acceptsAbsoluteHttpAndHttpsUrls(String url, String scheme, String host, String path) {
        java.net.URI parsed = WebAddress.parse(url);

        assertThat(parsed.getScheme().toLowerCase(java.util.Locale.ROOT)).isEqualTo(scheme);
        assertThat(parsed.getHost().toLowerCase(java.util.Locale.ROOT)).isEqualTo(host);
        assertThat(parsed.getPath().isEmpty() ? "/" : parsed.getPath()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///etc/passwd",
                "javascript:alert(1)",
                "data:text/html,hi",
                "ftp://example.org",
                "example.org",
                "https://user:secret@example.org/",
                "https://exa mple.org",
                "https:///nohost",
                "http://a\u0000b"
            })
    void refusesEverythingElse(String url) {
        assertThatThrownBy(() -> WebAddress.parse(url))
                .isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.INVALID_URL);
    }

    @org.junit.jupiter.api.Test
    void refusesAnOverlongUrl() {
        assertThatThrownBy(() -> WebAddress.parse("https://example.org/" + "a".repeat(WebAddress.MAX_LENGTH)))
                .hasMessageContaining("longer than");
    }
}
