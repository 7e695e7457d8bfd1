package dev.callgate.cli;

import dev.callgate.CallGate;
import java.io.PrintStream;

/** {@code java -jar callgate.jar demo|doctor|--version|--help}. */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_WRITE_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_MISSING = 3;

    static final String USAGE = """
            usage: java -jar callgate.jar <command> [options]

            commands:
              demo     GLib's thread pool calls a gated callback from native threads, then a JVM
                       thread calls one through libc qsort. Prints what happened; the diagnostics
                       themselves go to standard error through the OS backend.
                         --policy allow|warn-once|warn|reject|abort   (default warn-once)
                         --calls N        callbacks from the pool, 1..100000000 (default 1000)
                         --threads K      GLib worker threads, 1..256 (default 4)
                         --detach-each-call   JNA's attach/detach per call instead of staying attached
                         --throw          the callback body throws; the gate contains it
              doctor   The selected OS backend and how it was chosen, the JVM, JNA, and whether
                       the backend's native write works.
              --version  callgate's version (the same as doctor's first lines and CallGate.version()).
              --help   This text.

            system properties:
              -Dcallgate.os=<id>   pick the OS backend by id (linux, darwin, freebsd, windows, plan9-sim);
                                   the environment variable CALLGATE_OS does the same
              -Dcallgate.requireOsModule=true   no OS module for this JVM is an error (exit 3)
                                   instead of gating through the Java fallback
              every callgate.* property is checked: a bad value or unknown key exits 2 (docs/policies.md: Properties)

            exit status:
              0    done
              1    doctor: the native write failed
              2    bad command line, or a bad callgate.* system property
              3    something this machine lacks: no OS backend fits, or libglib-2.0 is missing
                   (the message says what was found and what to add)
              134  demo --policy abort: the process aborted (SIGABRT) after the diagnostic, as intended
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new UsageException("no command given");
            }
            switch (args[0]) {
                case "demo":
                    return new Demo(DemoOptions.parse(args, 1), out).run();
                case "doctor":
                    if (args.length > 1) {
                        throw new UsageException("doctor takes no options");
                    }
                    return new Doctor(out).run();
                case "--version":
                    out.println("callgate " + CallGate.version());
                    return EXIT_OK;
                case "--help":
                case "-h":
                case "help":
                    out.print(USAGE);
                    return EXIT_OK;
                default:
                    throw new UsageException("unknown command \"" + args[0] + "\"");
            }
        } catch (UsageException e) {
            err.println("callgate: " + e.getMessage());
            err.print(USAGE);
            return EXIT_USAGE;
        } catch (IllegalArgumentException e) { // a bad callgate.* property, from Settings
            err.println(e.getMessage());
            return EXIT_USAGE;
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return EXIT_MISSING;
        } finally {
            out.flush();
        }
    }
}
