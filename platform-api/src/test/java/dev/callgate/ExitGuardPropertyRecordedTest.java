package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A bad {@code callgate.exitGuard} fails every {@code build()} with a message that names the fix. */
class ExitGuardPropertyRecordedTest {

    interface IntOp extends Callback {
        int invoke(int a, int b);
    }

    private final RecordingBackend os = new RecordingBackend();

    @AfterEach
    void clearProperty() {
        System.clearProperty("callgate.exitGuard");
    }

    private GatedCallback<IntOp> build() {
        return CallGate.builder(IntOp.class, (IntOp) (a, b) -> a + b).backend(os).diagnostics(os.stderr()).build();
    }

    @Test
    void anUnknownValueIsAnIllegalArgumentExceptionFromEveryBuild() {
        System.setProperty("callgate.exitGuard", "maybe");
        for (int attempt = 0; attempt < 2; attempt++) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, this::build);
            assertTrue(bad.getMessage().contains("-Dcallgate.exitGuard=maybe is not one of auto (the default), always,"
                    + " off, true (= auto), false (= off); fix the value"), bad.getMessage());
        }
        System.setProperty("callgate.exitGuard", "off");
        try (GatedCallback<IntOp> fixed = build()) {
            assertTrue(fixed.isOpen(), "once the value is fixed, build() works");
        }
    }

    @Test
    void everyDocumentedValueBuilds() {
        for (String value : new String[] {"auto", "always", "off", "true", "false", " OFF "}) {
            System.setProperty("callgate.exitGuard", value);
            try (GatedCallback<IntOp> gate = build()) {
                assertEquals(3, gate.callback().invoke(1, 2), value);
            }
        }
    }
}
