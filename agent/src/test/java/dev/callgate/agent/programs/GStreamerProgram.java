package dev.callgate.agent.programs;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.PadProbeReturn;
import org.freedesktop.gstreamer.PadProbeType;
import org.freedesktop.gstreamer.Pipeline;

/**
 * An unmodified application of a real JNA binding from Maven Central, gst1-java-core 1.4.0: a
 * buffer probe on a fakesink's pad, which GStreamer calls from the queue's streaming thread (a
 * native thread of GStreamer's task pool). Argument: the number of buffers. Prints {@code calls=},
 * {@code javaThreads=}, {@code threadNames=}.
 */
public final class GStreamerProgram {

    private GStreamerProgram() {}

    public static void main(String[] args) throws InterruptedException {
        int buffers = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Gst.init("callgate-agent-test");
        Pipeline pipeline = (Pipeline) Gst.parseLaunch("fakesrc num-buffers=" + buffers
                + " sizetype=empty ! queue ! fakesink name=sink sync=false");
        AtomicLong calls = new AtomicLong();
        Set<Thread> threads = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        Pad pad = ((Bin) pipeline).getElementByName("sink").getStaticPad("sink");
        pad.addProbe(PadProbeType.BUFFER, (p, info) -> {
            threads.add(Thread.currentThread());
            calls.incrementAndGet();
            return PadProbeReturn.OK;
        });
        pipeline.play();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (calls.get() < buffers && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        pipeline.stop();
        StringBuilder names = new StringBuilder();
        synchronized (threads) {
            threads.stream().limit(3).forEach(t -> names.append(t.getName()).append(';'));
        }
        System.out.println("calls=" + calls.get());
        System.out.println("javaThreads=" + threads.size());
        System.out.println("threadNames=" + names);
        System.exit(0);
    }
}
