package dev.callgate.internal;

import dev.callgate.Attachment;
import dev.callgate.CallbackStats;
import dev.callgate.Diagnostic;
import dev.callgate.DiagnosticKind;
import dev.callgate.ExceptionReporting;
import dev.callgate.Policy;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.OsBackend;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The gate in front of one callback, independent of how the call arrives (a JNA proxy, the java
 * agent's advice, an FFM method handle). Made by {@link GateSpec}, the one construction path. A
 * caller brackets the body ({@link BodyBracket} for reflective calls, {@code UpcallGate} in
 * callgate-ffm for method handles):
 *
 * <pre>{@code
 * CallbackGate.Entry entry = gate.enter();
 * if (entry == null) return fallback;          // closed, shutting down, rejected: body not run
 * try { return body(...); }
 * catch (Throwable t) { gate.contain(t); return fallback; }
 * finally { gate.exit(entry); }
 * }</pre>
 *
 * <p>On a JVM thread with the gate open, {@link #enter()} is one volatile read of the shutdown
 * flag and of {@code closed}, one cached per-thread lookup and one counter increment; {@link #exit}
 * is one more increment. No allocation, no lock. {@link #close()} is a barrier: it returns once
 * no body admitted before it is still running, except the caller's own and, when the caller runs a
 * body itself, those of threads that are closing too (see {@link ThreadBodies}).
 */
public final class CallbackGate {

    /** Property: the exit guard's mode, see {@link ExitGuard.Mode}. */
    public static final String EXIT_GUARD_PROPERTY = Settings.EXIT_GUARD;

    /** Backends whose abort has begun; true once it returned (only a test backend's does). */
    private static final Map<OsBackend, Boolean> ABORTS = new ConcurrentHashMap<>();

    private final String name;
    private final Policy policy;
    private final Attachment attachment;
    private final ExceptionReporting exceptionReporting;
    private final String fallbackText;
    private final OsBackend backend;
    private final DiagnosticWriter writer;
    private final Predicate<StackWalker.StackFrame> jvmEntry;
    private final GateCounters counters = new GateCounters();
    private final CloseState closeState = new CloseState();
    private final GateEntries threads = new GateEntries(closeState);
    private final NativeMessage afterCloseLine;
    private final NativeMessage shutdownLine;
    private final AtomicBoolean foreignReported = new AtomicBoolean();
    private final AtomicBoolean afterCloseReported = new AtomicBoolean();
    private final AtomicBoolean shutdownReported = new AtomicBoolean();
    private final Set<Class<?>> exceptionClassesReported = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile long gaveUpAfterNanos = -1; // the bound of the last close that gave up; -1: none did
    private Runnable afterClose; // guarded by closeState
    private boolean afterCloseRan; // guarded by closeState

    /**
     * @param name the callback's name in diagnostics
     * @param fallbackText what native code gets when the body does not run, as the lines say it
     *     ("0", "null", "nothing" for void)
     * @param jvmEntry which bottom stack frames belong to threads the JVM created; see {@link ThreadOrigin}
     * @see GateSpec the one way front ends make a gate
     */
    CallbackGate(String name, Policy policy, Attachment attachment, ExceptionReporting exceptionReporting,
            String fallbackText, OsBackend backend, DiagnosticWriter writer,
            Predicate<StackWalker.StackFrame> jvmEntry) {
        this.name = name;
        this.policy = policy;
        this.attachment = attachment;
        this.exceptionReporting = exceptionReporting;
        this.fallbackText = fallbackText;
        this.backend = backend;
        this.writer = writer;
        this.jvmEntry = jvmEntry;
        this.afterCloseLine = Lines.calledAfterClose(name, fallbackText);
        this.shutdownLine = Lines.calledDuringShutdown(name, fallbackText);
        ShutdownWatch.install();
        DiagnosticChannel.shared().start();
        ExitGuard.gateBuilt(backend); // validates the property; binds here, on a Java thread, not in a native thread's first call
        warmUp(jvmEntry);
    }

    /**
     * Runs, once and on the thread that builds the gate, what a native thread's first call would
     * otherwise load and link: the stack walk, the JFR check, the line builder. The first
     * diagnosis on a native thread then costs what later ones do.
     */
    private void warmUp(Predicate<StackWalker.StackFrame> rule) {
        ThreadOrigin.isForeign(rule);
        ThreadOrigin.warmUp(rule); // the creating thread's answer skips the walk that a native thread takes
        FlightRecording.isRecording();
        foreignLine(0);
        switch (policy) { // loads javac's lookup table for admitForeign's switch (CallbackGate$1) here, not on a native thread
            case ABORT:
            default:
                break;
        }
        Entry probe = new Entry(false, 0);
        new ThreadExits().register(probe); // a throwaway tally: links what a thread's first call and exit run
        ThreadExits.finished(probe);
        ThreadBodies.listedOnThisThread(); // the list a native thread's first entry joins
        new GateCounters().count(DiagnosticChannel.Outcome.DROPPED);
        ListenerRelay.active();
        DiagnosticKind.values();
    }

    public String name() {
        return name;
    }

    public Policy policy() {
        return policy;
    }

    public Attachment attachment() {
        return attachment;
    }

    public boolean isOpen() {
        return !closed;
    }

    public CallbackStats stats() {
        return counters.snapshot();
    }

    /** The counters, for {@link OpenCallbacks}' totals. */
    GateCounters counters() {
        return counters;
    }

    /**
     * Lets a call in. Returns the thread's entry when the body may run (pass it to {@link #exit}),
     * or null when it must not (closed, shutting down, rejected): return the default value then.
     * Under {@link Policy#ABORT} on a foreign thread, does not return. Never throws.
     */
    public Entry enter() {
        counters.calls.increment(); // before reading closed: close() then sees this call or it sees closed
        if (closed) {
            counters.callsAfterClose.increment();
            reportOnce(afterCloseReported, afterCloseLine, DiagnosticKind.AFTER_CLOSE);
            counters.finished.increment();
            return null;
        }
        if (ShutdownWatch.shuttingDown()) {
            if (attachment == Attachment.KEEP_ATTACHED && threads.get() == null) {
                classifyCurrentThread(); // a new kept-attached thread must arm the exit guard, even now
            }
            counters.callsDuringShutdown.increment();
            reportOnce(shutdownReported, shutdownLine, DiagnosticKind.DURING_SHUTDOWN);
            counters.finished.increment();
            return null;
        }
        Entry here = threads.get();
        if (here == null) {
            here = classifyCurrentThread();
        }
        if (here.foreign && !admitForeign(here)) {
            counters.finished.increment();
            return null;
        }
        here.depth++;
        return here;
    }

    /** Ends a call that {@link #enter()} let in. */
    public void exit(Entry entry) {
        entry.depth--;
        ThreadExits.finished(entry); // no locked instruction: see ThreadExits
    }

    /**
     * The body threw {@code thrown}: counts it and writes one line (per exception class, or every
     * time, as configured). The caller then returns the default value. Never throws.
     */
    public void contain(Throwable thrown) {
        try {
            counters.exceptions.increment();
            Class<?> type = thrown.getClass();
            if (exceptionReporting == ExceptionReporting.ONCE_PER_CLASS && !exceptionClassesReported.add(type)) {
                return;
            }
            String message;
            try {
                message = thrown.getMessage();
            } catch (Throwable t) {
                message = "<getMessage() threw " + t.getClass().getName() + ">";
            }
            NativeMessage encoded = Lines.threw(name, type, message, fallbackText,
                    exceptionReporting == ExceptionReporting.ONCE_PER_CLASS);
            write(encoded);
            tell(DiagnosticKind.EXCEPTION, encoded, currentThreadIdOrZero(), thrown);
        } catch (Throwable failed) { // out of memory while building the line: still return
            counters.diagnosticsFailed.increment();
        }
    }

    /**
     * Closes the gate and waits until no admitted body is running on another thread (see
     * {@link #closeAll(List)}). Unbounded, unless an earlier close of this gate gave up: then it
     * waits at most that close's bound, so a second close never waits for ever on a body the
     * first one found stuck.
     *
     * @return true when quiet; false when the wait gave up (one line says how many calls still ran)
     */
    public boolean close() {
        return closeAll(List.of(this), 0, true);
    }

    /**
     * {@link #close()} waiting at most {@code timeoutNanos}: zero or less looks once and does not
     * wait; {@link Long#MAX_VALUE} is, in practice, for ever.
     */
    public boolean close(long timeoutNanos) {
        return closeAll(List.of(this), timeoutNanos, false);
    }

    /** {@link #close()} for several gates at once: every gate is closed before any is waited for. */
    public static boolean closeAll(List<CallbackGate> gates) {
        return closeAll(gates, 0, true);
    }

    /** {@link #close(long)} for several gates at once, one deadline for all. */
    public static boolean closeAll(List<CallbackGate> gates, long timeoutNanos) {
        return closeAll(gates, timeoutNanos, false);
    }

    /**
     * Closes every gate first, so that none admits a call while another is awaited, then waits for
     * each. What the calling thread waits for depends on whether it runs a gated body itself
     * ({@link ThreadBodies}): if not, for every body of these gates; if so, for the bodies of
     * threads that are not closing anything themselves (theirs would wait for it).
     */
    private static boolean closeAll(List<CallbackGate> gates, long timeoutNanos, boolean untilQuiet) {
        for (CallbackGate gate : gates) {
            gate.markClosed();
        }
        for (CallbackGate gate : gates) {
            gate.listOwnBody();
        }
        long started = System.nanoTime();
        boolean quiet = true;
        boolean runsBody = ThreadBodies.beginClose();
        try {
            for (CallbackGate gate : gates) {
                long bound = untilQuiet ? gate.gaveUpAfterNanos : timeoutNanos;
                quiet &= gate.awaitQuiet(started, bound, untilQuiet && bound < 0, runsBody);
            }
        } finally {
            ThreadBodies.endClose();
        }
        for (CallbackGate gate : gates) {
            OpenCallbacks.closed(gate); // native code may still call: it gets the default value
            gate.runAfterClose();
        }
        return quiet;
    }

    /**
     * Runs {@code task} once, after the first {@code close()} of this gate has waited (or given
     * up): the FFM route lets go of the body there. Runs it at once if that has happened already.
     */
    public void afterClose(Runnable task) {
        synchronized (closeState) {
            if (!afterCloseRan) {
                afterClose = task;
                return;
            }
        }
        task.run();
    }

    private void runAfterClose() {
        Runnable task;
        synchronized (closeState) {
            task = afterClose;
            afterClose = null;
            afterCloseRan = true;
        }
        if (task != null) {
            task.run();
        }
    }

    /**
     * Stops admitting calls without waiting. Idempotent.
     */
    public void markClosed() {
        closed = true;
        closeState.state = CloseState.CLOSED;
    }

    /**
     * Lists the calling thread's running body of this (closed) gate among its {@link ThreadBodies}
     * if the gate was not held when the thread first came (a gate built without a handle): a body
     * that closes its own gate is then closing like any other.
     */
    private void listOwnBody() {
        Entry own = threads.get();
        if (own != null && own.closeState == null && own.depth > 0) {
            ThreadBodies.register(own, closeState);
        }
    }

    /** A handle that can close this gate holds it: threads' entries then join their {@link ThreadBodies}. */
    void heldByHandle() {
        if (closeState.state == CloseState.UNHELD) {
            closeState.state = CloseState.OPEN;
        }
    }

    /**
     * Calls inside the gate now, on any thread, admitted or being refused: nonzero means a stub or
     * trampoline still runs Java code for this gate.
     */
    public long callsInside() {
        return counters.inFlight();
    }

    /**
     * Waits until no body admitted before {@link #markClosed()} is running on another thread, or
     * on a thread that is not closing when {@code runsBody}.
     *
     * @param started a {@link System#nanoTime()} value the bound counts from
     * @param timeoutNanos the bound; zero or less looks once
     * @param forever ignore the bound
     * @param runsBody whether the calling thread runs a gated body (then its own and other
     *     closing threads' bodies are not waited for)
     * @return false when the bound passed first (and says so in one line)
     */
    private boolean awaitQuiet(long started, long timeoutNanos, boolean forever, boolean runsBody) {
        long bound = Math.max(0, timeoutNanos); // Long.MIN_VALUE - waited would overflow to a long wait
        boolean interrupted = false;
        long pause = 1_000;
        try {
            while (true) {
                // inFlight first: a body counted as closing afterwards was running (so counted) then
                long running = counters.inFlight() - (runsBody ? closeState.closingBodies.get() : 0);
                if (running <= 0) {
                    return true;
                }
                long waited = System.nanoTime() - started;
                long left = bound - waited; // no deadline sum: a huge bound must not overflow
                if (!forever && left <= 0) {
                    gaveUpAfterNanos = bound;
                    reportCloseTimeout(running, waited);
                    return false;
                }
                LockSupport.parkNanos(this, forever ? pause : Math.min(pause, left));
                pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(1));
                interrupted |= Thread.interrupted();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt(); // close() waits on; the interrupt is kept for the caller
            }
        }
    }

    private void reportCloseTimeout(long running, long waitedNanos) {
        NativeMessage line = Lines.closeGaveUp(name, TimeUnit.NANOSECONDS.toMillis(waitedNanos), running);
        write(line);
        tell(DiagnosticKind.CLOSE_TIMED_OUT, line, 0, null);
    }

    /** Applies the policy to a call on a foreign thread; false when the body must not run. */
    private boolean admitForeign(Entry here) {
        counters.foreignCalls.increment();
        switch (policy) {
            case ALLOW:
                return true;
            case WARN_ONCE:
                if (firstTime(foreignReported)) {
                    diagnoseForeign(here, DiagnosticKind.FOREIGN_THREAD);
                }
                return true;
            case WARN:
                diagnoseForeign(here, DiagnosticKind.FOREIGN_THREAD);
                return true;
            case REJECT:
                counters.rejected.increment();
                if (firstTime(foreignReported)) {
                    diagnoseForeign(here, DiagnosticKind.FOREIGN_THREAD);
                }
                return false;
            case ABORT:
                abortProcess(here);
                return false;
            default:
                throw new AssertionError(policy);
        }
    }

    /**
     * One line, then the process ends; any other thread that gets here meanwhile writes nothing.
     * The line goes to the listeners first (ahead of their queue), then to standard error, and the
     * process ends once both are done or when the diagnostic bound and its scheduling grace have
     * passed since the start, whichever is first: a stalled standard error or a listener that
     * blocks never keeps the process alive past that.
     */
    private void abortProcess(Entry here) {
        if (ABORTS.putIfAbsent(backend, Boolean.FALSE) == null) {
            long deadline = System.nanoTime() + DiagnosticChannel.shared().timeoutNanos()
                    + DiagnosticChannel.SCHEDULING_GRACE_NANOS;
            NativeMessage line = foreignLine(here);
            Diagnostic told = null;
            if (ListenerRelay.active()) {
                told = new Diagnostic(DiagnosticKind.ABORT, name, line.toString(), here.nativeThreadId, null);
                ListenerRelay.publishLast(told); // the listener thread works while this one writes
            }
            write(line);
            FlightRecording.foreignCallback(name, here.nativeThreadId, policy, backend.id());
            if (told != null) {
                ListenerRelay.awaitLast(told, deadline);
            }
            try {
                backend.abort();
            } catch (Throwable recorded) { // a test backend's abort that throws instead of ending the process
            }
            ABORTS.put(backend, Boolean.TRUE); // only a test backend's abort gets here
            return;
        }
        while (ABORTS.get(backend) != Boolean.TRUE) { // the process is ending; this thread must not run the body
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private void diagnoseForeign(Entry here, DiagnosticKind kind) {
        NativeMessage line = foreignLine(here);
        write(line);
        tell(kind, line, here.nativeThreadId, null);
        FlightRecording.foreignCallback(name, here.nativeThreadId, policy, backend.id());
    }

    /** The thread's foreign-call line, encoded once per thread and gate; later diagnoses reuse it. */
    private NativeMessage foreignLine(Entry here) {
        NativeMessage line = here.line;
        if (line == null) {
            line = foreignLine(here.nativeThreadId);
            here.line = line;
        }
        return line;
    }

    private NativeMessage foreignLine(long nativeThreadId) {
        return Lines.foreignThread(name, nativeThreadId, backend.id(), policy, fallbackText);
    }

    private void reportOnce(AtomicBoolean reported, NativeMessage line, DiagnosticKind kind) {
        if (firstTime(reported)) {
            write(line);
            tell(kind, line, currentThreadIdOrZero(), null);
        }
    }

    private void write(NativeMessage line) {
        counters.count(DiagnosticChannel.shared().write(writer, line));
    }

    private void tell(DiagnosticKind kind, NativeMessage line, long nativeThreadId, Throwable thrown) {
        if (ListenerRelay.active()) {
            ListenerRelay.publish(new Diagnostic(kind, name, line.toString(), nativeThreadId, thrown));
        }
    }

    /**
     * Writes why this callback takes JNA's route though the FFM route could be taken in this JVM:
     * once, when the callback is made.
     */
    public void routeRefused(String reason) {
        write(Lines.routeRefused(name, reason));
    }

    private long currentThreadIdOrZero() {
        try {
            return backend.currentNativeThreadId();
        } catch (Throwable t) {
            return 0;
        }
    }

    private static boolean firstTime(AtomicBoolean flag) {
        return !flag.get() && flag.compareAndSet(false, true);
    }

    private Entry classifyCurrentThread() {
        Entry entry;
        if (ThreadOrigin.isForeign(jvmEntry)) {
            long tid = backend.currentNativeThreadId();
            counters.foreignThreadIds.add(tid);
            entry = new Entry(true, tid);
            if (attachment == Attachment.KEEP_ATTACHED) {
                ExitGuard.keptAttached(Thread.currentThread(), backend);
            }
        } else {
            entry = new Entry(false, 0);
        }
        counters.exitsByThread.register(entry);
        threads.set(entry);
        return entry;
    }

    /** What a gate knows about one thread; only that thread touches it. */
    public static final class Entry {
        final boolean foreign;
        final long nativeThreadId;
        NativeMessage line;
        long depth; // bodies of this gate running on this thread (a callback may re-enter itself)
        CloseState closeState; // set when the entry joins its thread's ThreadBodies; null for unheld gates
        long closingDepth; // the part of depth counted in closeState.closingBodies while this thread closes
        long exits; // calls this thread finished here; written by this thread only, read by close (ThreadExits)

        Entry(boolean foreign, long nativeThreadId) {
            this.foreign = foreign;
            this.nativeThreadId = nativeThreadId;
        }
    }
}
