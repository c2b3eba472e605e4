package dev.handrail.gateway.web;

import dev.handrail.bus.BusException;
import dev.handrail.bus.MessageTooLargeException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the API's error envelope with a stable code, so a client never sees
 * a framework's own error format.
 */
@Controller
@Requires(notEnv = "no-error-handlers")
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @Error(global = true)
    public HttpResponse<ErrorBody> failure(HttpRequest<?> request, Throwable failure) {
        Throwable cause = unwrap(failure);
        return switch (cause) {
            case ApiException e -> respond(e.status(), e.code(), e.getMessage());
            case MessageTooLargeException e -> respond(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "The request makes a message larger than the system carries; send less (" + e.getMessage() + ")");
            case BusException e -> respond(HttpStatus.SERVICE_UNAVAILABLE, "UPSTREAM_UNAVAILABLE",
                    "A Handrail service did not answer in time; try again shortly (" + e.getMessage() + ")");
            case ConversionErrorException e -> respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                    "Invalid value for " + e.getArgument().getName() + ": " + e.getMessage());
            case UnsatisfiedRouteException e -> respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", e.getMessage());
            case ContentLengthExceededException e -> respond(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "The request body is larger than this server accepts (" + e.getMessage() + ")");
            case HttpStatusException e -> respond(e.getStatus(), codeOf(e.getStatus()), e.getMessage());
            default -> {
                LOG.error("Unhandled failure on {} {}", request.getMethod(), request.getPath(), cause);
                yield respond(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "Something went wrong on our side; it has been logged.");
            }
        };
    }

    @Error(global = true, status = HttpStatus.NOT_FOUND)
    public HttpResponse<ErrorBody> noRoute(HttpRequest<?> request) {
        return respond(HttpStatus.NOT_FOUND, "NOT_FOUND", "No endpoint " + request.getMethod() + " " + request.getPath());
    }

    @Error(global = true, status = HttpStatus.METHOD_NOT_ALLOWED)
    public HttpResponse<ErrorBody> wrongMethod(HttpRequest<?> request) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                request.getMethod() + " is not allowed on " + request.getPath());
    }

    @Error(global = true, status = HttpStatus.REQUEST_ENTITY_TOO_LARGE)
    public HttpResponse<ErrorBody> tooLarge(HttpRequest<?> request) {
        return respond(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                "The request body is larger than this server accepts");
    }

    @Error(global = true, status = HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    public HttpResponse<ErrorBody> wrongMediaType(HttpRequest<?> request) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
    }

    static HttpResponse<ErrorBody> respond(HttpStatus status, String code, String message) {
        return HttpResponse.<ErrorBody>status(status).body(ErrorBody.of(code, message));
    }

    private static String codeOf(HttpStatus status) {
        return status.name();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
