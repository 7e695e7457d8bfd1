package dev.callgate;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.OsBackend;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gate in front of one callback: every native call of the gated proxy lands in
 * {@link #invoke}. On a JVM thread with the callback open, the path is one volatile read, one
 * cached thread lookup, one counter increment and the body: no allocation, no lock. Diagnostics are
 * written from pre-encoded native messages.
 */
final class Gate implements InvocationHandler {

    /** The per-thread answer for threads the JVM created: shared, so they cost no allocation. */
    private static final ThreadState JVM_THREAD = new ThreadState(false, 0);

    final String name;
    final Policy policy;
    final Attachment attachment;
    final GateCounters counters = new GateCounters();
    volatile boolean closed;

    private final Object body;
    private final Method method;
    private volatile Method proxyMethod; // the proxy's own Method object for the callback, learnt on first call
    private final Object fallback;
    private final String fallbackText; // what the diagnostics say native code got
    private final OsBackend backend;
    private final DiagnosticWriter writer;
    private final NativeMessage afterCloseLine;
    private final NativeMessage shutdownLine;
    private final AtomicBoolean foreignReported = new AtomicBoolean();
    private final AtomicBoolean afterCloseReported = new AtomicBoolean();
    private final AtomicBoolean shutdownReported = new AtomicBoolean();
    private final ThreadLocal<ThreadState> threads = ThreadLocal.withInitial(this::classifyCurrentThread);

    Gate(String name, Policy policy, Attachment attachment, Object body, Method method, Object fallback,
            OsBackend backend, DiagnosticWriter writer) {
        this.name = name;
        this.policy = policy;
        this.attachment = attachment;
        this.body = body;
        this.method = method;
        this.fallback = fallback;
        this.fallbackText = method.getReturnType() == void.class ? "nothing" : String.valueOf(fallback);
        this.backend = backend;
        this.writer = writer;
        this.afterCloseLine = NativeMessage.encode("callgate: callback " + name + " called after close");
        this.shutdownLine = NativeMessage.encode("callgate: callback " + name
                + " called during JVM shutdown; not run, returned " + fallbackText + " to native code");
    }

    @Override
    public Object invoke(Object proxy, Method called, Object[] args) throws Throwable {
        if (called != proxyMethod) {
            if (!called.equals(method)) { // not what native code calls: Object methods, defaults, extra methods
                return otherMethod(proxy, called, args);
            }
            proxyMethod = called; // later calls compare one reference
        }
        counters.calls.increment();
        if (closed) {
            counters.callsAfterClose.increment();
            reportOnce(afterCloseReported, afterCloseLine);
            return fallback;
        }
        if (ShutdownWatch.shuttingDown()) {
            counters.callsDuringShutdown.increment();
            reportOnce(shutdownReported, shutdownLine);
            return fallback;
        }
        ThreadState here = threads.get();
        if (here.foreign && !admitForeign(here)) {
            return fallback;
        }
        return runBody(args);
    }

    /** Applies the policy to a call on a foreign thread; false when the body must not run. */
    private boolean admitForeign(ThreadState here) {
        counters.foreignCalls.increment();
        switch (policy) {
            case ALLOW:
                return true;
            case WARN_ONCE:
                if (firstTime(foreignReported)) {
                    diagnoseForeign(here);
                }
                return true;
            case WARN:
                diagnoseForeign(here);
                return true;
            case REJECT:
                counters.rejected.increment();
                if (firstTime(foreignReported)) {
                    diagnoseForeign(here);
                }
                return false;
            case ABORT:
                diagnoseForeign(here);
                backend.abort();
                return false; // not reached: abort does not return
            default:
                throw new AssertionError(policy);
        }
    }

    private Object runBody(Object[] args) {
        try {
            return method.invoke(body, args);
        } catch (InvocationTargetException e) {
            return contain(e.getCause());
        } catch (Throwable t) { // whatever the body throws stays on this side of the native boundary
            return contain(t);
        }
    }

    /** The body threw: say so in one line and hand native code the default value. */
    private Object contain(Throwable thrown) {
        counters.exceptions.increment();
        try {
            count(writer.write(NativeMessage.encode("callgate: callback " + name + " threw "
                    + thrown.getClass().getName() + ": " + thrown.getMessage() + "; returned " + fallbackText
                    + " to native code")));
        } catch (Throwable encodingFailed) { // out of memory while building the line: still return
            counters.diagnosticsFailed.increment();
        }
        return fallback;
    }

    private void diagnoseForeign(ThreadState here) {
        NativeMessage line = here.line;
        if (line == null) { // once per thread and callback; later diagnoses reuse the encoded line
            line = NativeMessage.encode("callgate: callback " + name + " on thread not created by the JVM (native thread "
                    + here.nativeThreadId + ", os " + backend.id() + ")");
            here.line = line;
        }
        count(writer.write(line));
        ForeignCallbackEvent event = new ForeignCallbackEvent();
        if (event.isEnabled()) {
            event.callback = name;
            event.nativeThreadId = here.nativeThreadId;
            event.policy = policy.name();
            event.os = backend.id();
            event.commit();
        }
    }

    private void reportOnce(AtomicBoolean reported, NativeMessage line) {
        if (firstTime(reported)) {
            count(writer.write(line));
        }
    }

    private static boolean firstTime(AtomicBoolean flag) {
        return !flag.get() && flag.compareAndSet(false, true);
    }

    private void count(boolean written) {
        (written ? counters.diagnosticsWritten : counters.diagnosticsFailed).increment();
    }

    private ThreadState classifyCurrentThread() {
        if (!ThreadOrigin.isForeign()) {
            return JVM_THREAD;
        }
        counters.foreignThreads.increment();
        return new ThreadState(true, backend.currentNativeThreadId());
    }

    /** Java-side calls of the proxy that JNA never makes; they pass straight through, ungated. */
    private Object otherMethod(Object proxy, Method called, Object[] args) throws Throwable {
        if (called.getDeclaringClass() == Object.class) {
            switch (called.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return "gated " + name + " (" + policy + ")";
            }
        }
        try {
            return called.isDefault() ? InvocationHandler.invokeDefault(proxy, called, args) : called.invoke(body, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** What the gate knows about one thread, for one callback. */
    private static final class ThreadState {
        final boolean foreign;
        final long nativeThreadId;
        NativeMessage line; // only touched by its own thread

        ThreadState(boolean foreign, long nativeThreadId) {
            this.foreign = foreign;
            this.nativeThreadId = nativeThreadId;
        }
    }
}
