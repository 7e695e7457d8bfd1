package dev.callgate.os.freebsd;

import dev.callgate.spi.contract.IsolatedClassLoader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.callgate.spi.OsBackendProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Finding, creating and asking the provider through {@link ServiceLoader} loads neither JNA's
 * {@code Native} (which would load JNA's native library) nor the libc binding. Run in a class
 * loader of its own, so classes other tests loaded do not count.
 */
class FreeBsdBackendProviderLoadsNoNativeCodeTest {

    @Test
    void serviceLoaderFindsAndAsksTheProviderWithoutLoadingNativeCode() throws Exception {
        try (IsolatedClassLoader loader =
                IsolatedClassLoader.over(FreeBsdBackendProvider.class, OsBackendProvider.class, Pointer.class)) {
            Class<?> spi = loader.loadClass(OsBackendProvider.class.getName());
            List<Object> providers = new ArrayList<>();
            ServiceLoader.load(spi, loader).forEach(providers::add);

            assertEquals(List.of(FreeBsdBackendProvider.class.getName()),
                    providers.stream().map(p -> p.getClass().getName()).toList(), "META-INF/services lists it");
            Object provider = providers.get(0);
            assertEquals("freebsd", spi.getMethod("id").invoke(provider));
            Object match = spi.getMethod("match", String.class, String.class).invoke(provider, "FreeBSD", "amd64");
            assertEquals(true, match.getClass().getMethod("serves").invoke(match));
            spi.getMethod("artifact").invoke(provider);

            assertTrue(loader.hasLoaded(FreeBsdBackendProvider.class.getName()), "the provider came from this loader");
            assertFalse(loader.hasLoaded("com.sun.jna.Native"), "JNA's Native was loaded");
            assertFalse(loader.hasLoaded(FreeBsdLibC.class.getName()), "the libc binding was loaded");
        }
    }
}
