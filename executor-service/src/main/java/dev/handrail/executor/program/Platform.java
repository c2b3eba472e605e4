package dev.handrail.executor.program;

import java.util.Locale;

/** Which operating system this JVM runs on, for the few choices that differ. */
public final class Platform {

    private Platform() {}

    public static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    public static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }
}
