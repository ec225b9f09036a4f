package org.spicelearn.bridge;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * libc's {@code sigaction} bound by JNA direct mapping, for the handler restores that follow ngspice
 * commands: about 0.3 us a call, against 0.6-0.9 us through the interface mapping of {@link LibC}
 * (measured with JNA 5.19.1 on OpenJDK 17); restoring the four guarded handlers through the
 * interface mapping took 3-7 us, a few per cent of an EP step on the Iris network.
 */
final class DirectLibC {
    static {
        Native.register(DirectLibC.class, NativeLibrary.getInstance("c"));
    }

    private DirectLibC() {
    }

    static native int sigaction(int signal, Pointer action, Pointer oldAction);
}
