package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every secret a running local system holds, to look for where none may appear. */
final class Secrets {

    /** The audit service role's password when none is configured (audit-service application.yml). */
    static final String AUDIT_DB_PASSWORD = "handrail-audit-dev";

    private static final Pattern URL_PASSWORD = Pattern.compile("://[^:/@]+:([^@/]+)@");

    private Secrets() {}

    /** The admin token, each service's NATS password, the admin's, the audit role's, and the audit signing key. */
    static List<String> of(LocalSystem system) {
        List<String> secrets = new ArrayList<>(List.of(system.adminToken(), AUDIT_DB_PASSWORD));
        for (String identity :
                List.of("admin", "gateway", "policy", "audit", "health", "executor-" + LocalSystem.NODE)) {
            Matcher password = URL_PASSWORD.matcher(system.infrastructure().natsUrlFor(identity));
            assertThat(password.find())
                    .as("a password in the NATS URL of " + identity)
                    .isTrue();
            secrets.add(password.group(1));
        }
        Matcher db = Pattern.compile("password=([^&]+)")
                .matcher(system.infrastructure().jdbcUrl());
        if (db.find()) {
            secrets.add(db.group(1));
        }
        secrets.add(signingKey(system.settings().home().resolve("audit/checkpoint-signing.key")));
        return secrets;
    }

    private static String signingKey(Path file) {
        Properties key = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            key.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String privateKey = key.getProperty("private");
        assertThat(privateKey).as("the audit signing key in " + file).isNotBlank();
        return privateKey;
    }

    /** Fails naming the first secret {@code text} holds. */
    static void assertNoneIn(String where, String text, List<String> secrets) {
        for (String secret : secrets) {
            assertThat(text).as(where + " holds a secret").doesNotContain(secret);
        }
    }
}
