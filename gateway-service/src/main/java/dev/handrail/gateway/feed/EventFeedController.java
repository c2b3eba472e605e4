package dev.handrail.gateway.feed;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.EventQuery;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.auth.Role;
import dev.handrail.gateway.web.ApiException;
import dev.handrail.gateway.web.Passthrough;
import dev.handrail.gateway.web.Principals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /v1/events}: the stored events of the audit store, as pages ({@code GET /v1/events}) and
 * as a live Server-Sent Events stream ({@code GET /v1/events/stream}) that resumes from a seq
 * ({@code from_seq}, or the {@code Last-Event-ID} a reconnecting client sends) with nothing missed
 * or repeated. Each SSE event's id is the event's seq and its data the stored event as JSON; a
 * comment every 15 s keeps the connection open. No thread waits: pages are futures, the stream is
 * a Reactor publisher. The stream is open to agents too, holding only the events of the actions
 * they planned.
 */
@Controller("/v1/events")
public class EventFeedController {

    static final int MAX_LIMIT = 1000;

    private final ActionBus bus;
    private final EventPages pages;
    private final FeedHub hub;
    private final FeedConfig config;
    private final Scheduler scheduler = Schedulers.parallel();
    private final StreamPermits permits;

    public EventFeedController(ActionBus bus, EventPages pages, FeedHub hub, FeedConfig config) {
        this.bus = bus;
        this.pages = pages;
        this.hub = hub;
        this.permits = new StreamPermits(config.getMaxStreamsPerPrincipal());
        this.config = config;
    }

    @Get("{?from_seq,to_seq,limit,action_id,correlation_id,type,intent}")
    public CompletableFuture<HttpResponse<?>> list(
            @Nullable @QueryValue("from_seq") Long fromSeq,
            @Nullable @QueryValue("to_seq") Long toSeq,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue("action_id") String actionId,
            @Nullable @QueryValue("correlation_id") String correlationId,
            @Nullable @QueryValue String type,
            @Nullable @QueryValue String intent) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
        EventQuery query = new EventQuery(
                seq("from_seq", fromSeq),
                seq("to_seq", toSeq),
                limit == null ? 100 : limit,
                actionId,
                correlationId,
                type,
                intent,
                null);
        return bus.ask(Subjects.QUERY_EVENTS, query).thenApply(Passthrough::respond);
    }

    @Get(value = "/stream{?from_seq,type,action_id,intent}", produces = MediaType.TEXT_EVENT_STREAM)
    public HttpResponse<Publisher<Event<String>>> stream(
            HttpRequest<?> request,
            @Nullable @QueryValue("from_seq") Long fromSeq,
            @Nullable @Header("Last-Event-ID") String lastEventId,
            @Nullable @QueryValue String type,
            @Nullable @QueryValue("action_id") String actionId,
            @Nullable @QueryValue String intent) {
        long start = startSeq(fromSeq, lastEventId);
        String principal = Principals.of(request);
        // An operator sees every action's events; anyone else the events of the actions they planned.
        FeedFilter filter =
                FeedFilter.of(type, actionId, intent, Principals.caller(request).is(Role.OPERATOR) ? null : principal);
        if (!permits.tryAcquire(principal)) {
            throw new ApiException(
                    ErrorCode.TOO_MANY_STREAMS,
                    principal + " already holds " + permits.limit() + " open event streams; close one first");
        }
        Publisher<Event<String>> events = Flux.<Event<String>>create(
                        sink -> open(sink, start, filter), FluxSink.OverflowStrategy.BUFFER)
                .doFinally(signal -> permits.release(principal));
        // Proxies must neither cache the stream nor hold it back in a buffer (nginx honours X-Accel-Buffering).
        return HttpResponse.ok(events).header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no");
    }

    private void open(FluxSink<Event<String>> sink, long start, FeedFilter filter) {
        FeedSubscription subscription = new FeedSubscription(start, filter, pages, sink, config, scheduler);
        long every = config.getHeartbeat().toMillis();
        Disposable heartbeats =
                scheduler.schedulePeriodically(subscription::heartbeat, every, every, TimeUnit.MILLISECONDS);
        sink.onRequest(n -> subscription.drain());
        sink.onDispose(() -> {
            heartbeats.dispose();
            hub.remove(subscription);
            subscription.cancel();
        });
        hub.add(subscription);
        subscription.start();
    }

    /** Where a stream starts: after the client's Last-Event-ID, else at from_seq, else at the live edge (0). */
    static long startSeq(Long fromSeq, String lastEventId) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                long last = Long.parseLong(lastEventId.trim());
                if (last >= 0) {
                    return last + 1;
                }
            } catch (NumberFormatException e) {
                throw ApiException.validation("Last-Event-ID must be the seq of an event, not " + lastEventId);
            }
            throw ApiException.validation("Last-Event-ID must not be negative");
        }
        return seq("from_seq", fromSeq);
    }

    private static long seq(String name, Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 1) {
            throw ApiException.validation(name + " must be 1 or more");
        }
        return value;
    }
}
