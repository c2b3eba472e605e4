package dev.handrail.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of a process, as Linux reports it in {@code /proc/<pid>/status} ({@code VmRSS}). */
public final class Rss {

    private Rss() {}

    /** The process's resident memory in MiB. */
    public static double mebibytes(long pid) {
        try {
            return parseKibibytes(Files.readString(Path.of("/proc", Long.toString(pid), "status"))) / 1024.0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the memory of process " + pid, e);
        }
    }

    /** The {@code VmRSS} value of a {@code /proc/<pid>/status} text, in KiB. */
    static long parseKibibytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    return Long.parseLong(parts[0]);
                }
            }
        }
        throw new IllegalArgumentException("No VmRSS line in the process status");
    }
}
