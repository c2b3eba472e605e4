package dev.handrail.executor.desktop;

import java.nio.file.Path;
import java.util.List;

/** Starting programs in the user's desktop session and ending them. */
public interface AppPort extends DesktopPort {

    /** Starts a program in the user's session and returns its process id. */
    long launch(Path executable, List<String> args, Path workingDirectory) throws InterruptedException;

    /** Ends a process at once. */
    void terminate(long pid) throws InterruptedException;
}
