package dev.handrail.bench.chaos;

import dev.handrail.contracts.Subjects;
import dev.handrail.devkit.LocalNatsCluster;
import java.time.Duration;
import java.time.Instant;

/**
 * 9. On a cluster of three nats-servers (every stream replicated on each), the server leading the
 * commands stream is killed (SIGKILL) mid-load and started again on its store a few seconds later:
 * the others elect a new leader, the services' connections move to a live server, and every
 * publish in flight is sent again with the same de-duplication id.
 */
final class ClusterLeaderLost implements ChaosScenario {

    private static final int SERVERS = 3;
    /** How long the killed server stays down before it is started again. */
    private static final Duration DOWN = Duration.ofSeconds(5);

    @Override
    public int number() {
        return 9;
    }

    @Override
    public String title() {
        return "NATS cluster leader lost";
    }

    @Override
    public String fault() {
        return "SIGKILL the nats-server leading " + Subjects.STREAM_COMMANDS + " in a cluster of " + SERVERS + " (R"
                + SERVERS + "); start it again after " + DOWN.toSeconds() + " s";
    }

    @Override
    public int natsServers() {
        return SERVERS;
    }

    @Override
    public Fault inject(ChaosContext context) {
        LocalNatsCluster cluster =
                context.system().local().infrastructure().natsCluster().orElseThrow();
        String leader = cluster.streamLeader(Subjects.STREAM_COMMANDS);
        int victim = cluster.indexOf(leader);
        Instant at = Instant.now();
        cluster.kill(victim);
        ChaosRun.sleep(DOWN);
        cluster.restart(victim);
        return Fault.since(
                at,
                "killed " + leader + ", the leader of " + Subjects.STREAM_COMMANDS + "; started again after "
                        + Duration.between(at, Instant.now()).toMillis() + " ms");
    }
}
