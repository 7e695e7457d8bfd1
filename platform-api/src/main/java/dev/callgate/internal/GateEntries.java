package dev.callgate.internal;

/**
 * A gate's per-thread {@link CallbackGate.Entry}. A thread's entry is set once, when the gate first
 * classifies the thread; that is also when the entry joins the thread's {@link ThreadBodies}, so
 * the call path itself never touches that list.
 */
final class GateEntries extends ThreadLocal<CallbackGate.Entry> {

    private final CloseState closeState;

    GateEntries(CloseState closeState) {
        this.closeState = closeState;
    }

    @Override
    public void set(CallbackGate.Entry entry) {
        super.set(entry);
        ThreadBodies.register(entry, closeState);
    }
}
