package dev.handrail.gateway.capability;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.web.Passthrough;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code GET /v1/capabilities}: the catalogue with what is implemented and enabled, from policy. */
@Controller("/v1/capabilities")
public class CapabilityController {

    private final ActionBus bus;

    public CapabilityController(ActionBus bus) {
        this.bus = bus;
    }

    @Get
    public CompletableFuture<HttpResponse<?>> list() {
        return bus.ask(Subjects.QUERY_CAPABILITIES, new ListQuery(Map.of(), 0)).thenApply(Passthrough::respond);
    }
}
