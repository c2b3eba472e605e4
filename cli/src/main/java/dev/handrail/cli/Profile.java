package dev.handrail.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * The operator's saved gateway URL and token ({@code handrail login}): a properties file in the
 * user's config directory ({@code $XDG_CONFIG_HOME/handrail/profile}, else
 * {@code ~/.config/handrail/profile}), readable by its owner only because it holds a secret.
 */
record Profile(String url, String token) {

    static final String FILE_NAME = "profile";

    /** Where the profile lives for this environment. */
    static Path location(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config =
                xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("handrail").resolve(FILE_NAME);
    }

    /** The saved profile, or an empty one when there is none. */
    static Profile read(Map<String, String> env) {
        Path file = location(env);
        if (!Files.isRegularFile(file)) {
            return new Profile(null, null);
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return new Profile(properties.getProperty("url"), properties.getProperty("token"));
    }

    /** Writes the profile with owner-only permissions (0600) before any secret reaches the disk. */
    Path write(Map<String, String> env) {
        Path file = location(env);
        Properties properties = new Properties();
        properties.setProperty("url", url);
        properties.setProperty("token", token);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.deleteIfExists(temp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(temp);
            }
            StringWriter text = new StringWriter();
            properties.store(text, "handrail login: the gateway and the token the command line uses");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write(text.toString());
            }
            return Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
