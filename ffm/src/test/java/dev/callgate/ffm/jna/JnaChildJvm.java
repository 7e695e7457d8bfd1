package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link JnaChildScenarios} (the same java and class path), with or without
 * native access and with the given {@code -D} options; the test reads its stdout, stderr and exit
 * status.
 */
final class JnaChildJvm {

    record Result(int exitStatus, String stdout, String stderr) {
        List<String> stderrLines() {
            return stderr.lines().toList();
        }

        /** Standard error's lines that callgate wrote. */
        List<String> callgateLines() {
            return stderr.lines().filter(l -> l.startsWith("callgate")).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitStatus + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private JnaChildJvm() {}

    static Result run(boolean nativeAccess, List<String> options, String... args) throws Exception {
        Path dir = Files.createTempDirectory("callgate-jna-child");
        File out = dir.resolve("stdout").toFile();
        File err = dir.resolve("stderr").toFile();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (nativeAccess) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-Xshare:auto");
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JnaChildScenarios.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("child JVM " + String.join(" ", args) + " did not end within 90 s; stderr:\n" + Files.readString(err.toPath()));
        }
        Result result = new Result(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
        Files.delete(out.toPath());
        Files.delete(err.toPath());
        Files.delete(dir);
        return result;
    }
}
