package dev.callgate.os.plan9sim;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The simulator's name space: {@code /dev/cons} and regular files in memory, by absolute name.
 * It is flat (no directories to list or walk) and shared by every process of a kernel; the
 * names under {@code /fd/} belong to each process and are resolved by {@link Plan9Process}.
 */
final class Namespace {

    static final String CONS = "/dev/cons";
    static final String FD_DIR = "/fd/";
    private static final String DEV_DIR = "/dev/";

    private final ConsoleDevice console;
    private final ConcurrentMap<String, MemoryFile> files = new ConcurrentHashMap<>();

    Namespace(ConsoleDevice console) {
        this.console = console;
    }

    ConsoleDevice console() {
        return console;
    }

    /** The file named {@code path}, or null. {@code /fd/N} is not looked up here. */
    FileNode lookup(String path) {
        return CONS.equals(path) ? console : files.get(path);
    }

    /** Whether {@code path} names a device or directory, where no regular file can be created. */
    static boolean isDeviceName(String path) {
        return path.equals("/") || path.equals("/dev") || path.equals("/fd")
                || path.startsWith(DEV_DIR) || path.startsWith(FD_DIR);
    }

    /** The existing file named {@code path}, or a new empty one made there. */
    MemoryFile fileOrNew(String path) {
        return files.computeIfAbsent(path, p -> new MemoryFile(new byte[0]));
    }

    /** A new empty file at {@code path}, or null if one exists ({@code OEXCL}). */
    MemoryFile newFileOnly(String path) {
        MemoryFile made = new MemoryFile(new byte[0]);
        return files.putIfAbsent(path, made) == null ? made : null;
    }

    void put(String path, byte[] contents) {
        files.put(path, new MemoryFile(contents));
    }

    MemoryFile file(String path) {
        return files.get(path);
    }
}
