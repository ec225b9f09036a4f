package org.spicelearn.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spicelearn.netlist.SpiceNames;

/**
 * Front-end commands written one after another into one reusable character buffer, so that an EP
 * step's 150 or so {@code alter}s make no string each: the substrate writes its changes here and
 * the session packs them into command lines. Not thread-safe (one session, one thread).
 */
final class CommandBatch {
    private final StringBuilder text = new StringBuilder(256);
    private int[] ends = new int[16];
    private int count;

    /** A batch holding {@code commands}. */
    static CommandBatch of(List<String> commands) {
        CommandBatch batch = new CommandBatch();
        for (String c : commands) {
            batch.add(c);
        }
        return batch;
    }

    /** Forgets every command (the buffer is kept). */
    void clear() {
        text.setLength(0);
        count = 0;
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Appends one command. */
    CommandBatch add(CharSequence command) {
        text.append(command);
        return end();
    }

    /** Appends every command of {@code other}. */
    CommandBatch addAll(CommandBatch other) {
        for (int i = 0; i < other.count; i++) {
            text.append(other.text, other.start(i), other.ends[i]);
            end();
        }
        return this;
    }

    /**
     * Appends {@code prefix} (a command up to its value, {@link SpiceNames#alterPrefix}) and then
     * {@code value} as {@link SpiceNames#number} writes it, without making a string.
     *
     * @throws IllegalArgumentException for NaN and infinities
     */
    CommandBatch addAlter(String prefix, double value) {
        int mark = text.length();
        try {
            SpiceNames.appendNumber(text.append(prefix), value);
        } catch (IllegalArgumentException e) {
            text.setLength(mark);
            throw e;
        }
        return end();
    }

    private CommandBatch end() {
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, 2 * count);
        }
        ends[count++] = text.length();
        return this;
    }

    /** The offset in {@link #text()} where command {@code i} starts. */
    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    /** The offset in {@link #text()} just after command {@code i}. */
    int end(int i) {
        return ends[i];
    }

    /** Copies the characters of every command, back to back, into the start of {@code destination}. */
    void getChars(char[] destination) {
        text.getChars(0, text.length(), destination, 0);
    }

    /** The characters of every command, back to back. */
    CharSequence text() {
        return text;
    }

    /** Whether command {@code i} starts with {@code prefix}. */
    boolean startsWith(int i, String prefix) {
        int s = start(i);
        if (ends[i] - s < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (text.charAt(s + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether command {@code i} holds the character {@code ch}. */
    boolean contains(int i, char ch) {
        for (int k = start(i), e = ends[i]; k < e; k++) {
            if (text.charAt(k) == ch) {
                return true;
            }
        }
        return false;
    }

    /** Command {@code i} as a string (for messages and checks of the rarer commands). */
    String command(int i) {
        return text.substring(start(i), ends[i]);
    }

    /** Every command as a string. */
    List<String> toList() {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(command(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join(" ; ", toList());
    }
}
