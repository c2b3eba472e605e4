package dev.handrail.executor.sandbox;

import static dev.handrail.contracts.error.ErrorCode.INVALID_PATH;
import static dev.handrail.contracts.error.ErrorCode.NOT_A_DIRECTORY;
import static dev.handrail.contracts.error.ErrorCode.NOT_A_FILE;
import static dev.handrail.contracts.error.ErrorCode.PATH_IS_SYMLINK;
import static dev.handrail.contracts.error.ErrorCode.PATH_OUTSIDE_WORKSPACE;

import dev.handrail.executor.capability.RefusedException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Confines file paths to this node's workspace roots. A path is either absolute inside a root
 * or relative to the first root; it is normalised and checked, then its symbolic links are
 * resolved and it is checked again, so neither {@code ../} nor a link can lead outside.
 * Containment compares whole path names (a root {@code /srv/ws} never admits
 * {@code /srv/ws-evil/x}). Immutable, so safe to share between threads.
 */
public final class Sandbox {

    private final List<Path> roots;
    private final Set<Path> lexicalRoots;

    private Sandbox(List<Path> realRoots, Set<Path> lexicalRoots) {
        this.roots = List.copyOf(realRoots);
        this.lexicalRoots = Set.copyOf(lexicalRoots);
    }

    /**
     * Opens a sandbox on {@code roots}: creates the first root if it is missing, requires the
     * others to exist, and resolves each to its real path.
     */
    public static Sandbox open(List<Path> roots) {
        if (roots == null || roots.isEmpty()) {
            throw new WorkspaceUnavailableException("At least one workspace root is required");
        }
        List<Path> real = new ArrayList<>();
        Set<Path> lexical = new LinkedHashSet<>();
        for (int i = 0; i < roots.size(); i++) {
            Path configured = roots.get(i).toAbsolutePath().normalize();
            try {
                if (i == 0) {
                    Files.createDirectories(configured);
                }
                Path resolved = configured.toRealPath();
                if (!Files.isDirectory(resolved)) {
                    throw new WorkspaceUnavailableException("Workspace root " + configured + " is not a directory");
                }
                real.add(resolved);
                lexical.add(configured);
                lexical.add(resolved);
            } catch (IOException e) {
                throw new WorkspaceUnavailableException("Workspace root " + configured + " is not usable: " + e, e);
            }
        }
        return new Sandbox(real, lexical);
    }

    /** The roots as real paths, the first one first. */
    public List<Path> roots() {
        return roots;
    }

    /** Where relative paths start and commands run: the first root. */
    public Path workingDirectory() {
        return roots.get(0);
    }

    /**
     * The directory {@code raw} names inside the workspace, resolved as {@link #resolve} does, or
     * the first root when none is given; {@code NOT_A_DIRECTORY} when it is not a directory.
     */
    public Path workingDirectory(String raw) {
        if (raw == null || raw.isBlank()) {
            return workingDirectory();
        }
        Path directory = resolve(raw);
        if (!Files.isDirectory(directory)) {
            throw new RefusedException(
                    NOT_A_DIRECTORY, "The working directory '" + raw + "' is not a directory in the workspace");
        }
        return directory;
    }

    /**
     * The real path {@code raw} names, following every symbolic link, for reading. A path that
     * does not exist yet comes back as the real path of its nearest existing ancestor plus the
     * missing names, so the caller can say it is not found.
     */
    public Path resolve(String raw) {
        return realise(lexical(raw), raw);
    }

    /**
     * The path to write {@code raw} to: the real path of its parent directory (which may not
     * exist yet) plus its own name, never following a link at the target itself; a target that
     * is a symbolic link is refused.
     */
    public Path resolveForWrite(String raw) {
        Path lexical = lexical(raw);
        if (lexicalRoots.contains(lexical)) {
            throw new RefusedException(NOT_A_FILE, "'" + raw + "' is a workspace root, not a file");
        }
        Path target = realise(lexical.getParent(), raw).resolve(lexical.getFileName());
        if (Files.isSymbolicLink(target)) {
            throw refuseLink(target, raw);
        }
        return target;
    }

    /**
     * Creates the missing directories above a path {@link #resolveForWrite} gave, then checks
     * that the parent's real path did not move (a link planted meanwhile) and is still inside.
     */
    public void createParents(Path target) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path real = parent.toRealPath();
        if (!real.equals(parent) || !inside(real, roots)) {
            throw new RefusedException(
                    PATH_OUTSIDE_WORKSPACE,
                    "The directory " + parent + " changed into a link while it was being created");
        }
    }

    /** Whether a real path lies inside one of the roots. */
    public boolean contains(Path real) {
        return inside(real, roots);
    }

    private Path lexical(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new RefusedException(INVALID_PATH, "The path is empty");
        }
        if (raw.indexOf('\0') >= 0) {
            throw new RefusedException(INVALID_PATH, "The path contains a NUL byte");
        }
        Path given;
        try {
            given = Path.of(raw);
        } catch (InvalidPathException e) {
            throw new RefusedException(INVALID_PATH, "'" + raw + "' is not a valid path: " + e.getReason());
        }
        Path normal = (given.isAbsolute() ? given : workingDirectory().resolve(given)).normalize();
        if (!inside(normal, lexicalRoots)) {
            throw outside(raw);
        }
        return normal;
    }

    private Path realise(Path lexical, String raw) {
        Path existing = lexical;
        Deque<Path> missing = new ArrayDeque<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            throw outside(raw);
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) {
            throw new RefusedException(
                    INVALID_PATH, "'" + raw + "' leads through a symbolic link whose target does not exist");
        } catch (FileSystemException e) {
            throw new RefusedException(INVALID_PATH, "'" + raw + "' cannot be resolved: " + e.getReason());
        } catch (IOException e) {
            throw new RefusedException(INVALID_PATH, "'" + raw + "' cannot be resolved: " + e.getMessage());
        }
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        if (!inside(real, roots)) {
            throw outside(raw);
        }
        return real;
    }

    private RefusedException refuseLink(Path target, String raw) {
        try {
            if (!inside(target.toRealPath(), roots)) {
                return outside(raw);
            }
        } catch (IOException e) {
            return new RefusedException(
                    PATH_IS_SYMLINK, "'" + raw + "' is a symbolic link to nothing; writes never go through a link");
        }
        return new RefusedException(
                PATH_IS_SYMLINK,
                "'" + raw + "' is a symbolic link; writes never go through a link, write to its target instead");
    }

    private RefusedException outside(String raw) {
        return new RefusedException(
                PATH_OUTSIDE_WORKSPACE,
                "'" + raw + "' is outside the workspace; use a path relative to " + workingDirectory()
                        + " or an absolute path inside one of " + roots);
    }

    /** Whole-name containment: equal to a root, or starting with the root plus a separator. */
    static boolean inside(Path path, Iterable<Path> roots) {
        String candidate = path.toString();
        for (Path root : roots) {
            String base = root.toString();
            String prefix = base.endsWith(root.getFileSystem().getSeparator())
                    ? base
                    : base + root.getFileSystem().getSeparator();
            if (candidate.equals(base) || candidate.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
