package dev.callgate.ffm;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM (the same java, the same class path, native access on) whose stdout, stderr and exit status the test reads. */
final class ChildJvm {

    record Result(int exitStatus, String stdout, String stderr) {
        List<String> stderrLines() {
            return stderr.isEmpty() ? List.of() : List.of(stderr.split("\n"));
        }

        @Override
        public String toString() {
            return "exit " + exitStatus + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private ChildJvm() {}

    static Result run(Class<?> main, String... args) throws Exception {
        Path dir = Files.createTempDirectory("callgate-ffm-child");
        File out = dir.resolve("stdout").toFile();
        File err = dir.resolve("stderr").toFile();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("child JVM " + main.getSimpleName() + " " + String.join(" ", args) + " did not end within 60 s; stderr:\n"
                    + Files.readString(err.toPath()));
        }
        Result result = new Result(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
        Files.delete(out.toPath());
        Files.delete(err.toPath());
        Files.delete(dir);
        return result;
    }
}
