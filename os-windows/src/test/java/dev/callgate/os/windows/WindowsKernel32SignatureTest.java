package dev.callgate.os.windows;

import dev.callgate.spi.contract.CDataModel;
import dev.callgate.spi.contract.CPrototype;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks by reflection that {@link WindowsKernel32}'s own {@code WriteFile} mappings and the JNA
 * Platform {@link Kernel32} methods it calls pass values of the sizes the Windows SDK declares, on
 * 32-bit (ILP32) and 64-bit (LLP64) Windows. Only reflection: kernel32 is not loaded.
 */
class WindowsKernel32SignatureTest {

    /** A JNA Platform method and the prototype from the Windows SDK documentation. */
    private record Mapping(Method method, CPrototype prototype) {
    }

    private static List<Mapping> mappingsWindowsKernel32Calls() throws NoSuchMethodException {
        return List.of(
                new Mapping(Kernel32.class.getMethod("GetStdHandle", int.class),
                        CPrototype.parse("HANDLE GetStdHandle(DWORD nStdHandle);")),
                new Mapping(Kernel32.class.getMethod("GetCurrentThreadId"),
                        CPrototype.parse("DWORD GetCurrentThreadId(void);")),
                new Mapping(Kernel32.class.getMethod("GetCurrentProcess"),
                        CPrototype.parse("HANDLE GetCurrentProcess(void);")),
                new Mapping(Kernel32.class.getMethod("TerminateProcess", HANDLE.class, int.class),
                        CPrototype.parse("BOOL TerminateProcess(HANDLE hProcess, UINT uExitCode);")));
    }

    @ParameterizedTest
    @EnumSource(value = CDataModel.class, names = {"ILP32", "LLP64"})
    void everyKernel32CallMatchesTheSdkSizes(CDataModel model) throws Exception {
        for (Mapping mapping : mappingsWindowsKernel32Calls()) {
            assertEquals(mapping.prototype().name(), mapping.method().getName());
            assertEquals(List.of(), mapping.prototype().mismatches(mapping.method(), model));
        }
    }

    private static final CPrototype WRITE_FILE = CPrototype.parse("BOOL WriteFile(HANDLE hFile, LPCVOID lpBuffer,"
            + " DWORD nNumberOfBytesToWrite, LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped);");

    @Test
    void theDirectWriteFileOfEachHolderMatchesItsModel() throws Exception {
        Method win64 = WindowsKernel32.Win64.class.getDeclaredMethod("WriteFile", long.class, long.class, int.class,
                long.class, long.class);
        Method win32 = WindowsKernel32.Win32.class.getDeclaredMethod("WriteFile", int.class, int.class, int.class,
                int.class, int.class);
        assertEquals(List.of(), WRITE_FILE.mismatches(win64, CDataModel.LLP64));
        assertEquals(List.of(), WRITE_FILE.mismatches(win32, CDataModel.ILP32));
        assertFalse(WRITE_FILE.mismatches(win32, CDataModel.LLP64).isEmpty(), "the 32-bit holder is wrong on 64-bit");
    }

    /** A HANDLE mapped as a Java int would be right on 32-bit Windows only; the check sees that. */
    @Test
    void theCheckCatchesAHandleMappedAsInt() throws Exception {
        Method wrong = IntHandles.class.getDeclaredMethod("GetStdHandle", int.class);
        CPrototype prototype = CPrototype.parse("HANDLE GetStdHandle(DWORD nStdHandle);");
        assertEquals(List.of(), prototype.mismatches(wrong, CDataModel.ILP32));
        assertFalse(prototype.mismatches(wrong, CDataModel.LLP64).isEmpty());
    }

    /** A mapping written with 32-bit habits. */
    private interface IntHandles {
        int GetStdHandle(int nStdHandle);
    }
}
