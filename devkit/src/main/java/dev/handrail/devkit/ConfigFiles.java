package dev.handrail.devkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** What the NATS identities kept under the home share: owner-only secret files and subject lists in nats-server's syntax. */
final class ConfigFiles {

    private ConfigFiles() {}

    /** {@code ["a", "b"]}: subjects as a nats-server configuration list. */
    static String quoted(List<String> subjects) {
        return subjects.stream()
                .map(s -> "\"" + s + "\"")
                .reduce((a, b) -> a + ", " + b)
                .map(s -> "[" + s + "]")
                .orElse("[]");
    }

    /** Creates {@code file} readable and writable by its owner only, then writes {@code content}; fails if it exists. */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the ACL of the user's home directory
        }
        Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
