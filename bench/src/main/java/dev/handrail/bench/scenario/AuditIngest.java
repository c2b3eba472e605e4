package dev.handrail.bench.scenario;

import dev.handrail.bench.report.Comparison;
import dev.handrail.bench.report.ScenarioResult;
import dev.handrail.bench.stats.Goal;
import dev.handrail.bench.stats.Measurement;
import dev.handrail.bench.stats.Numbers;
import dev.handrail.bench.workload.SyntheticActions;
import dev.handrail.contracts.message.Envelope;
import io.nats.client.JetStream;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The audit store's ingestion: feed events shaped like a safe action's five, published straight
 * onto the feed (JetStream, {@code Nats-Msg-Id} set as the services set it) as fast as JetStream
 * takes them, and the rate at which the audit store makes them durable (dedupe, chain, hash,
 * projection), read from {@code max(seq)} of its table. Compared with raw JDBC batch inserts of
 * rows like its rows.
 */
public final class AuditIngest implements Scenario {

    static final String NAME = "audit events stored (from the feed)";
    static final int IN_FLIGHT = 1024;
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** How one push went: the events stored, when the last was, and how long the publishing took. */
    record Push(long stored, Duration took, Duration publishing) {}

    @Override
    public ScenarioResult run(BenchContext context) {
        int actions = context.budget().feedActions();
        push(context, SyntheticActions.lifecycles(Math.max(100, actions / 10)), false);
        List<SyntheticActions.FeedEvent> events = SyntheticActions.lifecycles(actions);
        Push push = push(context, events, true);
        Map<String, Double> cores = context.cpu().cores();
        Measurement stored = Measurement.rate(NAME, push.stored(), events.size() - push.stored(), push.took());
        Measurement jdbc = context.baseline(Baselines.JDBC);
        context.drain();
        return new ScenarioResult(
                "audit_store",
                "Audit events stored per second",
                List.of(stored),
                List.of(Comparison.of(
                        "throughput",
                        "events/s",
                        stored.perSecond(),
                        "raw JDBC batch insert",
                        jdbc.perSecond(),
                        Goal.ratioAtLeast(0.60))),
                cores,
                List.of(
                        events.size() + " events (" + actions + " synthetic safe actions) published in "
                                + Numbers.compact(push.publishing().toMillis() / 1000.0) + " s ("
                                + Numbers.compact(
                                        events.size() / (push.publishing().toNanos() / 1e9))
                                + " events/s onto the feed), all stored after "
                                + Numbers.compact(push.took().toMillis() / 1000.0)
                                + " s; the rate is events stored over that time.",
                        "Health and the gateway's feed tap consume the same events meanwhile, as they would in production."));
    }

    private static Push push(BenchContext context, List<SyntheticActions.FeedEvent> events, boolean measured) {
        long target = context.audit().maxSeq() + events.size();
        JetStream js;
        try {
            js = context.nats().requester().jetStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long start = System.nanoTime();
        if (measured) {
            context.cpu().measuringStarts();
        }
        Semaphore window = new Semaphore(IN_FLIGHT);
        LongAdder failed = new LongAdder();
        Thread publisher = Thread.ofPlatform().name("feed-publisher").start(() -> {
            for (SyntheticActions.FeedEvent event : events) {
                Envelope env = event.envelope();
                window.acquireUninterruptibly();
                js.publishAsync(event.subject(), new Headers().put("Nats-Msg-Id", env.id()), env.toBytes())
                        .whenComplete((ack, e) -> {
                            if (e != null) {
                                failed.increment();
                            }
                            window.release();
                        });
            }
            window.acquireUninterruptibly(IN_FLIGHT);
        });
        long published = 0;
        long seq = 0;
        long deadline = start + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            seq = context.audit().maxSeq();
            if (published == 0 && !publisher.isAlive()) {
                published = System.nanoTime();
            }
            if (seq >= target) {
                break;
            }
            pause();
        }
        long end = System.nanoTime();
        if (measured) {
            context.cpu().measuringEnds();
        }
        join(publisher);
        long publishedAt = published == 0 ? System.nanoTime() : published;
        long stored = Math.min(events.size(), events.size() - Math.max(0, target - seq));
        return new Push(stored, Duration.ofNanos(end - start), Duration.ofNanos(publishedAt - start));
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> profiled() {
        return List.of("audit-service");
    }

    @Override
    public void rerun(BenchContext context, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            push(
                    context,
                    SyntheticActions.lifecycles(Math.max(100, context.budget().feedActions() / 4)),
                    false);
        }
    }
}
