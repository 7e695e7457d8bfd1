package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.CallbackRoute;
import dev.callgate.GatedCallback;
import org.junit.jupiter.api.Test;

/**
 * On the FFM route {@code callback()} is JNA's proxy for the stub, which sends every method it is
 * called with to the native function: a default method of the interface would become a native call
 * with the wrong arguments. Such interfaces keep JNA's route, where those methods reach the body.
 */
class ExtraMethodsKeepJnaRouteTest {

    interface Labelled extends Callback {
        int callback(Pointer a, Pointer b);

        default String label() {
            return "labelled";
        }
    }

    @Test
    void anInterfaceWithADefaultMethodKeepsJnaRouteAndItsMethodStillReachesTheBody() {
        try (GatedCallback<Labelled> gate = CallGate.builder(Labelled.class, (a, b) -> 7).build()) {
            assertEquals(CallbackRoute.JNA, gate.route());
            assertTrue(gate.routeReason().contains("has methods besides callback (label)"), gate.routeReason());
            assertEquals("labelled", gate.callback().label());
            assertEquals(7, gate.callback().callback(null, null));
        }
    }
}
