package dev.handrail.contracts.program;

/** What an argument makes an otherwise harmless program do. */
public enum ArgumentRisk {
    /** Writes, edits or deletes files ({@code sort -o}, {@code sed -i}, {@code find -delete}). */
    WRITES_FILES("writes or deletes files"),
    /** Runs another program or code ({@code find -exec}, {@code tar --to-command}, awk's {@code system()}). */
    RUNS_PROGRAMS("runs other programs"),
    /** Changes the machine's settings ({@code date -s}, {@code hostname NAME}, {@code ipconfig /release}). */
    CHANGES_SYSTEM("changes the machine's settings");

    private final String description;

    ArgumentRisk(String description) {
        this.description = description;
    }

    /** The risk in a few words, for messages. */
    public String description() {
        return description;
    }
}
