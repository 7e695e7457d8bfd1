package dev.callgate.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started by {@link ChildJvm#start()} that a test steers while it runs: waits for a
 * line on its standard output, writes to its standard input, sends it a signal, waits for its
 * exit. Its standard error is either drained or, from {@link ChildJvm#startWithStalledStderr()},
 * left unread on purpose, as a stalled reader.
 */
public final class RunningChild implements AutoCloseable {

    private final ChildJvm child;
    private final List<String> command;
    private final Path ownDirectory;
    private final Process process;
    private final long started = System.nanoTime();
    private final Collector stdout;
    private final Collector stderr;
    private int awaited; // stdout lines awaitLine has looked at

    RunningChild(ChildJvm child, boolean drainStderr) {
        this.child = child;
        this.command = child.command();
        this.ownDirectory = child.ownDirectory();
        this.process = child.launch(command, ownDirectory);
        this.stdout = new Collector(process.getInputStream(), "child-stdout");
        this.stderr = drainStderr ? new Collector(process.getErrorStream(), "child-stderr") : null;
    }

    /** The child's process, for its pid. */
    public Process process() {
        return process;
    }

    /**
     * Waits for a standard output line that starts with {@code prefix}, and returns it.
     *
     * @throws AssertionError if none came within {@code limit} (the child is killed)
     */
    public String awaitLine(String prefix, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (stdout) {
            while (true) {
                String text = stdout.text();
                List<String> lines = text.lines().toList();
                int whole = text.endsWith("\n") || stdout.ended ? lines.size() : lines.size() - 1;
                while (awaited < whole) { // each line is looked at once, as from a queue
                    String line = lines.get(awaited++);
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || stdout.ended) {
                    process.destroyForcibly();
                    throw new AssertionError("no line starting \"" + prefix + "\" within " + limit + "; " + describe());
                }
                TimeUnit.NANOSECONDS.timedWait(stdout, left);
            }
        }
    }

    /** Writes one line to the child's standard input ({@link ChildJvm#keepStdinOpen()}). */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            throw new AssertionError("the child did not end within " + limit.toSeconds() + " s and was killed.\n"
                    + describe());
        }
        stdout.awaitEnd();
        if (stderr != null) {
            stderr.awaitEnd();
        }
        return process.exitValue();
    }

    /**
     * Waits, up to the {@link ChildJvm#timeout(Duration)} of the child, for it to end, and returns
     * what it did.
     *
     * @throws AssertionError if it is still running then (it is killed)
     */
    public ChildJvmResult awaitResult() {
        int status;
        try {
            status = awaitExit(child.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while waiting for the child; " + describe(), e);
        }
        return new ChildJvmResult(command, status, stdout.text(), stderr == null ? "" : stderr.text(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Standard output so far, one entry per line. */
    public List<String> stdoutLines() {
        return stdout.text().lines().toList();
    }

    /** The command and the output so far, for an assertion message. */
    public String describe() {
        return "command: " + String.join(" ", command) + "\n--- stdout so far ---\n" + stdout.text()
                + "\n--- stderr so far ---\n" + (stderr == null ? "(not read)" : stderr.text());
    }

    /** Kills the child if it still runs. */
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

    /** Reads one stream of the child to its end on a daemon thread; waiters on it are woken at each read. */
    private static final class Collector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;
        private volatile boolean ended;

        Collector(InputStream in, String name) {
            reader = new Thread(() -> drain(in), name);
            reader.setDaemon(true);
            reader.start();
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    synchronized (this) {
                        bytes.write(buffer, 0, n);
                        notifyAll();
                    }
                }
            } catch (IOException closedWhenKilled) {
                // the process was destroyed: keep what was read
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** Waits for the end of the stream (bounded: a grandchild may hold the pipe open). */
        void awaitEnd() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
