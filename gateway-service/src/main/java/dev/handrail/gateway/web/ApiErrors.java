package dev.handrail.gateway.web;

import dev.handrail.bus.BusException;
import dev.handrail.bus.MessageTooLargeException;
import dev.handrail.contracts.error.ErrorCode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.exceptions.HttpStatusException;
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
            case ApiException e -> HttpResponse.<ErrorBody>status(e.status()).body(ErrorBody.of(e));
            case MessageTooLargeException e ->
                respond(
                        ErrorCode.PAYLOAD_TOO_LARGE,
                        "The request makes a message larger than the system carries; send less (" + e.getMessage()
                                + ")");
            case BusException e ->
                respond(
                        ErrorCode.UPSTREAM_UNAVAILABLE,
                        "A Handrail service did not answer in time; try again shortly (" + e.getMessage() + ")");
            case ConversionErrorException e ->
                respond(
                        ErrorCode.VALIDATION_FAILED,
                        "Invalid value for " + e.getArgument().getName() + ": " + e.getMessage());
            case UnsatisfiedRouteException e -> respond(ErrorCode.VALIDATION_FAILED, e.getMessage());
            case ContentLengthExceededException e ->
                respond(
                        ErrorCode.PAYLOAD_TOO_LARGE,
                        "The request body is larger than this server accepts (" + e.getMessage() + ")");
            case HttpStatusException e ->
                HttpResponse.<ErrorBody>status(e.getStatus()).body(ErrorBody.of(codeOf(e.getStatus()), e.getMessage()));
            default -> {
                LOG.error("Unhandled failure on {} {}", request.getMethod(), request.getPath(), cause);
                yield respond(ErrorCode.INTERNAL, "Something went wrong on our side; it has been logged.");
            }
        };
    }

    @Error(global = true, status = HttpStatus.NOT_FOUND)
    public HttpResponse<ErrorBody> noRoute(HttpRequest<?> request) {
        return respond(ErrorCode.NOT_FOUND, "No endpoint " + request.getMethod() + " " + request.getPath());
    }

    @Error(global = true, status = HttpStatus.METHOD_NOT_ALLOWED)
    public HttpResponse<ErrorBody> wrongMethod(HttpRequest<?> request) {
        return respond(ErrorCode.METHOD_NOT_ALLOWED, request.getMethod() + " is not allowed on " + request.getPath());
    }

    @Error(global = true, status = HttpStatus.REQUEST_ENTITY_TOO_LARGE)
    public HttpResponse<ErrorBody> tooLarge(HttpRequest<?> request) {
        return respond(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than this server accepts");
    }

    @Error(global = true, status = HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    public HttpResponse<ErrorBody> wrongMediaType(HttpRequest<?> request) {
        return respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
    }

    static HttpResponse<ErrorBody> respond(ErrorCode code, String message) {
        return HttpResponse.<ErrorBody>status(HttpStatus.valueOf(code.httpStatus()))
                .body(ErrorBody.of(code, message));
    }

    /** The catalogue's code for a status the framework raised itself. */
    private static ErrorCode codeOf(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
            case REQUEST_ENTITY_TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case UNAUTHORIZED -> ErrorCode.UNAUTHENTICATED;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case TOO_MANY_REQUESTS -> ErrorCode.RATE_LIMITED;
            case SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT, BAD_GATEWAY -> ErrorCode.UPSTREAM_UNAVAILABLE;
            default -> status.getCode() < 500 ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL;
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
