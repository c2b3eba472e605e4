package dev.handrail.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTallyTest {

    @Test
    void topOfStackCountsWhereEachSampleWasSpent() {
        FrameTally tally = new FrameTally("dev.handrail.");
        tally.add(List.of("java.util.HashMap.get", "dev.handrail.a.A.run"));
        tally.add(List.of("java.util.HashMap.get", "dev.handrail.b.B.run"));
        tally.add(List.of("sun.nio.ch.Net.poll", "dev.handrail.a.A.run"));
        tally.add(List.of());

        assertThat(tally.samples()).isEqualTo(3);
        assertThat(tally.topOfStack(1)).containsExactly(new FrameTally.Share("java.util.HashMap.get", 2, 200.0 / 3));
    }

    @Test
    void librariesGroupTheTopFramesByWhoseCodeTheyAre() {
        FrameTally tally = new FrameTally("dev.handrail.");
        tally.add(List.of("com.fasterxml.jackson.core.json.UTF8JsonGenerator.writeString", "dev.handrail.x.X.y"));
        tally.add(List.of("com.fasterxml.jackson.databind.ObjectMapper.readValue", "dev.handrail.x.X.y"));
        tally.add(List.of("dev.handrail.audit.store.EventAppender.insert"));
        tally.add(List.of("org.example.thing.Other.run"));

        assertThat(tally.libraries(10))
                .containsExactly(
                        new FrameTally.Share("com.fasterxml.jackson", 2, 50.0),
                        new FrameTally.Share("dev.handrail.*", 1, 25.0),
                        new FrameTally.Share("org.example", 1, 25.0));
    }

    @Test
    void theNearestOwnFrameIsCountedOncePerSample() {
        FrameTally tally = new FrameTally("dev.handrail.");
        tally.add(List.of("x.Y.z", "dev.handrail.a.A.encode", "dev.handrail.a.A.run", "dev.handrail.Main.main"));
        tally.add(List.of("x.Y.z", "dev.handrail.Main.main"));
        tally.add(List.of("x.Y.z", "java.lang.Thread.run"));

        assertThat(tally.ownFrames(5))
                .containsExactly(
                        new FrameTally.Share("dev.handrail.Main.main", 1, 100.0 / 3),
                        new FrameTally.Share("dev.handrail.a.A.encode", 1, 100.0 / 3));
    }

    @Test
    void lambdasOfOneSiteAddUpWhateverTheirAddress() {
        FrameTally tally = new FrameTally("dev.handrail.");
        tally.add(List.of("dev.handrail.bus.Bus$$Lambda.0x000000009e511c40.onMessage"));
        tally.add(List.of("dev.handrail.bus.Bus$$Lambda/0x00007f0a1c0a2b38.onMessage"));

        assertThat(tally.topOfStack(5))
                .containsExactly(new FrameTally.Share("dev.handrail.bus.Bus$$Lambda.onMessage", 2, 100.0));
    }
}
