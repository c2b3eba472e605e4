package dev.handrail.bench.profile;

import java.util.List;

/**
 * What a CPU profile of one service showed while a scenario ran: how many execution samples JFR
 * took, the libraries and methods most often on top of the stack (where the CPU was spent), and
 * the Handrail methods nearest to the top (which of our code led there).
 *
 * @param file the recording, for {@code jfr print --events jdk.ExecutionSample <file>}
 */
public record ProfileSummary(
        String scenario,
        String service,
        long samples,
        List<FrameTally.Share> libraries,
        List<FrameTally.Share> topOfStack,
        List<FrameTally.Share> handrailFrames,
        String file) {

    public ProfileSummary {
        libraries = List.copyOf(libraries);
        topOfStack = List.copyOf(topOfStack);
        handrailFrames = List.copyOf(handrailFrames);
    }
}
