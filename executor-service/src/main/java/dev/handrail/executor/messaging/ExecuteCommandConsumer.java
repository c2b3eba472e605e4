package dev.handrail.executor.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.bus.Delivery;
import dev.handrail.bus.DurableSpec;
import dev.handrail.bus.logging.LogContext;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.executor.execution.CommandExecutor;
import dev.handrail.executor.node.ExecutorProperties;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.opentelemetry.context.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes this node's execute commands from JetStream (durable {@code executor-<node>}, at most
 * {@code concurrency} in flight) and runs each on its own virtual thread, never on the NATS
 * thread, telling JetStream every few seconds that long work is still going; the kill-switch feed
 * is started first, so an engaged scope is known before the first command. The command is
 * acknowledged once its last event is stored. On shutdown the running commands are interrupted
 * (their processes killed) and given a moment to report. The set of running threads is
 * concurrent, so the class is safe across the NATS and worker threads.
 */
@Singleton
public class ExecuteCommandConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ExecuteCommandConsumer.class);
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(8);
    private static final int MAX_DELIVER = 5;

    private final Bus bus;
    private final CommandExecutor executor;
    private final ExecutorProperties properties;
    private final KillSwitchFeed killSwitchFeed;
    private final RunCancelFeed runCancelFeed;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "execute-progress");
        t.setDaemon(true);
        return t;
    });

    public ExecuteCommandConsumer(
            Bus bus,
            CommandExecutor executor,
            ExecutorProperties properties,
            KillSwitchFeed killSwitchFeed,
            RunCancelFeed runCancelFeed) {
        this.bus = bus;
        this.executor = executor;
        this.properties = properties;
        this.killSwitchFeed = killSwitchFeed;
        this.runCancelFeed = runCancelFeed;
    }

    @EventListener
    void start(StartupEvent event) {
        String node = properties.getNodeId();
        int concurrency = Math.max(1, properties.getConcurrency());
        killSwitchFeed.start();
        runCancelFeed.start();
        bus.consume(
                new DurableSpec(
                        Subjects.STREAM_COMMANDS,
                        Subjects.durableExecutor(node),
                        Subjects.exec(node),
                        ACK_WAIT,
                        MAX_DELIVER,
                        concurrency,
                        concurrency),
                this::handle);
        LOG.info("Node {} takes execute commands on {} ({} at a time)", node, Subjects.exec(node), concurrency);
    }

    CompletionStage<?> handle(Envelope envelope, Delivery delivery) {
        ExecuteCommand command;
        try {
            command = envelope.message(ExecuteCommand.class);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Dropping {} {} on {}: not an execute command ({})",
                    envelope.type(),
                    envelope.id(),
                    delivery.subject(),
                    e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        long deliveries = delivery.deliveredCount();
        Map<String, String> logContext = LogContext.capture();
        Thread worker = Thread.ofVirtual()
                .name("execute-" + command.actionId())
                .unstarted(Context.current().wrap(() -> {
                    try (LogContext about = LogContext.restore(logContext)) {
                        executor.execute(
                                command, deliveries, new BusEventPublisher(bus, envelope, properties.getNodeId()));
                        done.complete(null);
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    } finally {
                        running.remove(Thread.currentThread());
                    }
                }));
        running.add(worker);
        ScheduledFuture<?> ticking = progress.scheduleAtFixedRate(
                delivery::inProgress, PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        done.whenComplete((ignored, failure) -> ticking.cancel(false));
        worker.start();
        return done;
    }

    /** Interrupts running commands and waits briefly for them to report, before the bus drains and closes. */
    @PreDestroy
    void stop() {
        running.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Thread thread : running) {
            try {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        progress.shutdownNow();
    }
}
