package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/asyncapi.yaml against {@link Subjects}: every subject the code uses is documented, and every documented one is used. */
class AsyncApiDocumentTest {

    private static final Path DOC = Path.of("..", "docs", "asyncapi.yaml");
    private static final Pattern ADDRESS = Pattern.compile("^\\s+address: (\\S+)\\s*$", Pattern.MULTILINE);

    @Test
    void everySubjectOfTheCodeHasAChannel() throws IOException {
        List<String> channels = addresses();

        List<String> undocumented = subjects().stream()
                .filter(s -> !s.startsWith(Subjects.ROOT + ".query."))
                .filter(subject -> channels.stream().noneMatch(address -> covers(subject, address)))
                .toList();

        assertThat(undocumented).isEmpty();
    }

    @Test
    void everyQueryIsNamedInTheQueryChannel() throws IOException {
        String doc = Files.readString(DOC);
        List<String> missing = subjects().stream()
                .filter(s -> s.startsWith(Subjects.ROOT + ".query."))
                .map(s -> s.substring((Subjects.ROOT + ".query.").length()))
                .filter(what -> !doc.contains(what))
                .toList();

        assertThat(missing).isEmpty();
    }

    @Test
    void everyChannelIsASubjectOfTheCode() throws IOException {
        List<String> subjects = subjects();

        List<String> unused = addresses().stream()
                .filter(address -> subjects.stream().noneMatch(subject -> covers(subject, address)))
                .toList();

        assertThat(unused).isEmpty();
    }

    private static List<String> addresses() throws IOException {
        Matcher m = ADDRESS.matcher(Files.readString(DOC));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Every subject (or subject pattern) {@link Subjects} names, and those its methods make for sample arguments. */
    private static List<String> subjects() {
        List<String> all = new ArrayList<>(Arrays.stream(Subjects.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(AsyncApiDocumentTest::value)
                .filter(v -> v.startsWith(Subjects.ROOT + ".") || v.startsWith("$JS.EVENT."))
                .toList());
        all.add(Subjects.exec("local"));
        all.add(Subjects.actionEvent("succeeded", "file.read"));
        all.add(Subjects.nodeResult("succeeded", "file.read", "local"));
        return all;
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a subject (pattern) of the code and a channel address name the same messages, or some of them. */
    private static boolean covers(String subject, String address) {
        if (subject.endsWith(".>")) {
            return address.startsWith(subject.substring(0, subject.length() - 1));
        }
        return pattern(address).matcher(concrete(subject)).matches();
    }

    /** A subject pattern as one subject it covers: a wildcard stands for a token. */
    private static String concrete(String subject) {
        return subject.replace(".>", ".x").replace(".*.", ".x.").replaceAll("\\.\\*$", ".x");
    }

    /** A channel address as a pattern: a {parameter} stands for one or more tokens. */
    private static Pattern pattern(String address) {
        StringBuilder regex = new StringBuilder();
        for (String part : address.split("\\{[^}]+}", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^ ]+");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
