package dev.callgate.ffm.internal;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.TypeMapper;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.JnaUpcalls;
import dev.callgate.internal.ReturnValues;
import dev.callgate.spi.OsBackend;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The FFM route for JNA callbacks: an upcall stub whose target converts the native arguments to
 * the callback's JNA types ({@link JnaTypes}), runs the body behind the gate
 * ({@link UpcallGate}), and converts what it returns back. Found by {@code ServiceLoader} from
 * callgate's JNA side; not API.
 */
public final class JnaUpcallStubs implements JnaUpcalls {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle REFERENT;
    private static final MethodHandle CONTAIN_AND_TELL;
    private static final MethodHandle WRITE_STRUCTURES;
    private static final MethodHandle WRITE_STRUCTURES_PASSING;
    private static final MethodHandle FOR_NATIVE;

    static {
        try {
            REFERENT = LOOKUP.findVirtual(Reference.class, "get", MethodType.methodType(Object.class));
            CONTAIN_AND_TELL = LOOKUP.findStatic(JnaUpcallStubs.class, "containAndTell",
                    MethodType.methodType(void.class, CallbackGate.class, Consumer.class, Throwable.class));
            WRITE_STRUCTURES = LOOKUP.findStatic(JnaValues.class, "writeStructures",
                    MethodType.methodType(void.class, Object[].class));
            WRITE_STRUCTURES_PASSING = LOOKUP.findStatic(JnaValues.class, "writeStructures",
                    MethodType.methodType(Object.class, Object.class, Object[].class));
            FOR_NATIVE = LOOKUP.findStatic(ReturnValues.class, "forNative", MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** For {@code ServiceLoader}. */
    public JnaUpcallStubs() {}

    @Override
    public String unavailable() {
        Module self = JnaUpcallStubs.class.getModule();
        if (!self.isNativeAccessEnabled() || !self.isNamed() && !NativeAccessOnCommandLine.forClassPath()) {
            return "native access is not enabled for callgate-ffm; add --enable-native-access="
                    + (self.isNamed() ? self.getName() : "ALL-UNNAMED") + " to the java command for the FFM route";
        }
        if (ValueLayout.ADDRESS.byteSize() != Long.BYTES) {
            return "a " + ValueLayout.ADDRESS.byteSize() * 8 + "-bit JVM; the FFM route passes addresses as 64-bit values";
        }
        return null;
    }

    @Override
    public String refuses(Method method, Class<?> optionsClass) {
        if (method.isVarArgs()) {
            return method.getName() + " takes varargs";
        }
        TypeMapper mapper = Native.getTypeMapper(optionsClass);
        if (mapper != null) {
            return "its library's TypeMapper (" + mapper.getClass().getName() + ") converts its types, which only"
                    + " JNA's dispatch applies";
        }
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            String refused = JnaTypes.refuses(parameters[i]);
            if (refused != null) {
                return "argument " + (i + 1) + " of " + method.getName() + " is " + refused;
            }
        }
        String refused = JnaTypes.refuses(method.getReturnType());
        return refused == null ? null : method.getName() + " returns " + refused;
    }

    @Override
    public Predicate<StackWalker.StackFrame> jvmEntry(ClassLoader loader, OsBackend backend, Supplier<String> threadName) {
        return FfmThreadOrigin.jvmEntry(loader, backend, threadName);
    }

    @Override
    public Stub stub(StubRequest request) {
        try {
            Method method = request.method();
            String encoding = Native.getStringEncoding(request.optionsClass());
            MethodHandle body = body(request);
            Class<?>[] parameters = method.getParameterTypes();
            MethodHandle[] arguments = new MethodHandle[parameters.length];
            MemoryLayout[] layouts = new MemoryLayout[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                arguments[i] = JnaTypes.argument(parameters[i], encoding);
                layouts[i] = JnaTypes.layout(parameters[i]);
            }
            MethodHandle target = MethodHandles.filterArguments(body, 0, arguments);
            Class<?> returns = method.getReturnType();
            MethodHandle result = JnaTypes.result(returns);
            FunctionDescriptor descriptor;
            MethodHandle fallback;
            Object kept = request.fallback(); // a returned string's memory lives as long as it
            if (returns == void.class) {
                descriptor = FunctionDescriptor.ofVoid(layouts);
                fallback = MethodHandles.empty(MethodType.methodType(void.class));
            } else {
                if (result != null) {
                    target = MethodHandles.filterReturnValue(target, result);
                }
                descriptor = FunctionDescriptor.of(JnaTypes.layout(returns), layouts);
                fallback = fallback(request.fallback(), returns, result);
            }
            MethodHandle contain = CONTAIN_AND_TELL.bindTo(request.gate()).bindTo(request.alsoTell());
            MethodHandle gated = UpcallGate.wrap(request.gate(), target, descriptor, fallback, contain);
            Arena arena = Arena.ofAuto();
            MemorySegment stub = Linker.nativeLinker().upcallStub(gated, descriptor, arena);
            return new Held(arena, stub, kept);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("callgate-ffm cannot build the stub of " + request.method() + ": " + e, e);
        }
    }

    /** The body in JNA types, {@code (P...)R}, structures written back after it as JNA does. */
    private static MethodHandle body(StubRequest request) throws IllegalAccessException {
        Method method = request.method();
        MethodHandle call = LOOKUP.unreflect(method); // accessible: CallbackMethod made it so
        MethodHandle body;
        if (request.untilClosed()) {
            // A constant the JIT inlines, through a call site the gate's close points elsewhere: the
            // stub is a GC root, and must not keep the body (and what it refers to) after close
            MutableCallSite site = new MutableCallSite(call.bindTo(request.body()));
            body = site.dynamicInvoker();
            MethodHandle closed = MethodHandles.empty(body.type()); // never runs: the gate admits no call
            request.gate().afterClose(() -> site.setTarget(closed));
        } else {
            // Cast to the body's own class, so that the JIT can call it directly as with a constant
            Class<?> exact = request.body().getClass();
            MethodHandle referent = REFERENT.bindTo(new WeakReference<>(request.body()))
                    .asType(MethodType.methodType(exact));
            body = MethodHandles.collectArguments(call.asType(call.type().changeParameterType(0, exact)), 0, referent);
        }
        return hasStructure(method.getParameterTypes()) ? writingStructures(body) : body;
    }

    private static boolean hasStructure(Class<?>[] parameters) {
        for (Class<?> p : parameters) {
            if (Structure.class.isAssignableFrom(p)) {
                return true;
            }
        }
        return false;
    }

    /** {@code try { return body(args); } finally { write every structure argument; } } */
    private static MethodHandle writingStructures(MethodHandle body) {
        MethodType type = body.type();
        int n = type.parameterCount();
        Class<?> r = type.returnType();
        MethodHandle cleanup = r == void.class
                ? WRITE_STRUCTURES.asCollector(Object[].class, n).asType(type)
                : WRITE_STRUCTURES_PASSING.asCollector(Object[].class, n).asType(type.insertParameterTypes(0, r));
        return MethodHandles.tryFinally(body, MethodHandles.dropArguments(cleanup, 0, Throwable.class));
    }

    /**
     * {@code ()carrier}: the fallback as native code gets it. A structure is written each time it is
     * handed back (see the builder's {@code defaultValue}); any other value is converted once.
     */
    private static MethodHandle fallback(Object value, Class<?> returns, MethodHandle result) throws ReflectiveOperationException {
        if (value instanceof Structure) {
            MethodHandle written = FOR_NATIVE.bindTo(value).asType(MethodType.methodType(returns));
            return result == null ? written : MethodHandles.filterReturnValue(written, result);
        }
        Object converted;
        try {
            converted = result == null ? value : result.invoke(value);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot convert the default value " + value + " for native code: " + t, t);
        }
        Class<?> carrier = result == null ? returns : result.type().returnType();
        return MethodHandles.constant(carrier, converted);
    }

    @SuppressWarnings("unused") // the stub's handler for what the body threw
    private static void containAndTell(CallbackGate gate, Consumer<Throwable> alsoTell, Throwable thrown) {
        gate.contain(thrown);
        if (alsoTell != null) {
            alsoTell.accept(thrown);
        }
    }

    /** The stub and what it needs alive: its arena, and a default value's native string. */
    private record Held(Arena arena, MemorySegment stub, Object fallback) implements Stub {
        @Override
        public long address() {
            return stub.address();
        }
    }
}
