package dev.callgate.os.linux;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;

/**
 * Child JVM for {@link LinuxBackendChildProcessTest}: writes its first argument as one line to
 * fd 2 through {@code stderr()}, and reports the writer's counters on stdout.
 */
public final class StderrLineMain {

    private StderrLineMain() {}

    public static void main(String[] args) {
        DiagnosticWriter stderr = new LinuxBackendProvider().create().stderr();
        boolean ok = stderr.write(NativeMessage.encode(args[0]));
        System.out.println("ok=" + ok + " lastFailure=" + stderr.lastFailure());
        System.exit(ok ? 0 : 1);
    }
}
