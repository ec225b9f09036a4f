package org.spicelearn.netlist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Reads the text of a netlist and every file it includes into cards: the title line, then logical
 * lines with {@code *}, {@code ;} and {@code $} comments removed and {@code +} continuations joined;
 * {@code .include} and {@code .lib FILE SECTION} are resolved in place, relative to the including
 * file; {@code *@spicelearn} lines are kept apart as role cards; {@code .control} blocks are kept
 * apart as text or refused; reading stops at {@code .end}.
 */
final class SourceReader {
    private static final int MAX_INCLUDE_DEPTH = 32;

    private final ParseOptions options;
    private final Path topDirectory;
    private final List<NetlistProblem> errors;
    private final Deque<String> includeStack = new ArrayDeque<>();

    /** The title (first line of the top file), case kept. */
    String title = "";
    /** Element and directive cards in order. */
    final List<Card> cards = new ArrayList<>();
    /** {@code *@spicelearn} lines in order (text after the prefix). */
    final List<Card> roleCards = new ArrayList<>();
    /** Lines of allowed control blocks. */
    final List<String> controlText = new ArrayList<>();

    private Card pending;
    private boolean ended;

    SourceReader(ParseOptions options, Path topDirectory, List<NetlistProblem> errors) {
        this.options = options;
        this.topDirectory = topDirectory;
        this.errors = errors;
    }

    /** Reads the top netlist from its text; its first line is the title. */
    void readTop(String displayName, String text, String identity) {
        includeStack.push(identity + "#");
        List<String> lines = lines(text);
        if (!lines.isEmpty()) {
            title = lines.get(0);
            String t = title.strip().toLowerCase(Locale.ROOT);
            if (t.startsWith("*ng_script")) {
                errors.add(new NetlistProblem(displayName, 1,
                        "refused: the file is an ngspice script (*ng_script), not a netlist; a netlist is data"));
                return;
            }
        }
        readLines(displayName, topDirectory, lines, 1, null);
        includeStack.pop();
    }

    /** Splits text into physical lines. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\n' || ch == '\r') {
                out.add(text.substring(start, i));
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /**
     * Reads physical lines from index {@code first}; with a {@code section}, only the lines between
     * {@code .lib SECTION} and its {@code .endl}.
     */
    private void readLines(String file, Path directory, List<String> lines, int first, String section) {
        boolean inSection = section == null;
        String skippingSection = null;
        int controlStart = -1;
        for (int i = first; i < lines.size() && !ended; i++) {
            int lineNo = i + 1;
            String raw = lines.get(i);
            String trimmed = raw.strip();
            String lower = trimmed.toLowerCase(Locale.ROOT);
            if (controlStart >= 0) {
                if (lower.startsWith(".endc")) {
                    controlStart = -1;
                } else if (options.allowControl() && inSection) {
                    controlText.add(raw);
                }
                continue;
            }
            String[] words = stripInlineComment(lower).split("\\s+");
            if (skippingSection != null) {
                if (words[0].equals(".endl")) {
                    skippingSection = null;
                }
                continue;
            }
            if (!inSection) {
                if (words[0].equals(".lib") && words.length == 2 && words[1].equals(section)) {
                    inSection = true;
                }
                continue;
            }
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.charAt(0) == '*') {
                if (lower.startsWith(NetlistWriter.ROLE_PREFIX)) {
                    roleCards.add(new Card(file, lineNo, trimmed.substring(NetlistWriter.ROLE_PREFIX.length()).strip()));
                }
                continue;
            }
            String text = stripInlineComment(trimmed);
            if (text.isEmpty()) {
                continue;
            }
            if (text.charAt(0) == '+') {
                if (pending == null) {
                    errors.add(new NetlistProblem(file, lineNo, "continuation line '+' with no line to continue"));
                } else {
                    pending = pending.withText(pending.text() + " " + text.substring(1).strip());
                }
                continue;
            }
            flush();
            String word = text.toLowerCase(Locale.ROOT).split("[\\s(]+")[0];
            switch (word) {
                case ".control":
                    if (!options.allowControl()) {
                        errors.add(new NetlistProblem(file, lineNo, "refused: .control block (a netlist is data;"
                                + " allow control blocks explicitly, e.g. --allow-control, to keep it as text)"));
                    }
                    controlStart = lineNo;
                    break;
                case ".endc":
                    errors.add(new NetlistProblem(file, lineNo, ".endc without .control"));
                    break;
                case "shell":
                case ".shell":
                case ".exec":
                    errors.add(new NetlistProblem(file, lineNo, "refused: '" + word + "' would make ngspice run commands"));
                    break;
                case ".end":
                    ended = true;
                    break;
                case ".endl":
                    if (section != null) {
                        return;
                    }
                    errors.add(new NetlistProblem(file, lineNo, ".endl without .lib section"));
                    break;
                case ".include":
                case ".inc":
                    include(file, directory, lineNo, argument(text), null);
                    break;
                case ".lib":
                    if (words.length == 2) {
                        skippingSection = words[1]; // a section definition: read only when asked for
                    } else {
                        lib(file, directory, lineNo, text);
                    }
                    break;
                default:
                    pending = new Card(file, lineNo, text);
            }
        }
        flush();
        if (controlStart >= 0) {
            errors.add(new NetlistProblem(file, controlStart, ".control without .endc"));
        }
        if (section != null && !inSection) {
            errors.add(new NetlistProblem(file, 0, "no section '" + section + "' (.lib " + section + ") in this file"));
        } else if (skippingSection != null) {
            errors.add(new NetlistProblem(file, lines.size(), "missing .endl for .lib " + skippingSection));
        }
    }

    private void lib(String file, Path directory, int lineNo, String text) {
        List<String> args = arguments(text.substring(4).strip());
        if (args.size() != 2) {
            errors.add(new NetlistProblem(file, lineNo, ".lib needs a file and a section name: .lib FILE SECTION"));
            return;
        }
        include(file, directory, lineNo, args.get(0), args.get(1).toLowerCase(Locale.ROOT));
    }

    private void flush() {
        if (pending != null) {
            cards.add(pending);
            pending = null;
        }
    }

    /** Reads an included file (or one section of it) in place. */
    private void include(String file, Path directory, int lineNo, String name, String section) {
        flush();
        if (name.isEmpty()) {
            errors.add(new NetlistProblem(file, lineNo, "include without a file name"));
            return;
        }
        if (directory == null) {
            errors.add(new NetlistProblem(file, lineNo, "cannot include '" + name + "': the netlist was read without a directory"));
            return;
        }
        Path target;
        try {
            target = directory.resolve(name).normalize();
        } catch (InvalidPathException e) {
            errors.add(new NetlistProblem(file, lineNo, "bad include file name '" + name + "'"));
            return;
        }
        Path real;
        try {
            real = target.toRealPath();
        } catch (NoSuchFileException e) {
            errors.add(new NetlistProblem(file, lineNo, "included file " + target + " does not exist"));
            return;
        } catch (IOException | SecurityException e) {
            errors.add(new NetlistProblem(file, lineNo, "cannot read included file " + target + ": " + e.getMessage()));
            return;
        }
        if (!options.allowOutsideIncludes() && !real.startsWith(topRealDirectory())) {
            errors.add(new NetlistProblem(file, lineNo, "refused: included file " + target
                    + " lies outside the netlist's directory tree " + topDirectory + " (allow it explicitly, e.g. --allow-outside-includes)"));
            return;
        }
        String key = real + "#" + (section == null ? "" : section);
        if (includeStack.contains(key) || section == null && includeStack.stream().anyMatch(k -> k.startsWith(real + "#"))) {
            errors.add(new NetlistProblem(file, lineNo, "recursive include of " + target
                    + (section == null ? "" : " section " + section)));
            return;
        }
        if (includeStack.size() >= MAX_INCLUDE_DEPTH) {
            errors.add(new NetlistProblem(file, lineNo, "includes nested deeper than " + MAX_INCLUDE_DEPTH + " files"));
            return;
        }
        if (!Files.isRegularFile(real)) {
            errors.add(new NetlistProblem(file, lineNo, "included file " + target + " is not a regular file"));
            return;
        }
        String text;
        try {
            text = new String(Files.readAllBytes(real), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            errors.add(new NetlistProblem(file, lineNo, "cannot read included file " + target + ": " + e.getMessage()));
            return;
        }
        includeStack.push(key);
        readLines(real.toString(), real.getParent(), lines(text), 0, section);
        includeStack.pop();
        ended = false; // an .end inside an included file or section ends only that file
    }

    private Path topRealDirectory() {
        try {
            return topDirectory.toRealPath();
        } catch (IOException e) {
            return topDirectory.toAbsolutePath().normalize();
        }
    }

    /** The single argument of {@code .include FILE}, quotes removed. */
    private static String argument(String text) {
        List<String> args = arguments(text.replaceFirst("^\\S+", "").strip());
        return args.isEmpty() ? "" : args.get(0);
    }

    /** White-space separated words, where a double- or single-quoted word may hold spaces. */
    private static List<String> arguments(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '"' || ch == '\'') {
                int end = text.indexOf(ch, i + 1);
                end = end < 0 ? text.length() : end;
                out.add(text.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                out.add(text.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    /** Removes a {@code ;} comment and a {@code $} comment that starts a word. */
    static String stripInlineComment(String text) {
        int cut = text.length();
        int semi = text.indexOf(';');
        if (semi >= 0) {
            cut = semi;
        }
        for (int i = 0; i < cut; i++) {
            if (text.charAt(i) == '$' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                cut = i;
                break;
            }
        }
        return text.substring(0, cut).strip();
    }
}
