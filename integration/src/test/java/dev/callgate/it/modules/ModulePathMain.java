package dev.callgate.it.modules;

import dev.callgate.internal.Backends;
import dev.callgate.CallGate;
import dev.callgate.spi.NativeMessage;

/**
 * A class-path application using callgate from the module path: prints which modules the API and
 * the selected backend came from, then writes one diagnostic through the backend.
 */
public final class ModulePathMain {

    private ModulePathMain() {}

    public static void main(String[] args) {
        Backends.Selected selection = Backends.selected();
        System.out.println("api module: " + CallGate.class.getModule().getName());
        System.out.println("backend: " + selection.backend().id());
        System.out.println("backend module: " + selection.backend().getClass().getModule().getName());
        System.out.println("jna module: " + com.sun.jna.Native.class.getModule().getName());
        boolean written = selection.backend().stderr().write(NativeMessage.encode("callgate: written from the module path"));
        System.exit(written ? 0 : 1);
    }
}
