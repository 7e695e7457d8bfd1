package dev.callgate.os.linux;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Child JVM for {@link LinuxBackendChildProcessTest}: writes one line to fd 2 through
 * {@code stderr()}, and reports the writer's counters on stdout. The line comes as the hex of its
 * UTF-8 bytes: the JVM decodes its arguments with the locale's charset, which is ASCII where no
 * locale is set (a CI shell, a container), and would turn every non-ASCII character into '?'.
 */
public final class StderrLineMain {

    private StderrLineMain() {}

    public static void main(String[] args) {
        DiagnosticWriter stderr = new LinuxBackendProvider().create().stderr();
        String line = new String(HexFormat.of().parseHex(args[0]), StandardCharsets.UTF_8);
        boolean ok = stderr.write(NativeMessage.encode(line));
        System.out.println("ok=" + ok + " lastFailure=" + stderr.lastFailure());
        System.exit(ok ? 0 : 1);
    }
}
