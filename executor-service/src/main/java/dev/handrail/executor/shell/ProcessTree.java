package dev.handrail.executor.shell;

import java.util.List;

/** Ends a process and everything it started. */
final class ProcessTree {

    private ProcessTree() {}

    /**
     * Kills the process's descendants, deepest last seen first, then the process itself, all
     * forcibly. The descendants are listed while the process still lives, since an orphan is no
     * longer anyone's descendant.
     */
    static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        for (int i = descendants.size() - 1; i >= 0; i--) {
            descendants.get(i).destroyForcibly();
        }
        process.destroyForcibly();
    }
}
