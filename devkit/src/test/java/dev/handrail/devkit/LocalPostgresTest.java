package dev.handrail.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    private static String setting(LocalPostgres postgres, String name) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl());
                ResultSet rs = db.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void keptDataIsCommittedDurablyBeforeAnyCommitIsAcknowledged() throws Exception {
        Path data = Files.createTempDirectory("handrail-pg-durable");
        try (LocalPostgres postgres = LocalPostgres.start(data.resolve("pg"), true)) {
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
        }
    }

    @Test
    void aThrowAwayDatabaseForTestsSkipsTheFlushes() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(Files.createTempDirectory("handrail-pg-test"), false)) {
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("off");
        }
    }
}
