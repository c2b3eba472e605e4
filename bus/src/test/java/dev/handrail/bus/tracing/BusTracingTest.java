package dev.handrail.bus.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.bus.Bus;
import dev.handrail.bus.DurableSpec;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.devkit.Infrastructure;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The trace context crosses the bus: headers and envelope on publish, a child span on consume. */
class BusTracingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<SpanData> ENDED = new CopyOnWriteArrayList<>();
    private static Connection connection;
    private static Bus bus;
    private static OpenTelemetrySdk sdk;

    @BeforeAll
    static void connect() throws Exception {
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(new Collecting()))
                        .build())
                .build();
        Tracing.use(sdk);
        connection = Nats.connect(Infrastructure.shared().natsUrl());
        bus = new Bus(connection, "/handrail/test/tracing");
        bus.provision();
    }

    @AfterAll
    static void close() throws InterruptedException {
        bus.close();
        connection.close();
        sdk.close();
    }

    @Test
    void aConsumedMessageIsHandledInAChildOfTheSpanThatPublishedIt() {
        String node = "bus-trace-child";
        List<SpanContext> handledIn = new CopyOnWriteArrayList<>();
        List<Envelope> received = new CopyOnWriteArrayList<>();
        List<String> mdcTraceIds = new CopyOnWriteArrayList<>();
        bus.consume(
                DurableSpec.of(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node), Subjects.exec(node)),
                (envelope, delivery) -> {
                    handledIn.add(Span.current().getSpanContext());
                    received.add(envelope);
                    mdcTraceIds.add(String.valueOf(MDC.get("trace_id")));
                    return CompletableFuture.completedFuture(null);
                });

        Span sender = Tracing.tracer().spanBuilder("send").startSpan();
        try (Scope ignored = sender.makeCurrent()) {
            bus.publish(Subjects.exec(node), execute(node)).join();
        } finally {
            sender.end();
        }

        await().atMost(WAIT).until(() -> !handledIn.isEmpty());
        SpanContext handling = handledIn.getFirst();
        assertThat(handling.getTraceId()).isEqualTo(sender.getSpanContext().getTraceId());
        assertThat(handling.getSpanId()).isNotEqualTo(sender.getSpanContext().getSpanId());
        assertThat(received.getFirst().traceparent()).isEqualTo(Tracing.traceparent(sender.getSpanContext()));
        assertThat(mdcTraceIds).containsExactly(sender.getSpanContext().getTraceId());
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ENDED)
                        .filteredOn(s -> s.getSpanId().equals(handling.getSpanId()))
                        .singleElement()
                        .satisfies(s -> {
                            assertThat(s.getParentSpanId())
                                    .isEqualTo(sender.getSpanContext().getSpanId());
                            assertThat(s.getName())
                                    .isEqualTo("handle " + received.getFirst().type());
                        }));
    }

    @Test
    void thePublishedMessageCarriesTraceparentInItsHeaders() throws Exception {
        String node = "bus-trace-header";
        String subject = Subjects.exec(node);
        JetStreamSubscription tap = connection
                .jetStream()
                .subscribe(subject, PullSubscribeOptions.builder().build());
        Span sender = Tracing.tracer().spanBuilder("send").startSpan();
        try (Scope ignored = sender.makeCurrent()) {
            bus.publish(subject, execute(node)).join();
        } finally {
            sender.end();
        }

        List<Message> messages = tap.fetch(1, WAIT);
        tap.unsubscribe();

        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().getHeaders().getFirst(Tracing.TRACEPARENT))
                .isEqualTo(Tracing.traceparent(sender.getSpanContext()));
        assertThat(Envelope.parse(messages.getFirst().getData()).traceparent())
                .isEqualTo(Tracing.traceparent(sender.getSpanContext()));
    }

    @Test
    void aMessageWithoutTraceContextStartsANewTraceAndIsHandled() {
        String node = "bus-trace-none";
        List<SpanContext> handledIn = new CopyOnWriteArrayList<>();
        bus.consume(
                DurableSpec.of(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node), Subjects.exec(node)),
                (envelope, delivery) -> {
                    handledIn.add(Span.current().getSpanContext());
                    return CompletableFuture.completedFuture(null);
                });
        assertThat(Span.current().getSpanContext().isValid()).isFalse();

        Envelope plain = execute(node);
        bus.publish(Subjects.exec(node), plain).join();

        await().atMost(WAIT).until(() -> !handledIn.isEmpty());
        SpanContext handling = handledIn.getFirst();
        assertThat(handling.isValid()).isTrue();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ENDED)
                        .filteredOn(s -> s.getSpanId().equals(handling.getSpanId()))
                        .singleElement()
                        .satisfies(s ->
                                assertThat(s.getParentSpanContext().isValid()).isFalse()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(connection
                                .jetStreamManagement()
                                .getConsumerInfo(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node))
                                .getNumAckPending())
                        .isZero());
    }

    @Test
    void aMessageCausedByATracedOneStaysInItsTraceWhenPublishedWithoutACurrentSpan() {
        String node = "bus-trace-caused";
        List<SpanContext> handledIn = new CopyOnWriteArrayList<>();
        bus.consume(
                DurableSpec.of(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node), Subjects.exec(node)),
                (envelope, delivery) -> {
                    handledIn.add(Span.current().getSpanContext());
                    return CompletableFuture.completedFuture(null);
                });
        String upstream = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Envelope cause = execute("elsewhere").withTraceparent(upstream);

        bus.publish(Subjects.exec(node), Envelope.causedBy(cause, "/test", cause.message()))
                .join();

        await().atMost(WAIT).until(() -> !handledIn.isEmpty());
        assertThat(handledIn.getFirst().getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }

    static Envelope execute(String node) {
        return Envelope.of(
                "/test",
                new ExecuteCommand(
                        dev.handrail.contracts.action.ActionIds.next(),
                        "file.read",
                        Map.of("path", "a"),
                        node,
                        1000,
                        0,
                        "h",
                        "s",
                        "p"),
                "p",
                "s");
    }

    /** Keeps every ended span. */
    private static final class Collecting implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            ENDED.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
