package dev.handrail.audit.jdbc;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.Map;

/**
 * The database role the audit service connects as, which the migrations (run as the owner of the
 * tables) create and grant only INSERT and SELECT (and UPDATE on the projection). Configured under
 * {@code handrail.audit.database}; the password has a development default and comes from
 * {@code HANDRAIL_AUDIT_DB_PASSWORD} anywhere else.
 */
@ConfigurationProperties(DatabaseRoles.PREFIX)
public class DatabaseRoles {

    public static final String PREFIX = "handrail.audit.database";

    /** Flyway placeholder naming the service role in the migrations. */
    public static final String ROLE_PLACEHOLDER = "servicerole";
    /** Flyway placeholder holding the service role's password in the migrations. */
    public static final String PASSWORD_PLACEHOLDER = "servicepassword";

    private String serviceUser = "handrail_audit";
    private String servicePassword = "handrail-audit-dev";
    private boolean requireAppendOnly = true;

    public String getServiceUser() {
        return serviceUser;
    }

    public void setServiceUser(String serviceUser) {
        if (serviceUser == null || !serviceUser.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(
                    PREFIX + ".service-user must be a plain lower-case role name, not " + serviceUser);
        }
        this.serviceUser = serviceUser;
    }

    public String getServicePassword() {
        return servicePassword;
    }

    public void setServicePassword(String servicePassword) {
        if (servicePassword == null || servicePassword.isEmpty() || servicePassword.contains("$pw$")) {
            throw new IllegalArgumentException(PREFIX + ".service-password must be set and must not contain $pw$");
        }
        this.servicePassword = servicePassword;
    }

    /** Whether the service refuses to start when its role could change or remove stored events. */
    public boolean isRequireAppendOnly() {
        return requireAppendOnly;
    }

    public void setRequireAppendOnly(boolean requireAppendOnly) {
        this.requireAppendOnly = requireAppendOnly;
    }

    /** The placeholders the migrations need. */
    public Map<String, String> placeholders() {
        return Map.of(ROLE_PLACEHOLDER, serviceUser, PASSWORD_PLACEHOLDER, servicePassword);
    }
}
