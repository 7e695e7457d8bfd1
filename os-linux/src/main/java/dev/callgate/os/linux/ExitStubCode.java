package dev.callgate.os.linux;

import java.util.Locale;

/**
 * The machine code of the exit guard's {@code on_exit} handler, per CPU architecture: a function
 * {@code void stub(int status, void *block)} where {@code block} is two pointer-sized words,
 * {@code [flag][address of _exit]}. It does {@code if (block->flag) _exit(status); else return;}
 * with a tail jump, so {@code _exit} gets the status exactly where the handler got it (first
 * argument register, or the first stack slot on i386). The bytes were assembled from the listed
 * instructions with GNU as ({@code as --64}, {@code as --32}) and {@code llvm-mc
 * -triple=aarch64}, and disassembled back; os-linux's tests run them on each architecture.
 */
final class ExitStubCode {

    private ExitStubCode() {
    }

    /** amd64 System V: {@code edi} = status (left untouched), {@code rsi} = block. */
    private static final byte[] AMD64 = {
        (byte) 0xf3, 0x0f, 0x1e, (byte) 0xfa, // endbr64            landing pad where IBT is enforced, else a NOP
        0x48, (byte) 0x8b, 0x06,             // mov  rax, [rsi]     the flag
        0x48, (byte) 0x85, (byte) 0xc0,      // test rax, rax
        0x74, 0x03,                          // jz   ret            flag 0: back to exit(3)'s other handlers
        (byte) 0xff, 0x66, 0x08,             // jmp  [rsi + 8]      tail jump to _exit(status)
        (byte) 0xc3,                         // ret
    };

    /** i386 cdecl: status at {@code [esp+4]} (left in place for {@code _exit}), block at {@code [esp+8]}. */
    private static final byte[] I386 = {
        (byte) 0xf3, 0x0f, 0x1e, (byte) 0xfb, // endbr32            landing pad where IBT is enforced, else a NOP
        (byte) 0x8b, 0x44, 0x24, 0x08,        // mov  eax, [esp + 8] the block
        (byte) 0x8b, 0x08,                    // mov  ecx, [eax]     the flag
        (byte) 0x85, (byte) 0xc9,             // test ecx, ecx
        0x74, 0x03,                           // jz   ret
        (byte) 0xff, 0x60, 0x04,              // jmp  [eax + 4]      tail jump to _exit(status)
        (byte) 0xc3,                          // ret
    };

    /**
     * aarch64 AAPCS64, little-endian: {@code w0} = status (left untouched), {@code x1} = block. The
     * scratch register is x16 (IP0, free at any call boundary), because where glibc is built with
     * branch protection a {@code br} into {@code _exit}'s {@code bti c} landing pad is allowed only
     * through x16 or x17.
     */
    private static final int[] AARCH64 = {
        0xf9400030, // ldr  x16, [x1]       the flag
        0xb4000070, // cbz  x16, +12        flag 0: to ret
        0xf9400430, // ldr  x16, [x1, #8]   _exit
        0xd61f0200, // br   x16             tail jump to _exit(status)
        0xd65f03c0, // ret
    };

    /**
     * The handler's code for the architecture Java calls {@code osArch}, or {@code null} where
     * callgate has none (the guard then falls back to an unconditional {@code on_exit(_exit)}).
     */
    static byte[] forArch(String osArch) {
        String arch = osArch == null ? "" : osArch.trim().toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
            case "x86-64":
                return AMD64.clone();
            case "i386":
            case "i486":
            case "i586":
            case "i686":
            case "x86":
                return I386.clone();
            case "aarch64":
            case "arm64":
                return littleEndian(AARCH64);
            default:
                return null;
        }
    }

    private static byte[] littleEndian(int[] words) {
        byte[] bytes = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int b = 0; b < 4; b++) {
                bytes[4 * i + b] = (byte) (words[i] >>> (8 * b));
            }
        }
        return bytes;
    }
}
