package dev.handrail.executor.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.RefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgvParserTest {

    @Test
    void splitsOnAnyRunOfWhitespace() {
        assertThat(ArgvParser.parse("  ls   -la\t/tmp \n")).containsExactly("ls", "-la", "/tmp");
    }

    @Test
    void keepsSingleQuotedTextLiterally() {
        assertThat(ArgvParser.parse("echo 'a b  \"c\" \\n $HOME'")).containsExactly("echo", "a b  \"c\" \\n $HOME");
    }

    @Test
    void doubleQuotesEscapeOnlyQuoteAndBackslash() {
        assertThat(ArgvParser.parse("echo \"say \\\"hi\\\" \\\\ \\n\"")).containsExactly("echo", "say \"hi\" \\ \\n");
    }

    @Test
    void backslashOutsideQuotesMakesTheNextCharacterLiteral() {
        assertThat(ArgvParser.parse("touch my\\ file \\'x\\' a\\\\b"))
                .containsExactly("touch", "my file", "'x'", "a\\b");
    }

    @Test
    void joinsAdjacentQuotedAndUnquotedParts() {
        assertThat(ArgvParser.parse("a\"b c\"d'e f'g")).containsExactly("ab cde fg");
    }

    @Test
    void keepsEmptyQuotedWords() {
        assertThat(ArgvParser.parse("printf '' \"\" x")).containsExactly("printf", "", "", "x");
    }

    @Test
    void passesShellSyntaxThroughAsPlainWords() {
        assertThat(ArgvParser.parse("echo $HOME; rm -rf / | cat > out *"))
                .containsExactly("echo", "$HOME;", "rm", "-rf", "/", "|", "cat", ">", "out", "*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo 'unterminated", "echo \"unterminated", "echo \"a\\\"", "echo trailing\\", "'", ""})
    void refusesWhatCannotBeSplit(String line) {
        assertThatThrownBy(() -> ArgvParser.parse(line))
                .isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(ErrorCode.INVALID_COMMAND);
    }

    @Test
    void refusesBlankCommand() {
        assertThatThrownBy(() -> ArgvParser.parse(" \t "))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("empty");
    }
}
