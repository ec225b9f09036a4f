package org.spicelearn.bridge.remote;

/** An error code of the HIL protocol: the number after {@code ERR} in a reply line. */
public enum HilErrorCode {
    /** The request is not a command of the protocol, or its arguments do not parse. */
    BAD_REQUEST(400),
    /** A command before a successful {@code HELLO}, or a wrong token. */
    UNAUTHORIZED(401),
    /** A device, source or node name the network does not have. */
    UNKNOWN_NAME(404),
    /** The command cannot run in the present state (nothing settled yet, for example). */
    CONFLICT(409),
    /** The request line is longer than the server accepts. */
    LINE_TOO_LONG(413),
    /** A number that is not finite or lies outside its allowed range. */
    OUT_OF_RANGE(422),
    /** The device or its simulator failed. */
    DEVICE_FAILURE(500),
    /** The server does not implement the command (for example {@code WAIT} on a DC-only server). */
    UNSUPPORTED(501),
    /** The operation did not finish within the server's operation timeout. */
    TIMEOUT(504),
    /** The client asked for a protocol version the server does not speak. */
    VERSION_UNSUPPORTED(505);

    private final int code;

    HilErrorCode(int code) {
        this.code = code;
    }

    /** The numeric code written on the wire. */
    public int code() {
        return code;
    }

    /** The enum constant for a wire code, or {@link #DEVICE_FAILURE} for codes this version does not know. */
    public static HilErrorCode of(int code) {
        for (HilErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return DEVICE_FAILURE;
    }
}
