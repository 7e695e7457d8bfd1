package dev.callgate.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A failed binding says its real cause once, in words, with JNA's error kept as the cause. */
class NativeBindingTest {

    private static NativeBinding<Object> failing(Throwable error) {
        return NativeBinding.attempt("callgate-os-test", () -> {
            if (error instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) error;
        });
    }

    private static List<String> messages(Throwable t) {
        List<String> all = new ArrayList<>();
        for (; t != null; t = t.getCause()) {
            all.add(t.getMessage());
        }
        return all;
    }

    @Test
    void aMissingFunctionIsNamedAndTheClassPathIsNotBlamed() {
        UnsatisfiedLinkError jna = new UnsatisfiedLinkError("Error looking up function 'thr_self':"
                + " /lib/x86_64-linux-gnu/libc.so.6: undefined symbol: thr_self");
        NativeBinding<Object> binding = failing(jna);
        assertFalse(binding.isBound());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, binding::require);
        assertTrue(e.getMessage().contains("needs the C function thr_self"), e.getMessage());
        assertFalse(e.getMessage().contains("class path"), e.getMessage());
        assertSame(jna, e.getCause(), "JNA's own error is the cause");
        assertEquals(2, messages(e).size(), "the explanation, then JNA's error: " + messages(e));
        assertNotEquals(messages(e).get(0), messages(e).get(1));
    }

    @Test
    void requireSaysTheFailureOnceHoweverOftenItIsCalled() {
        NativeBinding<Object> binding = failing(new UnsatisfiedLinkError("Unable to load library 'System'"));
        BackendUnavailableException first = assertThrows(BackendUnavailableException.class, binding::require);
        BackendUnavailableException second = assertThrows(BackendUnavailableException.class, binding::require);
        assertEquals(first.getMessage(), second.getMessage());
        assertEquals(1, messages(second).stream().filter(first.getMessage()::equals).count(), messages(second).toString());
        assertTrue(first.getMessage().contains("native library \"System\""), first.getMessage());
    }

    /** JNA loads its native part from RESOURCE_PREFIX ("linux-x86-64"), not from os.arch ("amd64"). */
    @Test
    void jnasNativePartIsNamedByJnasOwnResourcePrefix() {
        NativeBinding<Object> binding = failing(new UnsatisfiedLinkError("/tmp/jna123.tmp: ELF file OS ABI invalid"));
        String message = binding.failure().getMessage();
        assertTrue(message.contains("com/sun/jna/" + Platform.RESOURCE_PREFIX + "/"), message);
        assertFalse(message.contains(System.getProperty("os.arch") + " "), message);
    }

    @Test
    void aBackendUnavailableExceptionIsKeptAsItIs() {
        BackendUnavailableException own = new BackendUnavailableException("disabled. Fix: enable it.");
        NativeBinding<Object> binding = failing(own);
        assertSame(own, binding.failure());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, binding::require);
        assertEquals(own.getMessage(), e.getMessage());
        assertEquals(1, messages(e).size(), messages(e).toString());
    }

    @Test
    void aBoundLayerIsReturned() {
        NativeBinding<String> binding = NativeBinding.attempt("callgate-os-test", () -> "layer");
        assertTrue(binding.isBound());
        assertEquals("layer", binding.require());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void requireOsPassesForTheRunningOsAndNamesTheFixForAnother() {
        assertEquals("Linux", NativeBinding.runningKernel());
        NativeBinding.requireOs("callgate-os-linux", Platform.LINUX, "Linux", "linux");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> NativeBinding.requireOs("callgate-os-freebsd", Platform.FREEBSD, "FreeBSD", "freebsd"));
        assertTrue(e.getMessage().contains("exist only on FreeBSD"), e.getMessage());
        assertTrue(e.getMessage().contains("remove -Dcallgate.os=freebsd"), e.getMessage());
    }
}
