package dev.callgate.spi.contract;

import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.util.List;

/**
 * A child JVM that creates a backend through an OS module's provider, since only a whole process
 * shows its exit status and its real standard error: {@link #abortThrough(Class)} runs
 * {@link ProviderAbortingMain}, which writes {@link #LAST_WORDS} through the backend's stderr writer
 * and then calls {@code abort()}; {@link #createThrough(Class, String...)} runs
 * {@link ProviderCreatingMain}. The children are started by {@link ChildJvm}, callgate's one test
 * launcher (this JVM's {@code java} and class path, no core dump).
 */
public final class ProviderChild {

    /** The line an aborting main writes to its standard error just before {@code abort()}. */
    public static final String LAST_WORDS = "callgate-test: aborting now";

    /** What an aborting main prints only if {@code abort()} returned. */
    public static final String ABORT_RETURNED = "abort() returned";

    private ProviderChild() {
    }

    /** Runs {@link ProviderAbortingMain} over a backend from {@code provider}'s {@code create()}. */
    public static ChildJvmResult abortThrough(Class<? extends OsBackendProvider> provider) {
        return ChildJvm.mainClass(ProviderAbortingMain.class).noCoreDump().args(provider.getName()).run();
    }

    /** Runs {@link ProviderCreatingMain} with {@code provider} and JVM options, such as a false {@code os.name}. */
    public static ChildJvmResult createThrough(Class<? extends OsBackendProvider> provider, String... jvmOptions) {
        return ChildJvm.mainClass(ProviderCreatingMain.class).noCoreDump().jvmOptions(jvmOptions)
                .args(provider.getName()).run();
    }

    /** The lines of a {@link ProviderCreatingMain} child that report an exception, one per exception of the chain. */
    public static List<String> failures(ChildJvmResult child) {
        return child.stdoutLines().stream().filter(l -> l.startsWith(ProviderCreatingMain.FAILURE)).toList();
    }

    /**
     * The child: creates a backend with the provider class named by its one argument, then prints
     * {@code created <id>}, or one line {@code failure: <type>: <message>} per exception of the chain.
     */
    public static final class ProviderCreatingMain {

        /** The line prefix of each exception in the chain. */
        public static final String FAILURE = "failure: ";

        private ProviderCreatingMain() {
        }

        public static void main(String[] args) throws ReflectiveOperationException {
            OsBackendProvider provider = (OsBackendProvider) Class.forName(args[0]).getConstructor().newInstance();
            try {
                System.out.println("created " + provider.create().id());
            } catch (RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    System.out.println(FAILURE + t.getClass().getName() + ": " + t.getMessage());
                }
            }
        }
    }

    /**
     * The child: creates a backend with the provider class named by its one argument, writes
     * {@link #LAST_WORDS} through the backend's stderr, then aborts.
     */
    public static final class ProviderAbortingMain {

        private ProviderAbortingMain() {
        }

        public static void main(String[] args) throws ReflectiveOperationException {
            OsBackendProvider provider = (OsBackendProvider) Class.forName(args[0]).getConstructor().newInstance();
            OsBackend backend = provider.create();
            backend.stderr().write(NativeMessage.encode(LAST_WORDS));
            backend.abort();
            System.out.println(ABORT_RETURNED); // only seen when abort is broken
            System.exit(1);
        }
    }
}
