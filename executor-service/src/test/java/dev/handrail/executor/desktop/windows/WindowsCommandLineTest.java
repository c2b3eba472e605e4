package dev.handrail.executor.desktop.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Arguments joined so that CommandLineToArgvW splits them back the same. */
class WindowsCommandLineTest {

    @Test
    void quotesOnlyWhatNeedsQuotingAndEscapesQuotesAndTheirBackslashes() {
        assertThat(WindowsCommandLine.join(List.of("plain", "two words", ""))).isEqualTo("plain \"two words\" \"\"");
        assertThat(WindowsCommandLine.join(List.of("say \"hi\""))).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(WindowsCommandLine.join(List.of("C:\\dir with space\\"))).isEqualTo("\"C:\\dir with space\\\\\"");
        assertThat(WindowsCommandLine.join(List.of("a\\\\\"b c"))).isEqualTo("\"a\\\\\\\\\\\"b c\"");
        assertThat(WindowsCommandLine.join(List.of("C:\\no\\spaces"))).isEqualTo("C:\\no\\spaces");
    }
}
