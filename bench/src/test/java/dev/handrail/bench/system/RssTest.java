package dev.handrail.bench.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RssTest {

    @Test
    void readsVmRssFromAProcessStatus() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  187432 kB\nRssAnon:\t  150000 kB\n";

        assertThat(Rss.parseKibibytes(status)).isEqualTo(187_432);
    }

    @Test
    void aStatusWithoutVmRssIsAnError() {
        assertThatThrownBy(() -> Rss.parseKibibytes("Name:\tzombie\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsThisProcessAsSomeMebibytes() {
        assertThat(Rss.mebibytes(ProcessHandle.current().pid())).isGreaterThan(1.0);
    }
}
