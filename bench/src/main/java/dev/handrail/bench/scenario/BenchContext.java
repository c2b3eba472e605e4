package dev.handrail.bench.scenario;

import dev.handrail.bench.baseline.NatsBaselines;
import dev.handrail.bench.load.ClosedLoop;
import dev.handrail.bench.load.HttpLoadClient;
import dev.handrail.bench.stats.Measurement;
import dev.handrail.bench.system.AuditDb;
import dev.handrail.bench.system.Backlog;
import dev.handrail.bench.system.CpuMeter;
import dev.handrail.bench.system.SystemUnderTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every scenario of one run shares: the system under test, the HTTP and NATS clients, the
 * budget, the CPU meter, the backlog and audit readers, and the baselines measured so far. Used
 * from the harness's one driving thread.
 */
public final class BenchContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BenchContext.class);
    /** Clients of the throughput loads. */
    public static final int CLIENTS = 64;

    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    private final SystemUnderTest system;
    private final Budget budget;
    private final HttpLoadClient http = new HttpLoadClient(256);
    private final NatsBaselines nats;
    private final Backlog backlog;
    private final AuditDb audit;
    private final CpuMeter cpu;
    private final Map<String, Measurement> baselines = new LinkedHashMap<>();

    public BenchContext(SystemUnderTest system, Budget budget) {
        this.system = system;
        this.budget = budget;
        this.nats = NatsBaselines.start(system.natsUrl());
        this.backlog = new Backlog(nats.requester());
        this.audit = new AuditDb(system.jdbcUrl());
        this.cpu = new CpuMeter(system::components);
    }

    public SystemUnderTest system() {
        return system;
    }

    public Budget budget() {
        return budget;
    }

    public HttpLoadClient http() {
        return http;
    }

    public NatsBaselines nats() {
        return nats;
    }

    public Backlog backlog() {
        return backlog;
    }

    public AuditDb audit() {
        return audit;
    }

    public CpuMeter cpu() {
        return cpu;
    }

    /** The usual load shape with {@code clients} clients and the budget's windows. */
    public ClosedLoop.Shape shape(int clients) {
        return new ClosedLoop.Shape(clients, budget.warmUp(), budget.measure(), budget.maxCalls());
    }

    /** Keeps a baseline for the scenarios that compare with it. */
    public Measurement remember(String key, Measurement baseline) {
        baselines.put(key, baseline);
        LOG.info("{}", Runs.describe(baseline));
        return baseline;
    }

    /** A baseline measured earlier in this run. */
    public Measurement baseline(String key) {
        Measurement m = baselines.get(key);
        if (m == null) {
            throw new IllegalStateException("Baseline " + key + " was not measured");
        }
        return m;
    }

    public List<Measurement> baselines() {
        return List.copyOf(baselines.values());
    }

    /** Waits until the system has done everything it was given; how long that took, or the timeout. */
    public Duration drain() {
        return backlog.awaitDrained(DRAIN_TIMEOUT).orElseGet(() -> {
            LOG.warn(
                    "The system still had {} messages to do after {} s",
                    backlog.outstanding(),
                    DRAIN_TIMEOUT.toSeconds());
            return DRAIN_TIMEOUT;
        });
    }

    @Override
    public void close() {
        http.close();
        audit.close();
        nats.close();
    }
}
