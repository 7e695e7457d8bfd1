import com.sun.jna.Memory;
import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.LibC;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run by JniAttachedThreadTest's FFM twin on JDK 22+ (source-file mode): a pthread whose start
 * routine is an FFM upcall (so FFM, not JNA, attached it) calls libc qsort through JNA with a gated
 * comparator under REJECT. Prints what the gate counted.
 */
public class FfmUpcallThenJna {

    static final AtomicLong BODY_RUNS = new AtomicLong();
    static GatedCallback<LibC.Comparator> comparator;

    static MemorySegment start(MemorySegment arg) {
        Memory ints = new Memory(64 * Integer.BYTES);
        for (int i = 0; i < 64; i++) {
            ints.setInt((long) i * Integer.BYTES, 64 - i);
        }
        LibC.load().qsort(ints, new LibC.SizeT(64), new LibC.SizeT(Integer.BYTES), comparator.callback());
        return MemorySegment.NULL;
    }

    public static void main(String[] args) throws Throwable {
        comparator = CallGate.builder(LibC.Comparator.class, (LibC.Comparator) (a, b) -> {
            BODY_RUNS.incrementAndGet();
            return Integer.compare(a.getInt(0), b.getInt(0));
        }).name("ffm-attached-compare").policy(Policy.REJECT).build();

        Linker linker = Linker.nativeLinker();
        MethodHandle pthreadCreate = linker.downcallHandle(linker.defaultLookup().find("pthread_create").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        MethodHandle pthreadJoin = linker.downcallHandle(linker.defaultLookup().find("pthread_join").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle target = MethodHandles.lookup().findStatic(FfmUpcallThenJna.class, "start",
                    MethodType.methodType(MemorySegment.class, MemorySegment.class));
            MemorySegment routine = linker.upcallStub(target,
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS), arena);
            MemorySegment thread = arena.allocate(ValueLayout.JAVA_LONG);
            int created = (int) pthreadCreate.invokeExact(thread, MemorySegment.NULL, routine, MemorySegment.NULL);
            if (created != 0) {
                throw new IllegalStateException("pthread_create: " + created);
            }
            int joined = (int) pthreadJoin.invokeExact(thread.get(ValueLayout.JAVA_LONG, 0), MemorySegment.NULL);
            if (joined != 0) {
                throw new IllegalStateException("pthread_join: " + joined);
            }
        }
        CallbackStats stats = comparator.stats();
        System.out.println("body runs: " + BODY_RUNS.get());
        System.out.println("calls: " + stats.calls());
        System.out.println("foreign calls: " + stats.foreignCalls());
        System.out.println("rejected: " + stats.rejected());
    }
}
