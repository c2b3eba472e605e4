package dev.handrail.executor.file;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.CapabilityHandler;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.capability.RefusedException;
import dev.handrail.executor.node.ExecutorProperties;
import dev.handrail.executor.sandbox.Sandbox;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code file.read}: a file inside the workspace as {@code content}, UTF-8 text (bytes that are not
 * UTF-8 become U+FFFD), beside its {@code path} and size in {@code bytes}; its size and SHA-256 as
 * evidence. Stateless.
 */
@Singleton
public final class FileReadHandler implements CapabilityHandler {

    public static final String INTENT = "file.read";

    private final Sandbox sandbox;
    private final long maxFileBytes;

    @Inject
    public FileReadHandler(Sandbox sandbox, ExecutorProperties properties) {
        this(sandbox, properties.getMaxFileBytes());
    }

    public FileReadHandler(Sandbox sandbox, long maxFileBytes) {
        this.sandbox = sandbox;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public String intent() {
        return INTENT;
    }

    @Override
    public Outcome run(Invocation invocation) {
        String raw = Params.of(INTENT, invocation).text("path");
        Path path = sandbox.resolve(raw);
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new RefusedException(ErrorCode.NOT_A_FILE, "'" + raw + "' is not a regular file");
            }
            if (attributes.size() > maxFileBytes) {
                throw FileErrors.tooLarge(raw, attributes.size(), maxFileBytes);
            }
            byte[] bytes = read(path, raw);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("path", path.toString());
            output.put("content", new String(bytes, StandardCharsets.UTF_8));
            output.put("bytes", bytes.length);
            return Outcome.succeeded(
                    output, Map.of("path", path.toString(), "bytes", bytes.length, "sha256", Sha256.hex(bytes)));
        } catch (IOException e) {
            return FileErrors.outcome(e, raw);
        }
    }

    /** Reads at most the limit (the file may have grown since its size was read), never through a link. */
    private byte[] read(Path path, String raw) throws IOException {
        try (InputStream in = Channels.newInputStream(
                Files.newByteChannel(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
            if (bytes.length > maxFileBytes) {
                throw FileErrors.tooLarge(raw, bytes.length, maxFileBytes);
            }
            return bytes;
        }
    }
}
