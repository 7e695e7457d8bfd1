package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Pointer;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Over a recording backend (the OS write is faked; JNA is real), hands each gated proxy to JNA itself ({@link CallbackReference#getFunctionPointer(Callback)},
 * which builds the real native trampoline): every interface shape {@code build()} accepts is one
 * JNA accepts, and the shapes JNA would refuse are refused at {@code build()} with the reason.
 */
class JnaAcceptsEveryGatedShapeRecordedTest {

    interface Single extends Callback {
        int invoke(int a);
    }

    interface NamedCallbackAmongOthers extends Callback {
        int callback(int a);

        int helper(int a);
    }

    interface Base extends Callback {
        int invoke(int a);
    }

    interface Inherited extends Base {}

    interface DefaultNamedCallback extends Callback {
        int apply(int a);

        default int callback(int a) {
            return apply(a) * 2;
        }
    }

    interface WithDefault extends Callback {
        int apply(int a);

        default int twice(int a) {
            return 2 * apply(a);
        }
    }

    interface WithObjectMethodNames extends Callback {
        int invoke(int a);

        @Override
        String toString();
    }

    private final RecordingBackend os = new RecordingBackend();

    private <T extends Callback> Pointer accepted(Class<T> type, T body) {
        try (GatedCallback<T> gated = CallGate.builder(type, body).backend(os).build()) {
            Pointer fn = CallbackReference.getFunctionPointer(gated.callback());
            assertNotNull(fn, type.getSimpleName());
            assertTrue(Pointer.nativeValue(fn) != 0, type.getSimpleName());
            return fn;
        }
    }

    @Test
    void jnaTakesEveryShapeThatBuilds() {
        accepted(Single.class, a -> a);
        accepted(NamedCallbackAmongOthers.class, new NamedCallbackAmongOthers() {
            @Override
            public int callback(int a) {
                return a;
            }

            @Override
            public int helper(int a) {
                return a;
            }
        });
        accepted(Inherited.class, a -> a);
        accepted(DefaultNamedCallback.class, a -> a);
        accepted(WithObjectMethodNames.class, a -> a);
    }

    @Test
    void theMethodJnaCallsIsTheOneGated() {
        try (GatedCallback<DefaultNamedCallback> gated =
                CallGate.builder(DefaultNamedCallback.class, (DefaultNamedCallback) a -> a + 1).backend(os).build()) {
            assertEquals(8, gated.callback().callback(3), "JNA calls callback(), which runs the body's default");
            assertEquals(1, gated.stats().calls());
        }
    }

    @Test
    void jnaRefusesAProxyOfTheDefaultMethodShapeSoBuildDoesToo() {
        WithDefault plain = a -> a;
        // A gate is a java.lang.reflect.Proxy, which implements the default method too; JNA then
        // finds two public methods and refuses it at the native call.
        WithDefault proxy = (WithDefault) Proxy.newProxyInstance(WithDefault.class.getClassLoader(),
                new Class<?>[] {WithDefault.class}, (self, method, args) -> 0);
        IllegalArgumentException byJna = assertThrows(IllegalArgumentException.class,
                () -> CallbackReference.getFunctionPointer(proxy));
        assertTrue(byJna.getMessage().contains("Callback must implement a single public method"), byJna.getMessage());

        Supplier<GatedCallback.Builder<WithDefault>> gating = () -> CallGate.builder(WithDefault.class, plain);
        IllegalArgumentException byCallgate = assertThrows(IllegalArgumentException.class, gating::get);
        assertTrue(byCallgate.getMessage().contains("(apply, twice)"), byCallgate.getMessage());
    }
}
