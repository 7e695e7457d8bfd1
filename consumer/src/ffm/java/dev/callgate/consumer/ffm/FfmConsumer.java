package dev.callgate.consumer.ffm;

import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
import dev.callgate.consumer.Checks;
import dev.callgate.ffm.FfmCallGate;
import dev.callgate.ffm.GatedUpcall;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;

/**
 * An application that depends on callgate-ffm (and callgate-all for the OS backend) through
 * callgate-bom: a gated FFM upcall stub called by a native thread (pthread_create) and by the JVM's
 * own thread. Argument: the callgate version it expects. Exits 1 on any mismatch. JDK 22+, run with
 * {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class FfmConsumer {

    private static final FunctionDescriptor INT_CALLBACK = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
    private static final FunctionDescriptor CALLER = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT);

    private FfmConsumer() {}

    static int doubled(int value) {
        return value * 2;
    }

    public static void main(String[] args) throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup lib = SymbolLookup.libraryLookup(Path.of(System.getProperty("consumer.lib")), Arena.global());
        MethodHandle fromNewThread = linker.downcallHandle(lib.find("call_from_new_thread").orElseThrow(), CALLER);
        MethodHandle here = linker.downcallHandle(lib.find("call_here").orElseThrow(), CALLER);
        MethodHandle target = MethodHandles.lookup().findStatic(FfmConsumer.class, "doubled", INT_CALLBACK.toMethodType());

        int foreign;
        int onJvmThread;
        CallbackStats stats;
        try (GatedUpcall up = FfmCallGate.builder(target, INT_CALLBACK).name("doubler").defaultValue(0).build()) {
            MemorySegment stub = up.stub();
            foreign = (int) fromNewThread.invokeExact(stub, 21);
            onJvmThread = (int) here.invokeExact(stub, 5);
            stats = up.stats();
        }
        Checks checks = new Checks();
        checks.equal("callgate version", args[0], CallGate.version());
        checks.equal("result from the pthread", 42, foreign);
        checks.equal("result on the JVM thread", 10, onJvmThread);
        checks.equal("calls", 2L, stats.calls());
        checks.equal("foreign calls", 1L, stats.foreignCalls());
        checks.exit("consumer (ffm, backend " + CallGate.selection().id() + ")");
    }
}
