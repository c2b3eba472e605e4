package dev.handrail.gateway.artifact;

import dev.handrail.contracts.artifact.Artifacts;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.gateway.action.ActionService;
import dev.handrail.gateway.web.ApiException;
import dev.handrail.gateway.web.Principals;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/actions/{id}/artifacts/{name}}: the file an action made (a screen capture), with
 * its media type, for exactly those who may read the action. An action the caller may not see is
 * {@code NOT_FOUND} as if it did not exist; a readable action without that artifact is
 * {@code ARTIFACT_NOT_FOUND}.
 */
@Controller("/v1/actions/{id}/artifacts")
public class ArtifactController {

    private final ActionService actions;
    private final ArtifactReader artifacts;

    public ArtifactController(ActionService actions, ArtifactReader artifacts) {
        this.actions = actions;
        this.artifacts = artifacts;
    }

    @Get("/{name}")
    public CompletableFuture<HttpResponse<?>> get(
            HttpRequest<?> request, @PathVariable String id, @PathVariable String name) {
        return actions.readable(id, Principals.caller(request))
                .thenCompose(view -> Artifacts.isValidName(name)
                        ? artifacts.read(view.actionId(), name)
                        : CompletableFuture.completedFuture(java.util.Optional.empty()))
                .thenApply(found -> {
                    Artifact artifact = found.orElseThrow(() -> new ApiException(
                            ErrorCode.ARTIFACT_NOT_FOUND,
                            "Action " + id + " has no artifact '" + name
                                    + "': it made none by that name, or it has expired"));
                    return HttpResponse.ok(artifact.bytes())
                            .contentType(artifact.mediaType())
                            .header("Content-Disposition", "inline; filename=\"" + name + "\"");
                });
    }
}
