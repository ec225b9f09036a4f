package org.spicelearn.bridge.remote;

import org.spicelearn.circuit.SubstrateException;

/** An {@code ERR} reply of a HIL server, or a request the protocol refuses: carries the error code. */
public class HilException extends SubstrateException {
    private static final long serialVersionUID = 1L;
    private final HilErrorCode code;

    /** Creates the exception with its code and a message. */
    public HilException(HilErrorCode code, String message) {
        super(code.code() + " " + message);
        this.code = code;
    }

    /** The protocol error code. */
    public HilErrorCode code() {
        return code;
    }
}
