package dev.callgate.spi.contract;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A class loader that sees only the jars or class folders of the given classes, on top of the
 * JDK, so a test can tell exactly which of their classes some code made the JVM load.
 */
public final class IsolatedClassLoader extends URLClassLoader {

    private IsolatedClassLoader(URL[] urls) {
        super("isolated", urls, ClassLoader.getPlatformClassLoader());
    }

    /** A loader over the code sources of {@code classes}; naming a class here loads nothing. */
    public static IsolatedClassLoader over(Class<?>... classes) {
        URL[] urls = new URL[classes.length];
        for (int i = 0; i < classes.length; i++) {
            urls[i] = classes[i].getProtectionDomain().getCodeSource().getLocation();
        }
        return new IsolatedClassLoader(urls);
    }

    /** Whether this loader has loaded the class {@code name} so far. */
    public boolean hasLoaded(String name) {
        return findLoadedClass(name) != null;
    }
}
