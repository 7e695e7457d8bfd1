package dev.callgate.os.linux;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * The Linux system call numbers callgate needs, per CPU architecture as Java names it in
 * {@code os.arch}. Pure data: loads nothing native, so the provider may ask it too.
 *
 * <p>Only {@code SYS_gettid} is needed, and only as the fallback for C libraries older than
 * glibc 2.30, which have no {@code gettid()} wrapper. The numbers come from the kernel's tables:
 * {@code arch/x86/entry/syscalls/syscall_64.tbl}, {@code syscall_32.tbl} and
 * {@code include/uapi/asm-generic/unistd.h} (used by arm64).
 */
final class LinuxSyscallNumbers {

    /** {@code SYS_gettid} on x86-64. */
    static final int GETTID_X86_64 = 186;

    /** {@code SYS_gettid} on i386 (also what a 32-bit JVM uses on a 64-bit kernel). */
    static final int GETTID_I386 = 224;

    /** {@code SYS_gettid} on aarch64 (the asm-generic table). */
    static final int GETTID_AARCH64 = 178;

    /** What {@link #gettid} knows, for messages. */
    static final String KNOWN = "amd64/x86_64 (" + GETTID_X86_64 + "), i386/x86 (" + GETTID_I386
            + "), aarch64/arm64 (" + GETTID_AARCH64 + ")";

    private LinuxSyscallNumbers() {}

    /**
     * {@code SYS_gettid} for the architecture Java calls {@code osArch}, or empty when callgate
     * does not know it.
     */
    static OptionalInt gettid(String osArch) {
        String arch = osArch == null ? "" : osArch.trim().toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
            case "x86-64":
                return OptionalInt.of(GETTID_X86_64);
            case "i386":
            case "i486":
            case "i586":
            case "i686":
            case "x86":
                return OptionalInt.of(GETTID_I386);
            case "aarch64":
            case "arm64":
                return OptionalInt.of(GETTID_AARCH64);
            default:
                return OptionalInt.empty();
        }
    }
}
