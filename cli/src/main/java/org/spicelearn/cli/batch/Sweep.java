package org.spicelearn.cli.batch;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.spicelearn.cli.BadInputException;
import org.xml.sax.SAXException;

/**
 * A sweep: a base training spec and, per swept parameter, its values; expands into the cartesian
 * product of runs, each with a deterministic id built from its parameter values.
 *
 * @param file   the sweep file
 * @param base   the base spec
 * @param axes   the swept parameters with their values, outermost (slowest varying) first
 */
public record Sweep(Path file, Path base, List<Axis> axes) {
    /** Classpath location of the sweep schema. */
    public static final String SCHEMA = "/spec/sweep.xsd";

    /** Copies the axes. */
    public Sweep {
        axes = List.copyOf(axes);
    }

    /**
     * One swept parameter.
     *
     * @param parameter the parameter
     * @param values    its values, in the order given
     * @param line      the line of its {@code <param>} in the sweep file
     */
    public record Axis(SweepParameter parameter, List<String> values, int line) {
        /** Copies the values. */
        public Axis {
            values = List.copyOf(values);
        }
    }

    /** The number of runs: the product of the axis sizes. */
    public int size() {
        int n = 1;
        for (Axis a : axes) {
            n = Math.multiplyExact(n, a.values().size());
        }
        return n;
    }

    /**
     * Reads and checks a sweep file: schema, duplicate parameters, the base spec (against the
     * training-spec schema) and every value applied alone to the base. All problems are reported
     * together, each with its file and line.
     */
    public static Sweep load(Path file) {
        SweepXml.Root root = unmarshal(file);
        List<String> problems = new ArrayList<>();
        Map<SweepParameter, Integer> seen = new HashMap<>();
        List<Axis> axes = new ArrayList<>();
        for (SweepXml.Param p : root.params) {
            SweepParameter parameter = SweepParameter.byKey(p.name);
            Integer previous = seen.putIfAbsent(parameter, p.line());
            if (previous != null) {
                problems.add(String.format(Locale.ROOT, "%s: line %d: parameter %s is already swept at line %d",
                        file, p.line(), p.name, previous));
            } else if (p.values.size() != p.values.stream().distinct().count()) {
                problems.add(String.format(Locale.ROOT, "%s: line %d: parameter %s repeats a value", file, p.line(), p.name));
            } else {
                axes.add(new Axis(parameter, p.values, p.line()));
            }
        }
        Path base = file.toAbsolutePath().getParent().resolve(root.base).normalize();
        if (!Files.isRegularFile(base)) {
            problems.add(file + ": base spec " + base + " does not exist");
            throw new BadInputException(String.join("\n", problems));
        }
        for (String problem : SpecDocument.schemaProblems(new StreamSource(base.toFile()))) {
            problems.add(base + ": " + problem);
        }
        SpecDocument baseSpec = SpecDocument.parse(base);
        for (Axis axis : axes) {
            for (String value : axis.values()) {
                for (String problem : problemsOf(baseSpec, axis.parameter(), value)) {
                    problems.add(String.format(Locale.ROOT, "%s: line %d: %s = '%s': %s", file, axis.line(),
                            axis.parameter().key(), value, problem));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("\n", problems));
        }
        return new Sweep(file, base, axes);
    }

    private static List<String> problemsOf(SpecDocument base, SweepParameter parameter, String value) {
        SpecDocument spec = base.copy();
        try {
            parameter.apply(spec, value);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        // The schema validator reports a bad value twice (facet, then attribute); the first says it all.
        return spec.schemaProblems().stream().limit(1).map(m -> m.replaceFirst("^line \\d+: ", "")).toList();
    }

    /**
     * The runs of the sweep, the last axis varying fastest. Each run's spec is the base with the
     * run's values set and its file references made absolute; its id is {@code prefix} followed by
     * {@code key-value} per axis, joined by '_' (beyond {@value PlannedRun#MAX_ID_LENGTH} characters,
     * cut and ended with a hash of the whole, see {@link PlannedRun#shortened}).
     *
     * @param idPrefix prepended to every id (with a '_' separator) unless empty
     */
    public List<PlannedRun> expand(String idPrefix) {
        SpecDocument baseSpec = SpecDocument.parse(base);
        List<PlannedRun> runs = new ArrayList<>();
        int[] index = new int[axes.size()];
        for (int n = 0; n < size(); n++) {
            SpecDocument spec = baseSpec.copy();
            List<String> idParts = new ArrayList<>();
            if (!idPrefix.isEmpty()) {
                idParts.add(idPrefix);
            }
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                String value = axis.values().get(index[a]);
                axis.parameter().apply(spec, value);
                idParts.add(axis.parameter().key() + "-" + value);
            }
            spec.absolutisePaths();
            runs.add(new PlannedRun(PlannedRun.shortened(PlannedRun.safe(String.join("_", idParts))), keyParameters(spec),
                    new PlannedRun.ExpandedSpec(spec.toXml())));
            for (int a = axes.size() - 1; a >= 0; a--) {
                if (++index[a] < axes.get(a).values().size()) {
                    break;
                }
                index[a] = 0;
            }
        }
        return runs;
    }

    /** Every key parameter of a spec, in enum order. */
    static Map<String, String> keyParameters(SpecDocument spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SweepParameter p : SweepParameter.values()) {
            out.put(p.key(), p.read(spec));
        }
        return out;
    }

    private static SweepXml.Root unmarshal(Path file) {
        List<String> problems = new ArrayList<>();
        try {
            URL schemaUrl = Sweep.class.getResource(SCHEMA);
            Unmarshaller u = JAXBContext.newInstance(SweepXml.Root.class).createUnmarshaller();
            u.setSchema(SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schemaUrl));
            Set<Integer> linesWithProblems = new HashSet<>();
            u.setEventHandler(event -> {
                int line = event.getLocator() == null ? 0 : event.getLocator().getLineNumber();
                // the validator follows a bad value with a restatement of it (cvc-attribute.3): one per line suffices
                if (linesWithProblems.add(line)) {
                    problems.add(String.format(Locale.ROOT, "%s: line %d: %s", file, line, event.getMessage()));
                }
                return true;
            });
            Object root;
            try (var in = Files.newInputStream(file)) {
                root = u.unmarshal(new StreamSource(in, file.toUri().toString()));
            }
            if (problems.isEmpty() && root instanceof SweepXml.Root sweep) {
                return sweep;
            }
        } catch (UnmarshalException e) {
            if (problems.isEmpty()) {
                problems.add(file + ": " + (e.getLinkedException() != null ? e.getLinkedException().getMessage() : e.getMessage()));
            }
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
        } catch (JAXBException | SAXException e) {
            throw new IllegalStateException("sweep schema or binding is broken", e);
        }
        throw new BadInputException(String.join("\n", problems));
    }
}
