package org.spicelearn.bridge.remote;

import org.spicelearn.circuit.SubstrateException;

/** Thrown when a remote substrate could not reach its server within its reconnection budget. */
public class RemoteUnavailableException extends SubstrateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message and the last connection failure. */
    public RemoteUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
