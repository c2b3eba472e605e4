package dev.handrail.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test profile of {@code ./handrail chaos}: the fast fault scenarios ({@link Chaos#QUICK}) with
 * the quick budget's small load, on durable systems of real processes (a 3-server NATS cluster for
 * scenario 9); every row must show
 * nothing lost, run twice, stored twice or missing from the chain, recover, and keep its own
 * promises. The rows are written to {@code target/reliability-quick.md} for a look after a failure.
 */
class ChaosIT {

    /**
     * Every quick scenario accepts and settles plans again well within this (a restart of a service
     * takes up to about 20 s on a busy machine); the executor used to need 90 s after a restart of
     * nats-server, until the bus's pulls expired sooner.
     */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

    @Test
    void faultsUnderLoadLoseNothingRunNothingTwiceAndLeaveTheChainWhole() throws IOException {
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        Instant started = Instant.now();
        long t0 = System.nanoTime();

        List<ChaosRow> rows = Chaos.run(repo, ChaosBudget.quick(), Chaos.QUICK);

        Files.writeString(
                repo.resolve("bench/target/reliability-quick.md"),
                ChaosReport.render(rows, "quick", started, (System.nanoTime() - t0) / 1e9));
        assertThat(rows).extracting(ChaosRow::number).containsExactlyInAnyOrderElementsOf(Chaos.QUICK);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.accepted()).as("%s: plans accepted", row.title()).isPositive();
            assertThat(row.lost()).as("%s: lost", row.title()).isZero();
            assertThat(row.executedTwice())
                    .as("%s: executed twice", row.title())
                    .isZero();
            assertThat(row.storedTwice()).as("%s: stored twice", row.title()).isZero();
            assertThat(row.gaps()).as("%s: chain gaps", row.title()).isZero();
            assertThat(row.recovery())
                    .as("%s: recovered", row.title())
                    .isNotNull()
                    .isLessThan(RECOVERY_BOUND);
            assertThat(row.violations()).as("%s: its own promises", row.title()).isEmpty();
            assertThat(row.clean()).isTrue();
        });
    }
}
