package dev.callgate.os.linux;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.callgate.spi.OsBackend;
import java.util.concurrent.CountDownLatch;

/**
 * Child JVM for {@link LinuxExitGuardTest}: {@code <guard|noguard> <exit|halt|libuv> <status>}.
 * Registers and arms the exit guard (or not), then ends with {@code System.exit}, {@code Runtime.halt}, or,
 * for {@code libuv}, {@code System.exit} after a JNA callback ran on a libuv pool thread that JNA
 * keeps attached. Prints {@link #EXITING} just before it ends.
 */
public final class ExitGuardMain {

    static final String EXITING = "exiting now";

    /** Test-only libuv functions, from Debian's libuv1. */
    public interface LibUv extends Library {
        /** {@code void (*uv_work_cb)(uv_work_t *req);} */
        interface WorkCallback extends Callback {
            void invoke(Pointer req);
        }

        /** {@code void (*uv_after_work_cb)(uv_work_t *req, int status);} */
        interface AfterWorkCallback extends Callback {
            void invoke(Pointer req, int status);
        }

        /** {@code uv_loop_t *uv_default_loop(void);} */
        Pointer uv_default_loop();

        /** {@code int uv_queue_work(uv_loop_t *loop, uv_work_t *req, uv_work_cb work_cb, uv_after_work_cb after_work_cb);} */
        int uv_queue_work(Pointer loop, Pointer req, WorkCallback work, AfterWorkCallback after);

        /** {@code int uv_run(uv_loop_t *loop, uv_run_mode mode);} with {@code UV_RUN_DEFAULT} 0. */
        int uv_run(Pointer loop, int mode);
    }

    private ExitGuardMain() {
    }

    public static void main(String[] args) throws Exception {
        OsBackend backend = new LinuxBackendProvider().create();
        if (args[0].equals("guard")) {
            System.out.println("guard: " + backend.exitGuard());
            backend.armExitGuard(true);
            System.out.println("armed: " + backend.exitGuard());
        }
        int status = Integer.parseInt(args[2]);
        switch (args[1]) {
            case "exit" -> exit(status);
            case "halt" -> {
                System.out.println(EXITING);
                Runtime.getRuntime().halt(status);
            }
            case "libuv" -> {
                runOneCallbackOnALibuvPoolThread();
                exit(status);
            }
            default -> throw new IllegalArgumentException(args[1]);
        }
    }

    private static void exit(int status) {
        System.out.println(EXITING);
        System.exit(status);
    }

    /** The pool thread stays attached to the JVM (JNA's thread initializer, detach false). */
    private static void runOneCallbackOnALibuvPoolThread() {
        LibUv uv = Native.load("libuv.so.1", LibUv.class);
        CountDownLatch ran = new CountDownLatch(1);
        LibUv.WorkCallback work = req -> ran.countDown();
        LibUv.AfterWorkCallback after = (req, status) -> { };
        Native.setCallbackThreadInitializer(work, new CallbackThreadInitializer(true, false, "t"));
        Memory req = new Memory(512); // uv_work_t is at least 128 bytes on 64-bit
        req.clear();
        Pointer loop = uv.uv_default_loop();
        check("uv_queue_work", uv.uv_queue_work(loop, req, work, after));
        check("uv_run", uv.uv_run(loop, 0));
        if (ran.getCount() != 0) {
            throw new IllegalStateException("the work callback did not run");
        }
        System.out.println("callback ran on a libuv pool thread");
        KEEP.add(work);
        KEEP.add(after);
        KEEP.add(req);
    }

    private static void check(String call, int result) {
        if (result != 0) {
            throw new IllegalStateException(call + " returned " + result);
        }
    }

    /** Callbacks and the request stay reachable until the process ends. */
    private static final java.util.List<Object> KEEP = new java.util.ArrayList<>();
}
