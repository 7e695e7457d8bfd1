package dev.callgate.ffm;

import dev.callgate.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * Code of an application or plugin with its own class loader that builds a gate: the foreign
 * threads the gate adopts must get that loader, not callgate's. {@link #loadedByItsOwnLoader()}
 * gives this class as a separate class loader defines it.
 */
public final class PluginBuilder {

    private PluginBuilder() {}

    /** Builds an ALLOW gate named {@code plugin} for {@code target}; called reflectively on the separately loaded class. */
    public static GatedUpcall build(MethodHandle target, FunctionDescriptor descriptor) {
        return FfmCallGate.builder(target, descriptor).name("plugin").policy(Policy.ALLOW).build();
    }

    /** This class, defined again by a loader of its own whose parent loads everything else. */
    static Class<?> loadedByItsOwnLoader() throws ClassNotFoundException {
        return new OwnLoader().loadClass(PluginBuilder.class.getName());
    }

    /** Defines {@link PluginBuilder} itself and asks its parent for every other class. */
    private static final class OwnLoader extends ClassLoader {

        OwnLoader() {
            super("plugin", PluginBuilder.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(PluginBuilder.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes = classFile(name);
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                return loaded;
            }
        }

        private static byte[] classFile(String name) {
            String resource = name.replace('.', '/') + ".class";
            try (InputStream in = PluginBuilder.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no " + resource + " on the test class path");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
