package dev.callgate.internal;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.OsBackend;

/**
 * A child JVM for what is decided once per JVM. {@code guard}: hands the exit guard a backend whose
 * guard installs nothing but says it did, then prints {@code guard: <status>}, whether the
 * {@code callgate.exitGuard} setting let it be installed. {@code channel}: asks for the shared
 * diagnostic channel twice and prints what each call threw.
 */
public final class OncePerJvmMain {

    private OncePerJvmMain() {}

    public static void main(String[] args) {
        if (args[0].equals("channel")) {
            for (int i = 1; i <= 2; i++) {
                try {
                    System.out.println("channel " + i + ": " + DiagnosticChannel.shared().timeoutNanos() + " ns");
                } catch (Throwable t) {
                    System.out.println("channel " + i + ": " + t.getClass().getName() + ": " + t.getMessage());
                }
            }
            return;
        }
        OsBackend java = new JavaFallbackBackend();
        ExitGuard.installOnce(new OsBackend() {
            @Override
            public String id() {
                return "guarded";
            }

            @Override
            public DiagnosticWriter stderr() {
                return java.stderr();
            }

            @Override
            public DiagnosticWriter writerTo(long target) {
                return java.writerTo(target);
            }

            @Override
            public long currentNativeThreadId() {
                return java.currentNativeThreadId();
            }

            @Override
            public void abort() {
                java.abort();
            }

            @Override
            public String installExitGuard() {
                return "installed";
            }
        });
        System.out.println("guard: " + ExitGuard.status());
    }
}
