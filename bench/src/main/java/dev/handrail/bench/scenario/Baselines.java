package dev.handrail.bench.scenario;

import dev.handrail.bench.baseline.BareJvm;
import dev.handrail.bench.baseline.JdbcBaseline;
import dev.handrail.bench.load.ClosedLoop;
import dev.handrail.bench.load.HttpLoadClient;
import dev.handrail.bench.workload.SyntheticActions;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.Envelope;

/**
 * The raw limits of this machine, measured in the same run as the scenarios that are compared
 * with them: a bare Micronaut endpoint (its own JVM, like the gateway) under the same HTTP load generator, NATS request-reply to
 * an echo responder, JetStream publish with ack, and JDBC batch inserts of rows like the audit
 * store's, on the system's own nats-server and PostgreSQL.
 */
public final class Baselines {

    public static final String BARE_64 = "bare Micronaut endpoint GET /ping, 64 clients";
    public static final String BARE_16 = "bare Micronaut endpoint GET /ping, 16 clients";
    public static final String NATS_RR_1 = "raw NATS request-reply, sequential";
    public static final String NATS_RR_64 = "raw NATS request-reply, 64 in flight";
    public static final String JS_PUBLISH = "raw JetStream publish with ack, 64 in flight";
    public static final String JDBC = "raw JDBC batch insert of event rows, 512 a batch (rows)";
    static final int JDBC_BATCH = 512;

    private Baselines() {}

    /** The request every NATS request-reply load sends: a plan as the gateway sends it to policy. */
    static byte[] planPayload() {
        return Json.bytes(SyntheticActions.plan("bench-agent"));
    }

    /** Measures every baseline and keeps it in the context. */
    public static void measure(BenchContext context) {
        HttpLoadClient http = context.http();
        try (BareJvm bare = BareJvm.start(http)) {
            ClosedLoop.Call ping = () -> http.get(bare.url(), null).expect(200) != null;
            ClosedLoop.Shape shape = context.shape(BenchContext.CLIENTS);
            ClosedLoop.Shape warmer = new ClosedLoop.Shape(
                    shape.clients(), shape.warmUp().multipliedBy(2), shape.measure(), shape.maxCalls());
            context.remember(BARE_64, ClosedLoop.run(BARE_64, warmer, () -> ping, ClosedLoop.Probe.NONE));
            context.remember(BARE_16, ClosedLoop.run(BARE_16, context.shape(16), () -> ping, ClosedLoop.Probe.NONE));
        }
        byte[] plan = planPayload();
        context.remember(
                NATS_RR_1, context.nats().requestReply(NATS_RR_1, context.shape(1), plan, ClosedLoop.Probe.NONE));
        context.remember(
                NATS_RR_64,
                context.nats()
                        .requestReply(NATS_RR_64, context.shape(BenchContext.CLIENTS), plan, ClosedLoop.Probe.NONE));
        byte[] command = Envelope.of("/handrail/bench", SyntheticActions.plan("bench-agent"), "bench-agent", "bench")
                .toBytes();
        context.remember(
                JS_PUBLISH,
                context.nats()
                        .jetStreamPublish(
                                JS_PUBLISH,
                                BenchContext.CLIENTS,
                                context.budget().warmUp(),
                                context.budget().measure(),
                                context.budget().maxCalls(),
                                command));
        context.remember(
                JDBC,
                JdbcBaseline.run(
                        JDBC,
                        context.system().jdbcUrl(),
                        context.budget().jdbcRows() / 5,
                        context.budget().jdbcRows(),
                        JDBC_BATCH));
    }
}
