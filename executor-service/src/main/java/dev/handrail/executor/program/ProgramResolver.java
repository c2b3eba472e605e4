package dev.handrail.executor.program;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the file a program name stands for, the way a shell would: a name with a directory
 * separator is a path (relative ones start in the working directory); a bare name is looked up
 * in the search path, taking the first executable regular file, and on Windows trying each
 * {@code PATHEXT} extension. Immutable.
 */
public final class ProgramResolver {

    private final List<Path> searchPath;
    private final List<String> extensions;

    /**
     * @param searchPath directories to look in, in order
     * @param extensions suffixes to try after the bare name (Windows: {@code .EXE}, {@code .COM}...);
     *                   empty on other systems
     */
    public ProgramResolver(List<Path> searchPath, List<String> extensions) {
        this.searchPath = List.copyOf(searchPath);
        this.extensions = List.copyOf(extensions);
    }

    /** A resolver over this process's {@code PATH} (and {@code PATHEXT} on Windows). */
    public static ProgramResolver fromEnvironment() {
        List<Path> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    try {
                        directories.add(Path.of(entry));
                    } catch (InvalidPathException e) {
                        // A malformed PATH entry names no directory; skip it as a shell would.
                    }
                }
            }
        }
        List<String> extensions = new ArrayList<>();
        if (Platform.isWindows()) {
            String pathext = System.getenv().getOrDefault("PATHEXT", ".COM;.EXE;.BAT;.CMD");
            for (String extension : pathext.split(";")) {
                if (!extension.isBlank()) {
                    extensions.add(extension.toLowerCase(Locale.ROOT));
                }
            }
        }
        return new ProgramResolver(directories, extensions);
    }

    /** The absolute, normalised path of the program's file, if there is one. */
    public Optional<Path> resolve(String program, Path workingDirectory) {
        if (program == null || program.isEmpty() || program.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Path given;
        try {
            given = Path.of(program);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (given.isAbsolute()
                || given.getNameCount() > 1
                || program.contains("/")
                || program.contains(File.separator)) {
            Path path = (given.isAbsolute() || workingDirectory == null ? given : workingDirectory.resolve(given))
                    .toAbsolutePath()
                    .normalize();
            return withExtension(path, false);
        }
        for (Path directory : searchPath) {
            Optional<Path> found =
                    withExtension(directory.resolve(program).toAbsolutePath().normalize(), true);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Path> withExtension(Path path, boolean mustBeExecutable) {
        if (usable(path, mustBeExecutable)) {
            return Optional.of(path);
        }
        for (String extension : extensions) {
            Path candidate = path.resolveSibling(path.getFileName() + extension);
            if (usable(candidate, mustBeExecutable)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean usable(Path path, boolean mustBeExecutable) {
        return Files.isRegularFile(path) && (!mustBeExecutable || Files.isExecutable(path));
    }
}
