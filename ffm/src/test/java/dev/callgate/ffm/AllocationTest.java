package dev.callgate.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Policy;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The gate allocates nothing per call once compiled: 100,000 calls from Java through the stub's downcall. */
class AllocationTest {

    static final int CALLS = 100_000;

    @Test
    void steadyStateCallsAllocateNothing() throws Throwable {
        FunctionDescriptor add = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
        MethodHandle target = MethodHandles.lookup().findStatic(AllocationTest.class, "add", add.toMethodType());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        try (GatedUpcall up = FfmCallGate.builder(target, add).name("alloc").policy(Policy.WARN).build()) {
            MethodHandle call = Natives.LINKER.downcallHandle(up.stub(), add);
            long before = threads.getThreadAllocatedBytes(self);
            int sum = loop(call);
            long cold = threads.getThreadAllocatedBytes(self) - before;
            for (int round = 0; round < 20; round++) {
                sum += loop(call);
            }
            before = threads.getThreadAllocatedBytes(self);
            sum += loop(call);
            long steady = threads.getThreadAllocatedBytes(self) - before;
            System.out.println("AllocationTest: 100k gated upcalls from Java: cold " + cold + " B, steady " + steady + " B");
            assertEquals(22 * (long) CALLS * 3 % (1L << 32), Integer.toUnsignedLong(sum));
            assertTrue(steady < 1024, "steady state allocated " + steady + " B for " + CALLS + " calls");
            assertEquals(22L * CALLS, up.stats().calls());
            assertEquals(0, up.stats().foreignCalls());
        }
    }

    private static int loop(MethodHandle call) throws Throwable {
        int sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += (int) call.invokeExact(1, 2);
        }
        return sum;
    }

    private static int add(int a, int b) {
        return a + b;
    }
}
