package dev.callgate.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The SYS_gettid table against the kernel headers installed on this host (linux-libc-dev). */
@EnabledOnOs(OS.LINUX)
class LinuxSyscallNumbersTest {

    private static final Pattern NR_GETTID = Pattern.compile("#define\\s+__NR_gettid\\s+(\\d+)\\s*$",
            Pattern.MULTILINE);

    @Test
    void x86_64NumberMatchesTheKernelHeader() throws Exception {
        int header = headerNumber("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
        assertEquals(OptionalInt.of(header), LinuxSyscallNumbers.gettid("amd64"));
        assertEquals(OptionalInt.of(header), LinuxSyscallNumbers.gettid("x86_64"));
    }

    @Test
    void i386NumberMatchesTheKernelHeader() throws Exception {
        int header = headerNumber("/usr/include/x86_64-linux-gnu/asm/unistd_32.h");
        for (String arch : List.of("i386", "i486", "i586", "i686", "x86")) {
            assertEquals(OptionalInt.of(header), LinuxSyscallNumbers.gettid(arch), arch);
        }
    }

    @Test
    void aarch64NumberMatchesTheGenericKernelHeader() throws Exception {
        int header = headerNumber("/usr/include/asm-generic/unistd.h");
        assertEquals(OptionalInt.of(header), LinuxSyscallNumbers.gettid("aarch64"));
        assertEquals(OptionalInt.of(header), LinuxSyscallNumbers.gettid("arm64"));
    }

    @Test
    void unknownArchitecturesHaveNoNumberAndTheTableSaysWhatItKnows() {
        assertTrue(LinuxSyscallNumbers.gettid("riscv64").isEmpty());
        assertTrue(LinuxSyscallNumbers.gettid("").isEmpty());
        assertTrue(LinuxSyscallNumbers.gettid(null).isEmpty());
        assertTrue(LinuxSyscallNumbers.KNOWN.contains("aarch64"), LinuxSyscallNumbers.KNOWN);
    }

    private static int headerNumber(String file) throws Exception {
        Path header = Path.of(file);
        Assumptions.assumeTrue(Files.isReadable(header), file + " is not installed (apt-get install linux-libc-dev)");
        Matcher m = NR_GETTID.matcher(Files.readString(header));
        assertTrue(m.find(), "no __NR_gettid in " + file);
        return Integer.parseInt(m.group(1));
    }
}
