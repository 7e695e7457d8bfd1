package dev.callgate.it.support;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * libuv's thread pool through JNA (Debian's {@code libuv1}, {@code libuv.so.1}): a second real
 * source of foreign threads beside GLib, and the one whose library destructor joins its pool
 * threads at {@code exit(3)}.
 */
public final class LibUv {

    /** {@code void (*uv_work_cb)(uv_work_t *req)}: runs on a pool thread. */
    public interface WorkCallback extends Callback {
        void invoke(Pointer request);
    }

    /** {@code void (*uv_after_work_cb)(uv_work_t *req, int status)}: runs on the loop's thread. */
    interface AfterWorkCallback extends Callback {
        void invoke(Pointer request, int status);
    }

    interface Uv extends Library {
        /** {@code uv_loop_t *uv_default_loop(void)} */
        Pointer uv_default_loop();

        /** {@code int uv_queue_work(uv_loop_t *loop, uv_work_t *req, uv_work_cb work_cb, uv_after_work_cb after_work_cb)} */
        int uv_queue_work(Pointer loop, Pointer request, WorkCallback work, AfterWorkCallback after);

        /** {@code int uv_run(uv_loop_t *loop, uv_run_mode mode)}; mode 0 runs until no work is left. */
        int uv_run(Pointer loop, int mode);
    }

    /** {@code sizeof(uv_work_t)} is 128 bytes on 64-bit Linux; room to spare. */
    private static final int REQUEST_BYTES = 512;

    private static final Uv UV = Native.load("libuv.so.1", Uv.class);
    private static final AfterWorkCallback AFTER = (request, status) -> { };

    private final Pointer loop = UV.uv_default_loop();
    private final List<Memory> requests = new ArrayList<>(); // reachable until the loop is done with them
    private final WorkCallback work;

    /** A queue on the default loop whose requests all run {@code work} on libuv's pool. */
    public LibUv(WorkCallback work) {
        this.work = work;
    }

    /** Queues {@code count} requests. */
    public void queue(int count) {
        for (int i = 0; i < count; i++) {
            Memory request = new Memory(REQUEST_BYTES);
            request.clear();
            requests.add(request);
            int rc = UV.uv_queue_work(loop, request, work, AFTER);
            if (rc != 0) {
                throw new IllegalStateException("uv_queue_work failed: " + rc);
            }
        }
    }

    /** Runs the default loop until every queued request has run (its after-callback too). */
    public void runToCompletion() {
        UV.uv_run(loop, 0);
    }
}
