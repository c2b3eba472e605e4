package dev.handrail.executor.file;

import dev.handrail.bus.tracing.Tracing;
import dev.handrail.contracts.capability.Arguments;
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
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code file.write}: replaces a file inside the workspace with the given UTF-8 text. The text
 * goes to a new temporary file in the same directory, is flushed to disk, and is moved over the
 * target atomically, so a reader sees the old file or the new one, never half of either. A
 * target that is a symbolic link is refused, and the move replaces a directory entry rather than
 * following one. Missing parent directories are created, inside the workspace only: the nearest
 * existing ancestor is checked by its real path and the parent is checked again once created, so
 * an agent can write {@code out/report.txt} without a separate step and still cannot reach
 * outside. Afterwards the file is read back and its SHA-256 compared with what was meant.
 * Stateless.
 */
@Singleton
public final class FileWriteHandler implements CapabilityHandler {

    public static final String INTENT = "file.write";

    private final Sandbox sandbox;
    private final long maxFileBytes;

    @Inject
    public FileWriteHandler(Sandbox sandbox, ExecutorProperties properties) {
        this(sandbox, properties.getMaxFileBytes());
    }

    public FileWriteHandler(Sandbox sandbox, long maxFileBytes) {
        this.sandbox = sandbox;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public String intent() {
        return INTENT;
    }

    @Override
    public Outcome run(Invocation invocation) {
        Arguments args = Params.of(INTENT, invocation);
        String raw = args.text("path");
        byte[] bytes = args.text("content").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxFileBytes) {
            throw FileErrors.tooLarge("the content for " + raw, bytes.length, maxFileBytes);
        }
        Path target = sandbox.resolveForWrite(raw);
        try {
            sandbox.createParents(target);
            BasicFileAttributes existing = existing(target);
            if (existing != null && !existing.isRegularFile()) {
                throw new RefusedException(ErrorCode.NOT_A_FILE, "'" + raw + "' exists and is not a regular file");
            }
            replace(target, bytes, existing != null);
            return Tracing.inSpan("executor.verify", () -> verify(target, raw, bytes));
        } catch (IOException e) {
            return FileErrors.outcome(e, raw);
        }
    }

    private static BasicFileAttributes existing(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static void replace(Path target, byte[] bytes, boolean keepPermissions) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (keepPermissions) {
                copyPermissions(target, temp);
            }
            if (Files.isSymbolicLink(target)) {
                throw new RefusedException(
                        ErrorCode.PATH_IS_SYMLINK, target + " became a symbolic link while it was being written");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view =
                Files.getFileAttributeView(from, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            PosixFileAttributes attributes = view.readAttributes();
            Files.setPosixFilePermissions(to, attributes.permissions());
        }
    }

    private Outcome verify(Path target, String raw, byte[] meant) throws IOException {
        byte[] actual;
        try (InputStream in = Channels.newInputStream(
                Files.newByteChannel(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            actual = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
        }
        String expected = Sha256.hex(meant);
        String found = Sha256.hex(actual);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("path", target.toString());
        evidence.put("bytes", actual.length);
        evidence.put("sha256", found);
        if (!expected.equals(found)) {
            evidence.put("expected_sha256", expected);
            evidence.put("expected_bytes", meant.length);
            return Outcome.failed(
                    ErrorCode.VERIFICATION_FAILED,
                    "'" + raw + "' was written but reads back as " + actual.length + " bytes with SHA-256 " + found
                            + " instead of " + expected,
                    evidence);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("path", target.toString());
        output.put("bytes", meant.length);
        return Outcome.succeeded(output, evidence);
    }
}
