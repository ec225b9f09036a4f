package org.spicelearn.bridge;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.List;

/**
 * The raw JNA mapping of {@code sharedspice.h} as libngspice 39.3 exports it: all 14 functions and
 * the callback types, with the corrections measured in NGSPICE.md ({@code NG_BOOL} is a C
 * {@code _Bool}, mapped to {@code byte}; {@code GetSyncData} takes 7 arguments).
 *
 * <p>Package-private on purpose: only {@link NgspiceInstance} calls it, after {@code ngSpice_Init},
 * on one thread. Structures are read through raw offsets (see the {@code *_OFFSET} constants) to
 * keep callbacks cheap.
 */
interface SharedSpice extends Library {

    /** Every exported function name; checked when a copy is loaded. */
    List<String> FUNCTION_NAMES = List.of(
            "ngSpice_Init", "ngSpice_Init_Sync", "ngSpice_Init_Evt", "ngSpice_Command", "ngGet_Vec_Info",
            "ngCM_Input_Path", "ngGet_Evt_NodeInfo", "ngSpice_AllEvtNodes", "ngSpice_Circ", "ngSpice_CurPlot",
            "ngSpice_AllPlots", "ngSpice_AllVecs", "ngSpice_running", "ngSpice_SetBkpt");

    // struct vector_info (40 bytes): name@0, type@8, flags@12, realdata@16, compdata@24, length@32
    int VECTOR_INFO_REALDATA_OFFSET = 16;
    int VECTOR_INFO_LENGTH_OFFSET = 32;
    // struct vecvalues (32 bytes): name@0, creal@8, cimag@16, is_scale@24, is_complex@25
    int VECVALUES_NAME_OFFSET = 0;
    int VECVALUES_CREAL_OFFSET = 8;
    int VECVALUES_IS_SCALE_OFFSET = 24;
    // struct vecvaluesall (16 bytes): veccount@0, vecindex@4, vecsa@8
    int VECVALUESALL_COUNT_OFFSET = 0;
    int VECVALUESALL_VECSA_OFFSET = 8;
    // struct vecinfoall: name@0, title@8, date@16, type@24, veccount@32, vecs@40
    int VECINFOALL_TYPE_OFFSET = 24;
    int VECINFOALL_COUNT_OFFSET = 32;
    int VECINFOALL_VECS_OFFSET = 40;
    // struct vecinfo (40 bytes): number@0, vecname@8, is_real@16, pdvec@24, pdvecscale@32
    int VECINFO_NAME_OFFSET = 8;

    /** {@code int SendChar(char*, int, void*)}: one line of ngspice output, prefixed "stdout " or "stderr ". */
    interface SendChar extends Callback {
        int invoke(String line, int ident, Pointer user);
    }

    /** {@code int SendStat(char*, int, void*)}: a simulation status string. */
    interface SendStat extends Callback {
        int invoke(String status, int ident, Pointer user);
    }

    /** {@code int ControlledExit(int, NG_BOOL, NG_BOOL, int, void*)}: ngspice wants to exit. */
    interface ControlledExit extends Callback {
        int invoke(int status, byte immediate, byte quit, int ident, Pointer user);
    }

    /** {@code int SendData(pvecvaluesall, int, int, void*)}: the values of one accepted data point. */
    interface SendData extends Callback {
        int invoke(Pointer vecValuesAll, int count, int ident, Pointer user);
    }

    /** {@code int SendInitData(pvecinfoall, int, void*)}: the vectors of a new plot. */
    interface SendInitData extends Callback {
        int invoke(Pointer vecInfoAll, int ident, Pointer user);
    }

    /** {@code int BGThreadRunning(NG_BOOL, int, void*)}: flag 0 when the thread starts, 1 when it ends. */
    interface BgThreadRunning extends Callback {
        int invoke(byte finished, int ident, Pointer user);
    }

    /** {@code int GetVSRCData(double*, double, char*, int, void*)}: the value of an external voltage source. */
    interface GetVsrcData extends Callback {
        int invoke(Pointer value, double timeSeconds, String name, int ident, Pointer user);
    }

    /** {@code int GetISRCData(double*, double, char*, int, void*)}: the value of an external current source. */
    interface GetIsrcData extends Callback {
        int invoke(Pointer value, double timeSeconds, String name, int ident, Pointer user);
    }

    /** {@code int GetSyncData(double, double*, double, int, int, int, void*)}: time, delta*, olddelta, redostep, ident, location, user. */
    interface GetSyncData extends Callback {
        int invoke(double timeSeconds, Pointer delta, double oldDelta, int redoStep, int ident, int location, Pointer user);
    }

    /** {@code int SendEvtData(int, double, double, char*, void*, int, int, int, void*)}: an event-node value. */
    interface SendEvtData extends Callback {
        int invoke(int node, double step, double value, String text, Pointer binary, int length, int mode, int ident,
                   Pointer user);
    }

    /** {@code int SendInitEvtData(int, int, char*, char*, int, void*)}: an event node of a new run. */
    interface SendInitEvtData extends Callback {
        int invoke(int node, int maxNode, String name, String type, int ident, Pointer user);
    }

    int ngSpice_Init(SendChar printfcn, SendStat statfcn, ControlledExit ngexit, SendData sdata,
                     SendInitData sinitdata, BgThreadRunning bgtrun, Pointer userData);

    int ngSpice_Init_Sync(GetVsrcData vsrcdat, GetIsrcData isrcdat, GetSyncData syncdat, IntByReference ident,
                          Pointer userData);

    int ngSpice_Init_Evt(SendEvtData sevtdata, SendInitEvtData sinitevtdata, Pointer userData);

    int ngSpice_Command(String command);

    Pointer ngGet_Vec_Info(String vecname);

    Pointer ngCM_Input_Path(String path);

    Pointer ngGet_Evt_NodeInfo(String nodename);

    Pointer ngSpice_AllEvtNodes();

    int ngSpice_Circ(String[] circarray);

    Pointer ngSpice_CurPlot();

    Pointer ngSpice_AllPlots();

    Pointer ngSpice_AllVecs(String plotname);

    byte ngSpice_running();

    byte ngSpice_SetBkpt(double time);
}
