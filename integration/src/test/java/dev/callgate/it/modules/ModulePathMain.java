package dev.callgate.it.modules;

import dev.callgate.CallGate;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.OsBackendProvider;
import java.util.ServiceLoader;

/**
 * A class-path application using callgate from the module path, through what {@code dev.callgate}
 * exports to it (its machinery is not): prints which modules the API and the selected backend
 * came from, then writes one diagnostic through the backend.
 */
public final class ModulePathMain {

    private ModulePathMain() {}

    public static void main(String[] args) {
        String selected = CallGate.selection().id();
        OsBackendProvider provider = ServiceLoader.load(OsBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.id().equals(selected)).findFirst().orElseThrow();
        System.out.println("api module: " + CallGate.class.getModule().getName());
        System.out.println("backend: " + selected);
        System.out.println("backend module: " + provider.getClass().getModule().getName());
        System.out.println("jna module: " + com.sun.jna.Native.class.getModule().getName());
        System.out.println("dev.callgate.internal exported to the class path: "
                + CallGate.class.getModule().isExported("dev.callgate.internal", ModulePathMain.class.getModule()));
        boolean written = provider.create().stderr().write(NativeMessage.encode("callgate: written from the module path"));
        System.exit(written ? 0 : 1);
    }
}
