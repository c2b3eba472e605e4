package dev.handrail.audit.jdbc;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanContext;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.flyway.FlywayConfigurationProperties;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Singleton;

/**
 * Runs the owner's migrations before the service's pool opens its first connection: the service
 * role they create must exist before anyone logs in as it. Creating the owner's Flyway
 * configuration is what runs them (micronaut-flyway migrates a configuration with its own URL as
 * soon as it is created), so this asks for it when the data source configuration appears.
 * Stateless.
 */
@Singleton
public class MigrateBeforeConnecting implements BeanCreatedEventListener<DatasourceConfiguration> {

    private final BeanContext context;

    public MigrateBeforeConnecting(BeanContext context) {
        this.context = context;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        context.findBean(FlywayConfigurationProperties.class, Qualifiers.byName(OwnerMigrations.NAME));
        return event.getBean();
    }
}
