package dev.handrail.bench.chaos;

/**
 * What the agents of a scenario plan, per hundred plans: {@code effectPercent} runs of the effect
 * script (a {@code shell.run} that policy allows, not idempotent, which appends one line per
 * action to the effect log and then sleeps {@code effectSleepSeconds}), {@code heldPercent}
 * {@code shell.run}s of {@code echo} that policy holds for approval, and reads
 * ({@code file.read}, idempotent) for the rest.
 */
public record Mix(int effectPercent, int heldPercent, int effectSleepSeconds) {

    /** Half effects that finish at once, half reads. */
    public static final Mix STANDARD = new Mix(50, 0, 0);

    public Mix {
        if (effectPercent < 0 || heldPercent < 0 || effectPercent + heldPercent > 100 || effectSleepSeconds < 0) {
            throw new IllegalArgumentException("A mix is two shares of a hundred and a sleep of zero or more seconds");
        }
    }

    /** The kind of the {@code n}th plan of one agent: the shares hold over any hundred plans in a row, interleaved. */
    Kind kind(long n) {
        long slot = Math.floorMod(n * 37, 100);
        if (slot < effectPercent) {
            return Kind.EFFECT;
        }
        return slot < effectPercent + heldPercent ? Kind.HELD : Kind.READ;
    }

    /** What a plan asks for. */
    public enum Kind {
        READ,
        EFFECT,
        HELD
    }
}
