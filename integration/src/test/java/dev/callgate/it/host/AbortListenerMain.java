package dev.callgate.it.host;

import dev.callgate.CallGate;
import dev.callgate.DiagnosticListener;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.PosixThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * The child program of {@link AbortReachesListenersTest}: registers listeners, then a
 * {@code pthread_create}d thread calls a callback gated with {@link Policy#ABORT}. {@code args[0]}
 * is {@code file} (two listeners, each appending {@code <its name> <kind> <line>} to the file
 * {@code args[1]}) or {@code blocking} (a listener that never returns, then one that writes the
 * file). Prints {@code aborting at <nanoTime>} just before the call that must end the process.
 */
public final class AbortListenerMain {

    private AbortListenerMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        if (args[0].equals("blocking")) {
            CallGate.addListener(d -> {
                try {
                    new CountDownLatch(1).await(); // for ever: a logger stuck on a dead socket
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } else {
            CallGate.addListener(appender("first", file));
        }
        CallGate.addListener(appender("second", file));
        GatedCallback<PosixThreads.StartRoutine> gated = CallGate.builder(PosixThreads.StartRoutine.class,
                (PosixThreads.StartRoutine) arg -> {
                    throw new AssertionError("ABORT ran the body");
                }).name("abort-listened").policy(Policy.ABORT).build();
        System.out.println("aborting at " + System.nanoTime());
        System.out.flush();
        PosixThreads.runAndJoin(gated.callback(), null);
        System.out.println("still alive after ABORT");
    }

    /** A listener that appends one line per diagnostic, with a plain write(2) each: nothing buffered in Java. */
    private static DiagnosticListener appender(String name, Path file) {
        return d -> {
            try {
                Files.writeString(file, name + " " + d.kind() + " " + d.line() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
