package dev.handrail.audit.jdbc;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Makes the service's data source log in as its configured user. The JDBC URL is usually the one
 * every service shares ({@code HANDRAIL_DB_URL}), often with the owner's {@code user} and
 * {@code password} in its query string, and the PostgreSQL driver lets those win over the
 * configured username; so when a username is configured, they are taken out of the URL. Stateless.
 */
@Singleton
public class ServiceRoleUrl implements BeanCreatedEventListener<DatasourceConfiguration> {

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        String user = config.getConfiguredUsername();
        if (user != null && !user.isBlank() && config.getJdbcUrl() != null) {
            config.setJdbcUrl(withoutCredentials(config.getJdbcUrl()));
        }
        return config;
    }

    /** The URL without {@code user} and {@code password} parameters. */
    public static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return url;
        }
        String kept = Arrays.stream(url.substring(query + 1).split("&"))
                .filter(p -> !p.isEmpty())
                .filter(p -> {
                    String name = p.split("=", 2)[0].toLowerCase(Locale.ROOT);
                    return !name.equals("user") && !name.equals("password");
                })
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? url.substring(0, query) : url.substring(0, query + 1) + kept;
    }
}
