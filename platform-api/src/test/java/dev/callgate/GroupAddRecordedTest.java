package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CallbackGroup#add(GatedHandle)} over a {@link RecordingBackend}: a handle built outside
 * the group closes with it and counts in it; what callgate did not build is refused. Both kinds
 * of handle in one group, on real native threads: callgate-ffm's GroupOfBothKindsTest.
 */
class GroupAddRecordedTest {

    interface Tick extends Callback {
        void tick(int n);
    }

    private final RecordingBackend os = new RecordingBackend();

    @AfterEach
    void release() {
        os.release();
    }

    private GatedCallback<Tick> gated(String name) {
        return CallGate.builder(Tick.class, n -> {}).name(name).backend(os).diagnostics(os.stderr()).build();
    }

    @Test
    void aHandleBuiltOutsideClosesWithTheGroupAndCountsInIt() {
        GatedCallback<Tick> outside = gated("outside");
        outside.callback().tick(1); // counted before it joins: the group's sum has it too
        try (CallbackGroup group = CallGate.group("lib")) {
            GatedCallback<Tick> built = group.builder(Tick.class, n -> {}).backend(os).diagnostics(os.stderr()).build();
            assertSame(outside, group.add(outside));
            outside.callback().tick(2);

            assertEquals(List.of(built, outside), group.handles());
            assertEquals(List.of(built, outside), group.members(), "a JNA handle added is a member like the others");
            assertEquals(2, group.stats().calls());
            assertEquals("outside", outside.name(), "an added handle keeps its own name");
        }
        assertFalse(outside.isOpen(), "closed with the group");
    }

    @Test
    void whatCallgateDidNotBuildIsRefusedWithTheReason() {
        GatedHandle imitation = new GatedHandle() {
            @Override
            public String name() {
                return "imitation";
            }

            @Override
            public Policy policy() {
                return Policy.ALLOW;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public CallbackStats stats() {
                return CallbackStats.ZERO;
            }

            @Override
            public void close() {}

            @Override
            public boolean close(Duration timeout) {
                return true;
            }
        };
        try (CallbackGroup group = CallGate.group("lib")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> group.add(imitation));
            assertTrue(e.getMessage().contains("was not built by callgate"), e.getMessage());
            assertEquals("handle", assertThrows(NullPointerException.class, () -> group.add(null)).getMessage());
            assertEquals(List.of(), group.handles());
        }
    }

    @Test
    void aClosedGroupRefusesAndLeavesTheHandleAsItWas() {
        CallbackGroup group = CallGate.group("lib");
        group.close();
        GatedCallback<Tick> late = gated("late");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.add(late));

        assertTrue(e.getMessage().contains("callback group lib is closed"), e.getMessage());
        assertTrue(late.isOpen());
        late.close();
    }
}
