package org.spicelearn.bridge.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The constants and the lexical rules of the HIL line protocol ({@code docs/hil-protocol.md}):
 * UTF-8 lines ending in {@code \n}, tokens separated by spaces, {@code key=value} arguments,
 * numbers in plain decimal or scientific notation only (no {@code NaN}, no {@code Infinity}, no hex).
 */
public final class HilProtocol {
    /** The protocol version this code speaks. */
    public static final int VERSION = 1;
    /** The server's default TCP port. */
    public static final int DEFAULT_PORT = 7878;
    /** The longest request line a server accepts by default, in bytes (newline excluded). */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    /** The longest reply line a client accepts, in bytes. */
    public static final int MAX_REPLY_LINE_BYTES = 16 * 1024 * 1024;
    /** The most device clauses a client puts on one {@code PULSE}, {@code WRITE} or {@code READ} line. */
    public static final int MAX_CLAUSES_PER_LINE = 256;
    /** Reply prefix of a success. */
    public static final String OK = "OK";
    /** Reply prefix of an error. */
    public static final String ERR = "ERR";

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern NAME = Pattern.compile("[^\\s=]{1,256}");

    private HilProtocol() {
    }

    /** Splits a line into its space-separated tokens (runs of spaces count as one). */
    public static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        for (String t : line.trim().split(" +")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Parses a finite decimal number.
     *
     * @param what the quantity, for the error message
     * @throws HilException {@link HilErrorCode#OUT_OF_RANGE} for anything but a finite plain number
     */
    public static double number(String text, String what) {
        if (text == null || text.length() > 64 || !NUMBER.matcher(text).matches()) {
            throw new HilException(HilErrorCode.OUT_OF_RANGE, what + " is not a finite number: '" + shorten(text) + "'");
        }
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
            throw new HilException(HilErrorCode.OUT_OF_RANGE, what + " is not finite: " + text);
        }
        return v;
    }

    /** Parses a finite number and checks {@code min <= value <= max}. */
    public static double number(String text, String what, double min, double max) {
        double v = number(text, what);
        if (v < min || v > max) {
            throw new HilException(HilErrorCode.OUT_OF_RANGE, what + " " + text + " is outside [" + min + ", " + max + "]");
        }
        return v;
    }

    /** Parses an integer in {@code [min, max]}. */
    public static long integer(String text, String what, long min, long max) {
        if (text == null || !INTEGER.matcher(text).matches()) {
            throw new HilException(HilErrorCode.OUT_OF_RANGE, what + " is not an integer: '" + shorten(text) + "'");
        }
        long v = Long.parseLong(text);
        if (v < min || v > max) {
            throw new HilException(HilErrorCode.OUT_OF_RANGE, what + " " + v + " is outside [" + min + ", " + max + "]");
        }
        return v;
    }

    /**
     * Splits a {@code key=value} token.
     *
     * @throws HilException {@link HilErrorCode#BAD_REQUEST} when it is not one
     */
    public static String[] keyValue(String token) {
        int eq = token.indexOf('=');
        if (eq <= 0 || eq == token.length() - 1 || !NAME.matcher(token.substring(0, eq)).matches()) {
            throw new HilException(HilErrorCode.BAD_REQUEST, "expected name=value, got '" + shorten(token) + "'");
        }
        return new String[] {token.substring(0, eq), token.substring(eq + 1)};
    }

    /** Formats a double so that it parses back to the same value. */
    public static String format(double value) {
        return Double.toString(value);
    }

    /** The error reply line for a code and message (the message on one line). */
    public static String error(HilErrorCode code, String message) {
        return ERR + " " + code.code() + " " + message.replace('\n', ' ').replace('\r', ' ');
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /**
     * Reads {@code \n}-terminated UTF-8 lines with a length limit: a longer line is consumed to its
     * end and reported as {@link LineTooLongException}, so the stream stays in step.
     */
    public static final class LineReader {
        private final InputStream in;
        private final int maxBytes;

        /** Reads from {@code in}, accepting lines of at most {@code maxBytes} bytes. */
        public LineReader(InputStream in, int maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        /**
         * The next line without its terminator (a trailing {@code \r} is dropped), or {@code null} at
         * the end of the stream.
         *
         * @throws LineTooLongException when the line exceeds the limit (the line is skipped)
         */
        public String readLine() throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
            boolean tooLong = false;
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    if (tooLong) {
                        throw new LineTooLongException(maxBytes);
                    }
                    byte[] bytes = buf.toByteArray();
                    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, n, StandardCharsets.UTF_8);
                }
                if (buf.size() >= maxBytes) {
                    tooLong = true;
                } else {
                    buf.write(b);
                }
            }
            if (tooLong) {
                throw new LineTooLongException(maxBytes);
            }
            return buf.size() == 0 ? null : new String(buf.toByteArray(), StandardCharsets.UTF_8);
        }
    }

    /** A line longer than a {@link LineReader}'s limit (the line has been skipped). */
    public static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception for a limit in bytes. */
        public LineTooLongException(int maxBytes) {
            super("line longer than " + maxBytes + " bytes");
        }
    }
}
