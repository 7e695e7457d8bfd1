package dev.callgate.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started from a {@link ChildJvm} command that a test steers while it runs: waits for a
 * line on its standard output, sends it a signal, times its exit. Its standard error is either
 * drained or left unread on purpose, as a stalled reader ({@link #stalledStderr}).
 */
public final class RunningChild implements AutoCloseable {

    private final Process process;
    private final Path ownDirectory;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new CopyOnWriteArrayList<>();
    private final List<String> stderrSeen = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    private RunningChild(ChildJvm child, boolean drainStderr) {
        this.ownDirectory = child.ownDirectory();
        this.process = child.start(child.command(), ownDirectory);
        readers.add(pump(process.getInputStream(), line -> {
            stdoutSeen.add(line);
            stdout.add(line);
        }));
        if (drainStderr) {
            readers.add(pump(process.getErrorStream(), stderrSeen::add));
        }
    }

    /** Starts {@code child} as {@link ChildJvm#run()} would; both streams are read as the child writes them. */
    public static RunningChild start(ChildJvm child) {
        return new RunningChild(child, true);
    }

    /** Starts {@code child} with its standard error a pipe that nobody reads: a stalled reader. */
    public static RunningChild stalledStderr(ChildJvm child) {
        return new RunningChild(child, false);
    }

    /** Waits for a standard output line that starts with {@code prefix}, and returns it. */
    public String awaitLine(String prefix, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? stdout.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                process.destroyForcibly();
                throw new AssertionError("no line starting \"" + prefix + "\" within " + limit + "; " + describe());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Sends SIGTERM, as {@code kill} does. */
    public void terminate() {
        process.destroy();
    }

    /**
     * Waits for the child to end and for the last of its output to be read. A child still running
     * at the limit is killed, and the test fails with what it printed: a hang is a failure with
     * evidence.
     *
     * @return the exit status
     */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the child did not end within " + limit + " (killed); " + describe());
        }
        for (Thread reader : readers) {
            reader.join(TimeUnit.SECONDS.toMillis(10)); // a grandchild holding the pipe open is not waited for longer
        }
        return process.exitValue();
    }

    public List<String> stdoutLines() {
        return List.copyOf(stdoutSeen);
    }

    public String describe() {
        return "stdout: " + stdoutSeen + "; stderr: " + stderrSeen;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ChildJvm.removeIfEmpty(ownDirectory);
    }

    private static Thread pump(java.io.InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException ignored) { // the child is gone
            }
        }, "child-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
