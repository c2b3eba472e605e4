package dev.handrail.executor.program;

import static dev.handrail.contracts.error.ErrorCode.ARGUMENT_NOT_ALLOWED;
import static dev.handrail.contracts.error.ErrorCode.COMMAND_NOT_FOUND;
import static dev.handrail.contracts.error.ErrorCode.EXECUTABLE_NOT_ALLOWED;

import dev.handrail.contracts.program.ArgumentRules;
import dev.handrail.executor.capability.RefusedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which programs a capability may start on this node. A program is found as a shell would find
 * it ({@link ProgramResolver}), then compared by its real path (every link resolved) with the
 * real paths of the configured entries, so neither a link nor a second copy on the search path
 * gets around the list. Interpreters and launchers ({@link Interpreters}) are refused unless the
 * configuration allows them, even when listed; so are arguments that make a listed program write
 * files, run programs or change the machine ({@link ArgumentRules}: {@code sort -o}, {@code find
 * -exec}, {@code sed -i} ...), unless the configuration allows unsafe arguments. Entries are
 * resolved on each check, so a program installed later is found. Immutable, so safe to share.
 */
public final class ExecutableAllowlist {

    private final List<String> entries;
    private final boolean allowInterpreters;
    private final boolean allowUnsafeArguments;
    private final ProgramResolver resolver;
    private final String setting;

    /** An allowlist that refuses unsafe arguments. */
    public ExecutableAllowlist(
            List<String> entries, boolean allowInterpreters, ProgramResolver resolver, String setting) {
        this(entries, allowInterpreters, false, resolver, setting);
    }

    /**
     * @param entries              program names (looked up in the search path) or absolute paths
     * @param allowInterpreters    whether listed interpreters may run
     * @param allowUnsafeArguments whether the arguments {@link ArgumentRules} names may be given
     * @param setting              the configuration key a refusal message points to
     */
    public ExecutableAllowlist(
            List<String> entries,
            boolean allowInterpreters,
            boolean allowUnsafeArguments,
            ProgramResolver resolver,
            String setting) {
        this.entries = List.copyOf(entries);
        this.allowInterpreters = allowInterpreters;
        this.allowUnsafeArguments = allowUnsafeArguments;
        this.resolver = resolver;
        this.setting = setting;
    }

    /**
     * The file to start for {@code program}: its path as found (not its real path, so a program
     * that looks at its own name still sees it). Refuses with {@code COMMAND_NOT_FOUND} or
     * {@code EXECUTABLE_NOT_ALLOWED}.
     */
    public Path check(String program, Path workingDirectory) {
        return allowedProgram(program, workingDirectory).found();
    }

    /**
     * As {@link #check(String, Path)}, and refuses with {@code ARGUMENT_NOT_ALLOWED} arguments
     * that the rules for the program (under the name asked for, the file found or its real path)
     * name, unless unsafe arguments are allowed.
     */
    public Path check(String program, List<String> args, Path workingDirectory) {
        Program allowed = allowedProgram(program, workingDirectory);
        if (!allowUnsafeArguments) {
            ArgumentRules.check(
                            List.of(
                                    program,
                                    allowed.found().toString(),
                                    allowed.real().toString()),
                            args)
                    .ifPresent(breach -> {
                        throw new RefusedException(
                                ARGUMENT_NOT_ALLOWED,
                                "Refused the arguments of '" + program + "': "
                                        + breach.message()
                                        + "; such arguments are off on this node (allow-unsafe-arguments "
                                        + "beside " + setting + ")");
                    });
        }
        return allowed.found();
    }

    private record Program(Path found, Path real) {}

    private Program allowedProgram(String program, Path workingDirectory) {
        Path found = resolver.resolve(program, workingDirectory)
                .orElseThrow(() -> new RefusedException(
                        COMMAND_NOT_FOUND,
                        "No program '" + program + "' was found (looked in PATH and relative to the workspace)"));
        Path real = realPath(found)
                .orElseThrow(() -> new RefusedException(
                        COMMAND_NOT_FOUND, "The program '" + program + "' at " + found + " cannot be resolved"));
        if (!allowInterpreters && (Interpreters.isName(program) || Interpreters.is(found) || Interpreters.is(real))) {
            throw new RefusedException(
                    EXECUTABLE_NOT_ALLOWED,
                    "'" + program + "' (" + real + ") is an interpreter or "
                            + "launcher, which could run anything; interpreters are off on this node (" + setting
                            + " and allow-interpreters)");
        }
        if (!allowed().contains(real)) {
            throw new RefusedException(
                    EXECUTABLE_NOT_ALLOWED,
                    "'" + program + "' (" + real + ") is not on this node's list of allowed executables (" + setting
                            + ")");
        }
        return new Program(found, real);
    }

    /** The real paths of the entries that name a file now. */
    public Set<Path> allowed() {
        Set<Path> real = new LinkedHashSet<>();
        for (String entry : entries) {
            resolver.resolve(entry, null).flatMap(ExecutableAllowlist::realPath).ifPresent(real::add);
        }
        return real;
    }

    /** Whether listed interpreters may run. */
    public boolean allowsInterpreters() {
        return allowInterpreters;
    }

    /** Whether the arguments {@link ArgumentRules} names may be given. */
    public boolean allowsUnsafeArguments() {
        return allowUnsafeArguments;
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
