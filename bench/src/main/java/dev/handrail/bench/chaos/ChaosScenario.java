package dev.handrail.bench.chaos;

/**
 * One fault injected into the running system while agents plan: the harness runs the load, calls
 * {@link #inject} after the budget's time before the fault, keeps the load going for the time
 * after, and counts what happened to every accepted plan ({@link ChaosRun}).
 */
interface ChaosScenario {

    /** The scenario's number in {@code docs/reliability.md} (and for {@code --only}). */
    int number();

    /** A short name, e.g. {@code audit killed}. */
    String title();

    /** The fault, as the row states it. */
    String fault();

    /** What the agents plan meanwhile. */
    default Mix mix() {
        return Mix.STANDARD;
    }

    /** The nats-servers the scenario's system runs on: one, or a cluster. */
    default int natsServers() {
        return 1;
    }

    /** Injects the fault and returns once it is over (a process started again, a switch released). */
    Fault inject(ChaosContext context) throws Exception;

    /**
     * What this scenario promises beyond the common columns, checked once every accepted plan
     * settled: what it saw, and the broken promises (none when all hold).
     */
    default Checked check(ChaosContext context, Settled settled, Fault fault) {
        return Checked.NOTHING;
    }
}
