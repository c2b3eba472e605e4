package dev.handrail.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.audit.Lifecycles;
import dev.handrail.audit.TestDatabase;
import dev.handrail.audit.TestKeys;
import dev.handrail.audit.chain.CheckpointRecords;
import dev.handrail.audit.chain.SigningKey;
import dev.handrail.audit.store.EventAppender;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command-line verifier on exports in the format GET /v1/audit/export writes, with no service running. */
class VerifyCommandTest {

    private static TestDatabase db;
    private static List<String> export;
    private static SigningKey key;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    @BeforeAll
    static void exportAStore() {
        db = TestDatabase.create("audit_cli");
        EventAppender appender = db.appender(10);
        for (int i = 0; i < 7; i++) {
            appender.append(Lifecycles.succeeded(ActionIds.next(), "s-1").stream()
                    .map(e -> Lifecycles.incoming(e))
                    .toList());
        }
        key = new CheckpointRecords(db.service()).keys().getFirst();
        export = export(1);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static List<String> export(long fromSeq) {
        return ExportLines.of(db.service(), fromSeq);
    }

    private int verify(List<String> lines, String... options) throws IOException {
        Path file = Files.write(dir.resolve("export.jsonl"), lines);
        List<String> args = new ArrayList<>(List.of(options));
        args.add(file.toString());
        CommandLine command = new CommandLine(new VerifyCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(out));
        return command.execute(args.toArray(String[]::new));
    }

    private Path trustedKeyFile() throws IOException {
        return Files.writeString(
                dir.resolve("key.json"),
                "{\"ok\":true,\"keys\":[" + Json.mapper().writeValueAsString(key) + "]}");
    }

    @Test
    void intactExportVerifiesWithTheTrustedKey() throws IOException {
        int status = verify(export, "--public-key", trustedKeyFile().toString());

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains(
                        "OK: 35 events verified (seq 1..35), 3 signed checkpoints verified",
                        "last checkpoint at seq 30")
                .doesNotContain("Note:");
    }

    @Test
    void pemKeyIsTrustedToo() throws IOException {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + key.publicKey() + "\n-----END PUBLIC KEY-----\n";
        Path file = Files.writeString(dir.resolve("key.pem"), pem);

        assertThat(verify(export, "--public-key", file.toString())).isZero();
    }

    @Test
    void changedByteNamesItsSeq() throws IOException {
        List<String> tampered = new ArrayList<>(export);
        int line = indexOfEvent(17);
        tampered.set(line, tampered.get(line).replace("/handrail/test/1", "/handrail/test/2"));

        int status = verify(tampered);

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("BROKEN at seq 17 (CHAIN_BROKEN)");
    }

    @Test
    void removedTailIsTruncationAgainstTheLastCheckpoint() throws IOException {
        List<String> cut = new ArrayList<>(export.subList(0, indexOfEvent(26)));
        cut.add("{\"kind\":\"end\",\"from_seq\":1,\"events\":25,\"head_seq\":25}");

        int status = verify(cut, "--json");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("\"problem\":\"TRUNCATED\"", "\"broken_seq\":26");
    }

    @Test
    void exportCutShortInTransitIsIncomplete() throws IOException {
        int status = verify(export.subList(0, export.size() - 1));

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("INCOMPLETE_EXPORT");
    }

    @Test
    void checkpointsSignedByAnotherKeyThanTheTrustedOneAreRefused() throws IOException {
        String other =
                Base64.getEncoder().encodeToString(TestKeys.pair().getPublic().getEncoded());
        Path file = Files.writeString(dir.resolve("other.pub"), other);

        int status = verify(export, "--public-key", file.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("UNKNOWN_KEY");
    }

    @Test
    void exportFromTheMiddleVerifiesFromItsFirstLink() throws IOException {
        int status = verify(export(12));

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("24 events verified (seq 12..35)", "Note: the signing keys were taken from the export");
    }

    @Test
    void textThatIsNoExportIsAnInputError() throws IOException {
        assertThat(verify(List.of("{\"kind\":\"export\",\"format\":\"something.else\"}")))
                .isEqualTo(2);
        assertThat(verify(List.of("not json"))).isEqualTo(2);
    }

    private static int indexOfEvent(long seq) {
        for (int i = 0; i < export.size(); i++) {
            if (export.get(i).startsWith("{\"kind\":\"event\",\"seq\":" + seq + ",")) {
                return i;
            }
        }
        throw new IllegalArgumentException("no event " + seq);
    }
}
