package org.spicelearn.circuit;

/** Thrown when a substrate cannot do what was asked: no convergence, an unsupported element, a dead simulator. */
public class SubstrateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message. */
    public SubstrateException(String message) {
        super(message);
    }

    /** Creates the exception with a message and a cause. */
    public SubstrateException(String message, Throwable cause) {
        super(message, cause);
    }
}
