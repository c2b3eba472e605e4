package dev.handrail.bench.chaos;

import dev.handrail.contracts.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * 8. The global kill switch is engaged mid-load, held, and released: nothing starts between the
 * switch's answer and its release, what runs is aborted, plans meanwhile are denied, and work
 * resumes after the release (time to recover is measured from the release).
 */
final class KillSwitchEngaged implements ChaosScenario {

    private static final Mix MIX = new Mix(15, 0, 2);

    @Override
    public int number() {
        return 8;
    }

    @Override
    public String title() {
        return "kill switch engaged";
    }

    @Override
    public String fault() {
        return "engage the global kill switch while effects of " + MIX.effectSleepSeconds()
                + " s run, hold it, release it";
    }

    @Override
    public Mix mix() {
        return MIX;
    }

    @Override
    public Fault inject(ChaosContext context) {
        Instant asked = Instant.now();
        switchTo(context, true);
        Instant engaged = Instant.now();
        ChaosRun.sleep(context.budget().before());
        switchTo(context, false);
        Instant released = Instant.now();
        return new Fault(
                engaged,
                released,
                released,
                List.of("engaged in " + Duration.between(asked, engaged).toMillis() + " ms, held "
                        + Duration.between(engaged, released).toSeconds() + " s"));
    }

    private static void switchTo(ChaosContext context, boolean engaged) {
        context.post("/v1/kill-switch", Map.of("scope", "global", "engaged", engaged, "reason", "chaos scenario"))
                .expect(200);
    }

    /** Nothing may start from the switch's answer until its release; count what was aborted and denied. */
    @Override
    public Checked check(ChaosContext context, Settled settled, Fault fault) {
        Instant engaged = fault.injectedAt();
        List<String> startedUnderSwitch = settled.accepted().stream()
                .filter(a -> {
                    Ledger.Stored executing = settled.ledger().of(a.actionId()).get("executing");
                    return executing != null
                            && executing.first().isAfter(engaged)
                            && executing.first().isBefore(fault.recoverFrom());
                })
                .map(AgentLoad.Accepted::actionId)
                .toList();
        long aborted = settled.accepted().stream()
                .filter(a -> settled.ledger()
                        .failure(a.actionId())
                        .filter(ErrorCode.ABORTED_BY_KILL_SWITCH.code()::equals)
                        .isPresent())
                .count();
        long denied = settled.accepted().stream()
                .filter(a -> settled.ledger().of(a.actionId()).containsKey("denied"))
                .count();
        return new Checked(
                List.of(aborted + " running actions aborted", denied + " plans denied while it was engaged"),
                startedUnderSwitch.isEmpty()
                        ? List.of()
                        : List.of(startedUnderSwitch.size() + " actions started while the switch was engaged, e.g. "
                                + startedUnderSwitch.get(0)));
    }
}
