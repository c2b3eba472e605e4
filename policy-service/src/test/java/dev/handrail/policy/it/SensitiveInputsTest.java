package dev.handrail.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ContentHash;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.DecideCommand.Verdict;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.policy.action.PolicyActionStore;
import dev.handrail.policy.approval.ApprovalDesk;
import dev.handrail.policy.approval.ApprovalSweeper;
import dev.handrail.policy.jdbc.Database;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Policy keeps a sensitive input only beside a pending approval, and only the execute command carries it on. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SensitiveInputsTest extends TappedPolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    PolicyActionStore actions;

    @Inject
    ApprovalDesk desk;

    @Inject
    ApprovalSweeper sweeper;

    @Inject
    Database database;

    @Test
    void keepsThePendingContentOnlyBesideTheApprovalAndShowsItToTheOperatorDecidingOnIt() {
        String marker = marker();
        String id = pendingFileWrite(marker);

        ActionPlanned planned = tap.messages(id, ActionPlanned.class).get(0);
        assertThat(planned.params().get("content")).isEqualTo(SensitiveParams.digest(marker));
        assertThat(tap.about(id))
                .allSatisfy(seen -> assertThat(text(seen.envelope())).doesNotContain(marker));
        assertThat(storedParams(id))
                .doesNotContain(marker)
                .contains(SensitiveParams.digest(marker).get("sha256").toString());
        assertThat(actions.inputs(id)).isEqualTo(Map.of("content", marker));

        JsonNode approval =
                driver.ask(Subjects.QUERY_APPROVAL, new ByIdQuery(id)).data();
        assertThat(approval.get("pending_inputs").get("content").asText()).isEqualTo(marker);
        assertThat(approval.get("params").get("content").get("sha256").asText())
                .isEqualTo(SensitiveParams.digest(marker).get("sha256"));
        String list = driver.ask(Subjects.QUERY_APPROVALS, new ListQuery(Map.of("state", "pending"), 500))
                .data()
                .toString();
        assertThat(list).contains(id).doesNotContain(marker);
    }

    @Test
    void approvingSendsTheContentInTheExecuteCommandAloneAndForgetsIt() {
        String marker = marker();
        String id = pendingFileWrite(marker);

        driver.decide(id, Verdict.APPROVE, "alice");

        await().atMost(WAIT).untilAsserted(() -> assertThat(tap.kinds(id)).contains("ExecuteCommand"));
        ExecuteCommand execute = tap.messages(id, ExecuteCommand.class).get(0);
        assertThat(execute.params()).isEqualTo(Map.of("path", "/tmp/out.txt", "content", marker));
        assertThat(ContentHash.matches(execute)).isTrue();
        assertThat(tap.about(id))
                .filteredOn(seen -> !seen.subject().equals(Subjects.exec("local")))
                .allSatisfy(seen -> assertThat(text(seen.envelope())).doesNotContain(marker));
        assertThat(actions.inputs(id)).isEmpty();
        assertThat(driver.ask(Subjects.QUERY_APPROVAL, new ByIdQuery(id)).data().has("pending_inputs"))
                .isFalse();
    }

    @Test
    void aRedeliveredApprovalDoesNotSendAnExecuteCommandWithoutItsContent() {
        String id = pendingFileWrite(marker());
        List<Message> first = new CopyOnWriteArrayList<>();
        List<Message> again = new CopyOnWriteArrayList<>();
        DecideCommand approve = new DecideCommand(id, Verdict.APPROVE, "alice", null);

        desk.decide(approve, first::addAll);
        desk.decide(approve, again::addAll);

        assertThat(first)
                .extracting(m -> m.getClass().getSimpleName())
                .containsExactly("ActionApproved", "ExecuteCommand");
        assertThat(again)
                .singleElement()
                .isInstanceOfSatisfying(
                        DecisionRefused.class,
                        refused -> assertThat(refused.code()).isEqualTo("ALREADY_DECIDED"));
    }

    @Test
    void denyingForgetsTheContentAndARedeliveredPlanDoesNotBringItBack() {
        String marker = marker();
        String id = pendingFileWrite(marker);

        desk.decide(new DecideCommand(id, Verdict.DENY, "bob", null), messages -> {});
        actions.insertIfAbsent(actions.find(id).orElseThrow(), Map.of("content", marker));

        assertThat(actions.inputs(id)).isEmpty();
    }

    @Test
    void expiringForgetsTheContent() {
        String decidedLate = pendingFileWrite(marker());
        String swept = pendingFileWrite(marker());
        Instant later = Instant.now().plus(Duration.ofHours(1));

        desk.decide(new DecideCommand(decidedLate, Verdict.APPROVE, "alice", null), later, messages -> {});
        while (sweeper.sweep(later) > 0) {
            Thread.onSpinWait();
        }

        assertThat(actions.inputs(decidedLate)).isEmpty();
        assertThat(actions.inputs(swept)).isEmpty();
    }

    private String pendingFileWrite(String content) {
        String id = driver.send(Driver.plan("file.write", Map.of("path", "/tmp/out.txt", "content", content)));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.kinds(id))
                        .containsExactly("ActionPlanned", "ActionValidated", "ApprovalRequested"));
        return id;
    }

    private String storedParams(String id) {
        return database.autoCommit(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT params::text FROM policy_actions WHERE action_id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private static String marker() {
        return "MARKER-" + System.nanoTime();
    }

    private static String text(Object value) {
        return new String(Json.bytes(value), StandardCharsets.UTF_8);
    }
}
