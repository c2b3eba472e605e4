package dev.handrail.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * The HTTP side of the load generator (Apache HttpClient 5, classic blocking API): one pool of
 * keep-alive connections, as many as there are clients, so each client thread reuses one
 * connection. Used the same way against the gateway and against the bare endpoint, so their
 * numbers compare. Thread-safe.
 */
public final class HttpLoadClient implements AutoCloseable {

    private final CloseableHttpClient client;

    public HttpLoadClient(int connections) {
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(2, TimeUnit.SECONDS)
                                .setSocketTimeout(130, TimeUnit.SECONDS)
                                .build())
                        .build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableConnectionState()
                .build();
    }

    /** A status code and the body as text. */
    public record Answer(int status, String body) {

        /** Throws {@link UnexpectedAnswerException} unless the status is {@code expected}. */
        public Answer expect(int expected) {
            if (status != expected) {
                throw new UnexpectedAnswerException(status, body);
            }
            return this;
        }
    }

    public Answer get(String url, String token) {
        return send(authorised(new HttpGet(url), token));
    }

    public Answer post(String url, String token, String json) {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        return send(authorised(post, token));
    }

    private static ClassicHttpRequest authorised(ClassicHttpRequest request, String token) {
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Answer send(ClassicHttpRequest request) {
        try {
            return client.execute(request, response -> {
                HttpEntity entity = response.getEntity();
                String body = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
                return new Answer(response.getCode(), body);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(request.getMethod() + " " + request.getRequestUri() + " failed", e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server answered with another status than the one the scenario expects. */
    public static final class UnexpectedAnswerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnexpectedAnswerException(int status, String body) {
            super("HTTP " + status + ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
    }
}
