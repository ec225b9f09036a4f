package org.spicelearn.cli;

/** A failure caused by the user's input (file, spec, arguments): exit code 2, message printed as is. */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message is shown to the user verbatim. */
    public BadInputException(String message) {
        super(message);
    }

    /** Creates the exception with a cause. */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
