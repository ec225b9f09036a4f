package org.spicelearn.cli.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.spicelearn.cli.BadInputException;

/**
 * What {@code spicelearn batch TARGET} trains: TARGET is a sweep file, a training spec, a directory
 * (its {@code *.xml} files, not recursive) or a glob ({@code *}, {@code ?}, {@code **}, {@code [..]},
 * <code>{a,b}</code>) over spec and sweep files that never looks inside a batch output directory. A spec file's run id is its file name without
 * {@code .xml}; a sweep's runs are named by their parameters, prefixed by the sweep's file name when the
 * target holds more than one file.
 */
public final class BatchTarget {
    private BatchTarget() {
    }

    /**
     * Expands TARGET into its runs.
     *
     * @throws BadInputException when nothing matches, a file cannot be read, a sweep is invalid or two runs share an id
     */
    public static List<PlannedRun> plan(String target) {
        List<Path> files = files(target);
        if (files.isEmpty()) {
            throw new BadInputException("batch: " + target + " matches no spec or sweep file");
        }
        boolean single = files.size() == 1;
        Map<String, PlannedRun> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            for (PlannedRun run : runsOf(file, single)) {
                PlannedRun clash = byId.putIfAbsent(run.id(), run);
                if (clash != null) {
                    problems.add("batch: two runs have the id " + run.id() + " (" + describe(clash) + " and " + describe(run) + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("\n", problems));
        }
        return List.copyOf(byId.values());
    }

    private static String describe(PlannedRun run) {
        return run.spec() instanceof PlannedRun.SpecFile f ? f.path().toString() : "a sweep expansion";
    }

    /**
     * The runs of one file. A file that is not a readable spec or sweep is bad input when it is the
     * whole target; among other files it becomes a run of its own that train rejects and the batch
     * records as failed, so the others go on.
     */
    private static List<PlannedRun> runsOf(Path file, boolean single) {
        String stem = PlannedRun.safe(stem(file));
        Map<String, String> parameters;
        try {
            if ("sweep".equals(rootElement(file))) {
                return Sweep.load(file).expand(single ? "" : stem);
            }
            parameters = Sweep.keyParameters(SpecDocument.parse(file));
        } catch (BadInputException e) {
            if (single || "sweep".equals(safeRootElement(file))) {
                throw e;
            }
            parameters = Map.of();
        }
        return List.of(new PlannedRun(stem, parameters, new PlannedRun.SpecFile(file)));
    }

    private static String safeRootElement(Path file) {
        try {
            return rootElement(file);
        } catch (BadInputException e) {
            return "";
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".xml") ? name.substring(0, name.length() - 4) : name;
    }

    /** The files TARGET names, sorted by path. */
    static List<Path> files(String target) {
        Path path = Paths.get(target);
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".xml")).sorted().toList();
            } catch (IOException e) {
                throw new BadInputException("batch: cannot list " + target + ": " + e.getMessage(), e);
            }
        }
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!target.matches(".*[*?\\[{].*")) {
            throw new BadInputException("batch: " + target + " does not exist");
        }
        return glob(target);
    }

    private static List<Path> glob(String pattern) {
        String[] parts = pattern.split("/", -1);
        int fixed = 0;
        while (fixed < parts.length - 1 && !parts[fixed].matches(".*[*?\\[{].*")) {
            fixed++;
        }
        String rootText = String.join("/", java.util.Arrays.copyOfRange(parts, 0, fixed));
        Path root = rootText.isEmpty() ? Paths.get(pattern.startsWith("/") ? "/" : ".") : Paths.get(rootText);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    // never descend into a batch's output directory: its run specs and results are not targets
                    return Files.exists(dir.resolve(BatchRunner.LOCK)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && matcher.matches(rootText.isEmpty() && !pattern.startsWith("/") ? root.relativize(file) : file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found.stream().sorted().toList();
    }

    /** The local name of the file's root element; bad input, with the line, when the file is not well-formed XML. */
    static String rootElement(Path file) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            while (r.hasNext()) {
                if (r.next() == XMLStreamReader.START_ELEMENT) {
                    return r.getLocalName();
                }
            }
            return "";
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            throw new BadInputException(file + ": line " + line + ": not well-formed XML: "
                    + e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", ""), e);
        } catch (IOException e) {
            throw new BadInputException("batch: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
