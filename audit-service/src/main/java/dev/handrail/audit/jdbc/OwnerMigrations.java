package dev.handrail.audit.jdbc;

import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Gives the owner's migrations ({@code flyway.datasources.owner}, run with the owner's own
 * credentials before the service connects) the name and password of the service role they create.
 * Stateless.
 */
@Singleton
@Named(OwnerMigrations.NAME)
public class OwnerMigrations implements FlywayConfigurationCustomizer {

    /** The name of the Flyway configuration that migrates as the owner. */
    public static final String NAME = "owner";

    private final DatabaseRoles roles;

    public OwnerMigrations(DatabaseRoles roles) {
        this.roles = roles;
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        configuration.placeholders(roles.placeholders());
    }

    @Override
    public String getName() {
        return NAME;
    }
}
