package dev.handrail.policy.blocked;

/**
 * The three command-line languages a shell command may be written in. They quote, escape and
 * separate commands differently; a command line of unknown origin is read in all three.
 */
public enum ShellDialect {
    /** POSIX shells: {@code '...'}, {@code "..."} with backslash escapes, {@code $(...)} and backticks. */
    SH,
    /** Windows {@code cmd.exe}: {@code "..."} only, {@code ^} escapes, {@code &} separates. */
    CMD,
    /** PowerShell: {@code '...'} and {@code "..."}, backtick escapes, {@code $(...)} subexpressions. */
    POWERSHELL
}
