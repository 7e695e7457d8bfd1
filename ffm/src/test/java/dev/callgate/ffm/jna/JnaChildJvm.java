package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

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
        List<String> command = new ArrayList<>();
        command.add(java());
        if (nativeAccess) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-Xshare:auto");
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JnaChildScenarios.class.getName());
        command.addAll(List.of(args));
        return run(command, args);
    }

    /**
     * {@code java -jar} of a launcher jar whose manifest names the scenarios and the test class
     * path, with {@code Enable-Native-Access: ALL-UNNAMED} when {@code manifestEnables}: how an
     * executable jar enables native access without a flag.
     */
    static Result runJar(boolean manifestEnables, String... args) throws Exception {
        Path jar = Files.createTempFile("callgate-jna-launcher", ".jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, JnaChildScenarios.class.getName());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry).toUri().toString()); // a directory's URI ends in '/'
        }
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        if (manifestEnables) {
            main.put(new Attributes.Name("Enable-Native-Access"), "ALL-UNNAMED");
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        List<String> command = new ArrayList<>(List.of(java(), "-Xshare:auto", "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            return run(command, args);
        } finally {
            Files.delete(jar);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Result run(List<String> command, String... args) throws Exception {
        Path dir = Files.createTempDirectory("callgate-jna-child");
        File out = dir.resolve("stdout").toFile();
        File err = dir.resolve("stderr").toFile();
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
