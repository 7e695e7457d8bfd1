package dev.callgate.internal;

/**
 * A child JVM for what is decided once per JVM: asks for the shared diagnostic channel twice and
 * prints what each call threw.
 */
public final class OncePerJvmMain {

    private OncePerJvmMain() {}

    public static void main(String[] args) {
        for (int i = 1; i <= 2; i++) {
            try {
                System.out.println("channel " + i + ": " + DiagnosticChannel.shared().timeoutNanos() + " ns");
            } catch (Throwable t) {
                System.out.println("channel " + i + ": " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
    }
}
