package dev.handrail.bench.baseline;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** The bare endpoint: {@code GET /ping} answers a small JSON object, with no work behind it. */
@Controller("/ping")
public class PingController {

    /** The answer. */
    public record Pong(boolean ok, String service) {}

    private static final Pong PONG = new Pong(true, "bare");

    @Get
    public Pong ping() {
        return PONG;
    }
}
