package dev.handrail.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.DecideCommand.Verdict;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.contracts.policy.KillSwitchRequest;
import dev.handrail.contracts.query.Reply;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.policy.killswitch.KillSwitchBoard;
import dev.handrail.policy.killswitch.KillSwitchService;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The kill switch across two policy instances that share a database and NATS, and across a restart. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillSwitchPropagationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int ROUNDS = 20;

    private Map<String, Object> properties;
    private ApplicationContext one;
    private ApplicationContext two;
    private EventTap tap;
    private Driver driver;

    @BeforeAll
    void startTwoInstances() {
        properties = PolicyInstances.sharedDatabase(Map.of("handrail.policy.state-refresh-interval", "1h"));
        one = PolicyInstances.start(properties);
        two = PolicyInstances.start(properties);
    }

    @AfterAll
    void stopInstances() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    @BeforeEach
    void tapTheFeed() throws Exception {
        tap = new EventTap(Infrastructure.shared().natsUrl());
        driver = new Driver(one.getBean(Bus.class));
        driver.localNodeIsOnline();
    }

    @AfterEach
    void releaseEverythingAndCloseTheTap() {
        KillSwitchService service = one.getBean(KillSwitchService.class);
        for (String scope : List.of("global", "capability:file.write", "node:local")) {
            service.set(new KillSwitchRequest(scope, false, "test over", "admin"));
        }
        tap.close();
    }

    @Test
    void propagatesEngageAndReleaseToTheOtherInstanceWellUnderASecond() {
        KillSwitchService onOne = one.getBean(KillSwitchService.class);
        KillSwitchBoard onTwo = two.getBean(KillSwitchBoard.class);
        List<Long> micros = new ArrayList<>();

        for (int round = 0; round < ROUNDS; round++) {
            boolean engage = round % 2 == 0;
            long start = System.nanoTime();
            onOne.set(new KillSwitchRequest("capability:shell.run", engage, "round " + round, "admin"));
            await().atMost(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> onTwo.covering("shell.run", "local").isPresent() == engage);
            micros.add((System.nanoTime() - start) / 1_000);
        }

        Collections.sort(micros);
        long median = micros.get(micros.size() / 2);
        long max = micros.get(micros.size() - 1);
        System.out.printf(
                "Kill-switch propagation to a second policy instance over %d changes (store + publish + "
                        + "deliver): median %.1f ms, max %.1f ms%n",
                ROUNDS, median / 1000.0, max / 1000.0);
        assertThat(max).isLessThan(1_000_000);
    }

    @Test
    void deniesNewPlansInScopeWithKillSwitchWhicheverInstanceTakesThem() {
        one.getBean(KillSwitchService.class).set(new KillSwitchRequest("global", true, "incident 7", "admin"));
        await().atMost(WAIT)
                .until(() -> two.getBean(KillSwitchBoard.class)
                        .covering("file.read", "local")
                        .isPresent());

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(driver.send(Driver.plan("file.read", Map.of("path", "/tmp/a"))));
        }

        for (String id : ids) {
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(tap.kinds(id))
                            .containsExactly("ActionPlanned", "ActionValidated", "ActionDenied"));
            assertThat(tap.messages(id, ActionDenied.class).get(0).decision().reasons())
                    .containsExactly("kill_switch");
        }
    }

    @Test
    void announcesEachChangeOnTheFeed() {
        one.getBean(KillSwitchService.class).set(new KillSwitchRequest("node:local", true, "desk stolen", "admin"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.control(KillSwitchChanged.class))
                        .anySatisfy(change -> {
                            assertThat(change.scope()).isEqualTo("node:local");
                            assertThat(change.engaged()).isTrue();
                            assertThat(change.reason()).isEqualTo("desk stolen");
                            assertThat(change.changedBy()).isEqualTo("admin");
                        }));
    }

    @Test
    void refusesToApproveAPendingActionInScopeButStillLetsItBeDenied() {
        String id = driver.send(Driver.plan("file.write", Map.of("path", "/tmp/k.txt", "content", "x")));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.kinds(id))
                        .containsExactly("ActionPlanned", "ActionValidated", "ApprovalRequested"));
        one.getBean(KillSwitchService.class)
                .set(new KillSwitchRequest("capability:file.write", true, "stop writes", "admin"));
        await().atMost(WAIT)
                .until(() -> two.getBean(KillSwitchBoard.class)
                        .covering("file.write", "local")
                        .isPresent());

        driver.decide(id, Verdict.APPROVE, "alice");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.messages(id, DecisionRefused.class))
                        .singleElement()
                        .satisfies(refused -> assertThat(refused.code()).isEqualTo("KILL_SWITCH_ENGAGED")));
        assertThat(tap.kinds(id)).doesNotContain("ActionApproved", "ExecuteCommand");

        driver.decide(id, Verdict.DENY, "alice");

        await().atMost(WAIT).untilAsserted(() -> assertThat(tap.kinds(id)).contains("ActionDenied"));
    }

    @Test
    void survivesARestartOfEveryInstance() {
        one.getBean(KillSwitchService.class).set(new KillSwitchRequest("node:local", true, "maintenance", "admin"));
        one.close();
        two.close();

        one = PolicyInstances.start(properties);
        two = PolicyInstances.start(properties);
        driver = new Driver(one.getBean(Bus.class));

        for (ApplicationContext instance : List.of(one, two)) {
            assertThat(instance.getBean(KillSwitchBoard.class).covering("file.read", "local"))
                    .isPresent();
            Reply engaged = instance.getBean(KillSwitchService.class).engaged();
            assertThat(engaged.data().get("engaged").toString())
                    .contains("node:local")
                    .contains("maintenance");
        }
    }
}
