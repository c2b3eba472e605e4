package dev.handrail.policy.rules;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts path parameters ({@value #PATH}, {@value #WORKING_DIR}, {@value #CWD}) in the workspace-relative form
 * rules are written in, before any rule sees them: {@code ./secrets/x}, {@code a/../secrets/x},
 * {@code secrets//x} and an absolute path inside one of the node's workspace roots all become
 * {@code secrets/x}. A path that leads out of the workspace ({@code ../x}, an absolute path
 * outside every root) keeps its normalised form and is refused by the executor's sandbox, as
 * before. Pure and thread-safe.
 */
public final class WorkspacePaths {

    public static final String PATH = "path";
    public static final String WORKING_DIR = "working_dir";
    /** {@code shell.run}'s working directory. */
    public static final String CWD = "cwd";

    private static final Set<String> PATH_PARAMS = Set.of(PATH, WORKING_DIR, CWD);

    private WorkspacePaths() {}

    /** {@code params} with each path parameter normalised against {@code roots} (the node's workspace roots). */
    public static Map<String, Object> normalise(Map<String, Object> params, List<String> roots) {
        if (params == null || PATH_PARAMS.stream().noneMatch(params::containsKey)) {
            return params;
        }
        Map<String, Object> normalised = new HashMap<>(params);
        for (String name : PATH_PARAMS) {
            if (params.get(name) instanceof String raw) {
                normalised.put(name, normalise(raw, roots));
            }
        }
        return normalised;
    }

    /** One path in its workspace-relative form ({@code .} for a root itself); a string that is no path is kept as it is. */
    public static String normalise(String raw, List<String> roots) {
        Path path;
        try {
            path = Path.of(raw).normalize();
        } catch (InvalidPathException e) {
            return raw;
        }
        if (path.isAbsolute()) {
            for (String root : roots) {
                Path base = Path.of(root).toAbsolutePath().normalize();
                if (path.startsWith(base)) {
                    return relative(base.relativize(path));
                }
            }
            return path.toString();
        }
        return relative(path);
    }

    /**
     * Whether a path in the form {@link #normalise} gives leads out of the workspace: absolute
     * (outside every root) or climbing above it with {@code ..}.
     */
    public static boolean leavesWorkspace(String normalised) {
        try {
            Path path = Path.of(normalised);
            return path.isAbsolute()
                    || (path.getNameCount() > 0 && path.getName(0).toString().equals(".."));
        } catch (InvalidPathException e) {
            return true;
        }
    }

    private static String relative(Path path) {
        String text = path.toString();
        return text.isEmpty() ? "." : text;
    }
}
