package dev.handrail.policy.blocked;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises a path that names a disk or other device however it is spelled: {@code /dev/sda},
 * {@code //dev/sda}, {@code /dev/../dev/./sda}, {@code /proc/self/root/dev/sda},
 * {@code ../../dev/sda}, {@code \\.\PhysicalDrive0}. The pseudo-devices that hold no data
 * ({@code /dev/null}, {@code /dev/zero}, {@code /dev/stdout}, {@code /dev/fd/1} …) are not
 * devices here. Lexical only: nothing is looked up on any disk. Pure.
 */
final class DevicePaths {

    private static final Set<String> HARMLESS =
            Set.of("null", "zero", "full", "random", "urandom", "tty", "stdin", "stdout", "stderr", "ptmx", "console");
    private static final Set<String> HARMLESS_DIRECTORIES = Set.of("fd", "pts", "shm", "mqueue");

    private DevicePaths() {}

    /** Whether {@code path} names a device that holds data. */
    static boolean isDevice(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("\\\\.\\")
                || lower.startsWith("\\\\?\\")
                || lower.startsWith("//./")
                || lower.startsWith("//?/")) {
            String name = lower.substring(4);
            return !name.startsWith("pipe") && !name.startsWith("nul") && !name.startsWith("mailslot");
        }
        Deque<String> segments = normalised(path);
        if (segments.isEmpty() || !segments.peekFirst().equals("dev") || segments.size() < 2) {
            return false;
        }
        segments.removeFirst();
        String first = segments.peekFirst();
        return !(segments.size() == 1 && HARMLESS.contains(first)) && !HARMLESS_DIRECTORIES.contains(first);
    }

    /**
     * The segments of an absolute path with {@code .}, {@code ..}, repeated slashes and a
     * {@code /proc/<pid>/root} prefix resolved; a relative path that climbs out of where it
     * starts ({@code ../../dev/sda}) is read from the root, as enough {@code ..} would reach it.
     * Empty for any other relative path.
     */
    private static Deque<String> normalised(String path) {
        Deque<String> segments = new ArrayDeque<>();
        boolean absolute = path.startsWith("/");
        if (!absolute && !path.startsWith("..")) {
            return segments;
        }
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
            if (segments.size() == 3
                    && segments.peekFirst().equals("proc")
                    && segments.peekLast().equals("root")) {
                segments.clear();
            }
        }
        return segments;
    }
}
