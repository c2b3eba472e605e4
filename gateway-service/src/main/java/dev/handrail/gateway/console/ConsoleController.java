package dev.handrail.gateway.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /console}: the operator's page and its static files (plain ES modules and CSS, read from
 * {@code console/} on the class path). Served without a token because the files hold no data;
 * every call the page makes goes to {@code /v1} with the token the person pastes. Only flat file
 * names with a known extension are served, so no path can reach outside the folder. Stateless.
 */
@Controller("/console")
public class ConsoleController {

    /** The Content-Security-Policy of the console's answers: nothing inline, nothing from elsewhere. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static final Pattern FILE = Pattern.compile("[a-z][a-z0-9-]{0,63}\\.(js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<?> page() {
        return file("index.html");
    }

    @Get("/{file}")
    public HttpResponse<?> asset(@PathVariable String file) {
        if (!FILE.matcher(file).matches()) {
            return HttpResponse.notFound();
        }
        return file(file);
    }

    private static HttpResponse<?> file(String name) {
        try (InputStream in = ConsoleController.class.getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) {
                return HttpResponse.notFound();
            }
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return HttpResponse.ok(in.readAllBytes()).contentType(MediaType.of(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
