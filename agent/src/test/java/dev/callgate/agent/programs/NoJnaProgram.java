package dev.callgate.agent.programs;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * An application that has no JNA on its class path: it prints {@code plain=ok} and exits with
 * {@code exit=N}. With {@code jna=<jar>} it first loads and initializes JNA's {@code CallbackReference}
 * in a child loader of its own (JNA living in a plug-in loader) and prints {@code jnaLoader=child}.
 * With {@code load=<class>} it loads and initializes that class from the class path (a stand-in
 * for JNA that the agent cannot hook, say) and prints {@code loaded=<class>}.
 */
public final class NoJnaProgram {

    private NoJnaProgram() {}

    public static void main(String[] args) throws Exception {
        int exit = 0;
        for (String a : args) {
            if (a.startsWith("exit=")) {
                exit = Integer.parseInt(a.substring(5));
            } else if (a.startsWith("jna=")) {
                URL jar = Path.of(a.substring(4)).toUri().toURL();
                URLClassLoader child = new URLClassLoader(new URL[] {jar}, NoJnaProgram.class.getClassLoader());
                Class<?> reference = Class.forName("com.sun.jna.CallbackReference", true, child);
                System.out.println("jnaLoader=" + (reference.getClassLoader() == child ? "child" : "other"));
            } else if (a.startsWith("load=")) {
                Class.forName(a.substring(5)); // from the class path, initialized
                System.out.println("loaded=" + a.substring(5));
            }
        }
        System.out.println("plain=ok");
        System.out.flush();
        System.exit(exit);
    }
}
