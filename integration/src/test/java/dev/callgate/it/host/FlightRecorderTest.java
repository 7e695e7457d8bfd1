package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLibThreadPool;
import dev.callgate.internal.GateSpec;
import dev.callgate.it.support.DiagnosticsFile;
import dev.callgate.spi.OsBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Every diagnosed foreign callback is a {@code dev.callgate.ForeignCallback} JFR event. */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class FlightRecorderTest {

    private static final String EVENT = "dev.callgate.ForeignCallback";
    private static final int CALLS = 40;

    private final OsBackend backend = LinuxHost.backend();

    @TempDir
    Path dir;

    @Test
    void eachWarnDiagnosisIsARecordedEvent() throws Exception {
        Set<Long> bodyTids = ConcurrentHashMap.newKeySet();
        GLibThreadPool.GFunc body = (data, userData) -> bodyTids.add(backend.currentNativeThreadId());
        Path dump = dir.resolve("callgate.jfr");
        try (Recording recording = new Recording();
                DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve("jfr.log"));
                GatedCallback<GLibThreadPool.GFunc> gated = GateSpec.diagnosticsTo(backend.writerTo(diagnostics.fd()), CallGate.builder(GLibThreadPool.GFunc.class, body)
                        .name("jfr-tick").policy(Policy.WARN)::build)) {
            recording.enable(EVENT);
            recording.start();
            try (GLibThreadPool pool = GLibThreadPool.start(gated.callback(), 2)) {
                for (long i = 1; i <= CALLS; i++) {
                    pool.push(i);
                }
            }
            recording.stop();
            recording.dump(dump);
        }

        List<RecordedEvent> events = RecordingFile.readAllEvents(dump).stream()
                .filter(e -> e.getEventType().getName().equals(EVENT))
                .filter(e -> "jfr-tick".equals(e.getString("callback")))
                .toList();
        assertEquals(CALLS, events.size(), () -> "one event per WARN diagnosis: " + events);
        for (RecordedEvent event : events) {
            long tid = event.getLong("nativeThreadId");
            assertTrue(tid > 0 && bodyTids.contains(tid), () -> "native thread id " + tid + " is a worker's " + bodyTids);
            assertEquals("WARN", event.getString("policy"), "policy");
            assertEquals("linux", event.getString("os"), "os");
        }
    }
}
