package dev.callgate.agent;

import dev.callgate.internal.Lines;
import dev.callgate.internal.Settings;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Rewrites JNA's two dispatch classes as they load (or are retransformed): Byte Buddy
 * {@link Advice} around {@code CallbackReference.getFunctionPointer(Callback, boolean)} and
 * {@code CallbackReference.getCallback(Class, Pointer, boolean)}, and in {@code CallbackReference$DefaultCallbackProxy} the one {@code Method.invoke} that runs the
 * callback body replaced by {@link AgentHooks#invoke}. A plain {@link ClassFileTransformer}: no
 * {@code AgentBuilder}, so nothing touches {@code sun.misc.Unsafe}. Every other class passes
 * untouched.
 */
final class JnaTransformer implements ClassFileTransformer {

    private static final String HOOKS = Type.getInternalName(AgentHooks.class);
    private static final String HOOK_DESCRIPTOR =
            "(Ljava/lang/reflect/Method;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";

    private final Instrumentation instrumentation;
    private final Map<ClassLoader, Boolean> checked = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicBoolean bootChecked = new AtomicBoolean();
    private volatile boolean bootSupported;
    private final AtomicBoolean unsupportedSaid = new AtomicBoolean();
    private final AtomicBoolean unseenSaid = new AtomicBoolean();
    private volatile boolean leftAlone;

    JnaTransformer(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    static boolean isTarget(String internalName) {
        return JnaShape.REFERENCE.equals(internalName) || JnaShape.PROXY.equals(internalName);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] classFile) {
        if (className == null || !isTarget(className)) {
            return null;
        }
        try {
            if (!supported(loader)) {
                return null;
            }
            readAgent(module);
            if (Settings.current().agentDebug()) { // checked at agent start
                System.err.println(Lines.agentInstrumenting(className.replace('/', '.')));
            }
            return className.equals(JnaShape.REFERENCE) ? reference(loader, classFile) : proxy(loader, classFile);
        } catch (Throwable t) {
            AgentHooks.fail("cannot instrument " + className.replace('/', '.') + " (" + t + ")");
            return null;
        }
    }

    private boolean supported(ClassLoader loader) {
        if (loader == null) {
            if (bootChecked.compareAndSet(false, true)) {
                bootSupported = check(null);
            }
            return bootSupported;
        }
        if (!seenByAgent(loader)) {
            leftAlone = true;
            if (unseenSaid.compareAndSet(false, true)) {
                System.err.println(Lines.agentJnaLeftAlone(loader));
            }
            return false;
        }
        return checked.computeIfAbsent(loader, this::check);
    }

    /**
     * Whether JNA defined by {@code loader} is the JNA the agent's own classes link against: the
     * agent's loader or one it delegates to. JNA in any other loader (a child loader, a child-first
     * plug-in loader) would make the hooks fail to link inside JNA's dispatch.
     */
    static boolean seenByAgent(ClassLoader loader) {
        for (ClassLoader l = JnaTransformer.class.getClassLoader(); l != null; l = l.getParent()) {
            if (l == loader) {
                return true;
            }
        }
        return loader == null;
    }

    private boolean check(ClassLoader loader) {
        List<String> missing = JnaShape.missing(loader);
        if (missing.isEmpty()) {
            return true;
        }
        leftAlone = true;
        if (unsupportedSaid.compareAndSet(false, true)) {
            System.err.println(JnaShape.unsupportedLine(loader, missing));
        }
        return false;
    }

    /** Whether some JNA was left alone (unsupported, or in a loader the agent cannot serve). */
    boolean leftJnaAlone() {
        return leftAlone;
    }

    /** JNA on the module path reads only what it requires: let it read the agent's hooks. */
    private void readAgent(Module jna) {
        Module agent = AgentHooks.class.getModule();
        if (jna != null && jna.isNamed() && !jna.canRead(agent)) {
            instrumentation.redefineModule(jna, Set.of(agent), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    private static byte[] reference(ClassLoader loader, byte[] classFile) {
        ClassFileLocator locator = locator(loader, JnaShape.REFERENCE, classFile);
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(JnaShape.REFERENCE.replace('/', '.')).resolve();
        return byteBuddy().redefine(type, locator)
                .visit(Advice.to(ConvertAdvice.class).on(named("getFunctionPointer").and(isStatic())
                        .and(takesArguments(2)).and(takesArgument(1, boolean.class))))
                .visit(Advice.to(LookupAdvice.class).on(named("getCallback").and(isStatic())
                        .and(takesArguments(3)).and(takesArgument(2, boolean.class))))
                .make(pool)
                .getBytes();
    }

    private static byte[] proxy(ClassLoader loader, byte[] classFile) {
        ClassFileLocator locator = locator(loader, JnaShape.PROXY, classFile);
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(JnaShape.PROXY.replace('/', '.')).resolve();
        AtomicInteger replaced = new AtomicInteger();
        AsmVisitorWrapper bodyCall = new AsmVisitorWrapper.ForDeclaredMethods().method(
                named("invokeCallback").or(named("callback")),
                (instrumentedType, method, visitor, context, typePool, writerFlags, readerFlags) ->
                        new MethodVisitor(OpenedClassReader.ASM_API, visitor) {
                            @Override
                            public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                    boolean isInterface) {
                                if (JnaShape.isBodyCall(opcode, owner, name, descriptor)) {
                                    replaced.incrementAndGet(); // same operands, same result: the stack is unchanged
                                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "invoke", HOOK_DESCRIPTOR, false);
                                } else {
                                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                                }
                            }
                        });
        byte[] out = byteBuddy().redefine(type, locator).visit(bodyCall).make(pool).getBytes();
        if (replaced.get() != 1) {
            throw new IllegalStateException("expected one Method.invoke in the dispatch, replaced " + replaced.get());
        }
        return out;
    }

    private static ByteBuddy byteBuddy() {
        return new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE);
    }

    private static ClassFileLocator locator(ClassLoader loader, String internalName, byte[] classFile) {
        return new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(internalName.replace('/', '.'), classFile),
                ClassFileLocator.ForClassLoader.of(loader));
    }
}
