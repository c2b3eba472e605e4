package dev.handrail.bench.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
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
    void seesThisProcessGrowWhenItTouchesMemory() {
        long pid = ProcessHandle.current().pid();
        double before = Rss.mebibytes(pid);
        byte[] touched = new byte[96 * 1024 * 1024];
        Arrays.fill(touched, (byte) 1);
        double after = Rss.mebibytes(pid);

        assertThat(after - before).as("RSS growth after touching 96 MiB").isGreaterThan(64.0);
        assertThat(touched[touched.length - 1]).isEqualTo((byte) 1);
    }
}
