package dev.handrail.gateway.policy;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.policy.CapabilityUpdate;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.web.Principals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code PATCH /v1/capabilities/{intent}} with {@code {enabled}} and/or
 * {@code {approval_mode: auto | require_approval}}: answered by the policy service with the
 * capability as {@code GET /v1/capabilities} lists it.
 */
@Controller("/v1/capabilities")
public class CapabilitySettingsController {

    private final ActionBus bus;

    public CapabilitySettingsController(ActionBus bus) {
        this.bus = bus;
    }

    /** Body of the patch; a field left out is left as it is. */
    public record CapabilityPatch(Boolean enabled, String approvalMode) {}

    @Patch("/{intent}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> update(
            HttpRequest<?> request, @PathVariable String intent, @Nullable @Body String body) {
        CapabilityPatch patch = JsonBodies.read(body, CapabilityPatch.class, false);
        return bus.ask(
                        Subjects.QUERY_CAPABILITY_UPDATE,
                        new CapabilityUpdate(intent, patch.enabled(), patch.approvalMode(), Principals.of(request)))
                .thenApply(PolicyReplies::respond);
    }
}
