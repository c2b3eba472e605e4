package dev.handrail.health.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlGuardTest {

    private final WebhookUrlGuard guard = new WebhookUrlGuard(new WebhookConfig());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8080/hook",
                "http://localhost/hook",
                "http://10.1.2.3/",
                "http://172.16.0.1/",
                "http://192.168.1.10/",
                "http://169.254.169.254/latest/meta-data",
                "http://100.64.0.1/",
                "http://0.0.0.0/",
                "http://[::1]/",
                "http://[fe80::1]/",
                "http://[fd12:3456::1]/",
                "http://[::ffff:127.0.0.1]/"
            })
    void refusesInternalAddressesByDefault(String url) {
        assertThatThrownBy(() -> guard.check(url))
                .isInstanceOf(WebhookUrlRefusedException.class)
                .hasMessageContaining("internal address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://93.184.216.34/",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "http:///nohost",
                "https://user:pw@93.184.216.34/",
                "not a url"
            })
    void refusesWhatIsNotAPlainHttpOrHttpsUrl(String url) {
        assertThatThrownBy(() -> guard.check(url)).isInstanceOf(WebhookUrlRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "http://8.8.8.8:8080/x", "https://[2606:4700::1111]/"})
    void acceptsPublicAddresses(String url) {
        assertThat(guard.check(url).getScheme()).startsWith("http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://10.1.2.3/"})
    void acceptsInternalAddressesWhenAnAdminAllowsThem(String url) {
        WebhookConfig config = new WebhookConfig();
        config.setAllowPrivateAddresses(true);
        assertThat(new WebhookUrlGuard(config).check(url).getHost()).isNotBlank();
    }
}
