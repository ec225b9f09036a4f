package org.spicelearn.validation.report;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.spicelearn.validation.Bound;
import org.spicelearn.validation.Check;
import org.spicelearn.validation.Figure;
import org.spicelearn.validation.Format;
import org.spicelearn.validation.Plot;
import org.spicelearn.validation.SectionResult;
import org.spicelearn.validation.Table;
import org.spicelearn.validation.ValidationReport;

/**
 * Writes a {@link ValidationReport} as {@code validation.xml} (schema {@link #SCHEMA_RESOURCE}) and
 * as one self-contained {@code report.html} (charts embedded as base64 PNG data URIs). Files are
 * written to a temporary name and moved into place, so a reader never sees half a file.
 */
public final class ReportWriter {
    /** Class-path location of the XML schema. */
    public static final String SCHEMA_RESOURCE = "/org/spicelearn/validation/report/validation.xsd";
    /** File name of the XML result. */
    public static final String XML_FILE = "validation.xml";
    /** File name of the HTML report. */
    public static final String HTML_FILE = "report.html";

    private ReportWriter() {
    }

    /** The URL of the bundled schema. */
    public static URL schema() {
        return ReportWriter.class.getResource(SCHEMA_RESOURCE);
    }

    /** Writes both files into {@code directory} (created when missing). */
    public static void write(ValidationReport report, Path directory) {
        try {
            Files.createDirectories(directory);
            writeAtomically(directory.resolve(XML_FILE), w -> marshal(toXml(report), w));
            writeAtomically(directory.resolve(HTML_FILE), w -> w.write(html(report)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory + ": " + e.getMessage(), e);
        }
    }

    private interface WriterBody {
        void write(Writer w) throws IOException;
    }

    private static void writeAtomically(Path target, WriterBody body) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            body.write(w);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void marshal(ValidationXml xml, Writer w) throws IOException {
        try {
            Marshaller m = JAXBContext.newInstance(ValidationXml.class).createMarshaller();
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            m.marshal(xml, w);
        } catch (JAXBException e) {
            throw new IOException("cannot marshal validation.xml: " + e, e);
        }
    }

    /** The DTO of a report. */
    public static ValidationXml toXml(ValidationReport report) {
        ValidationXml x = new ValidationXml();
        x.quick = report.quick();
        x.started = report.started().toString();
        x.seconds = report.seconds();
        x.passed = report.passed();
        x.checks = report.sections().stream().mapToInt(s -> s.checks().size()).sum();
        x.failed = report.failures().size();
        for (SectionResult s : report.sections()) {
            ValidationXml.ExperimentXml e = new ValidationXml.ExperimentXml();
            e.name = s.experiment().cliName();
            e.title = s.experiment().title();
            e.seconds = s.seconds();
            e.passed = s.passed();
            e.tested = s.tested();
            e.theory = s.theory();
            e.measured = s.measured();
            for (Check c : s.checks()) {
                e.checks.add(toXml(c));
            }
            for (Table t : s.tables()) {
                ValidationXml.TableXml tx = new ValidationXml.TableXml();
                tx.caption = t.caption();
                tx.header = row(t.header());
                for (List<String> r : t.rows()) {
                    tx.rows.add(row(r));
                }
                e.tables.add(tx);
            }
            x.experiments.add(e);
        }
        return x;
    }

    private static ValidationXml.RowXml row(List<String> cells) {
        ValidationXml.RowXml r = new ValidationXml.RowXml();
        r.cells.addAll(cells);
        return r;
    }

    private static ValidationXml.CheckXml toXml(Check c) {
        ValidationXml.CheckXml cx = new ValidationXml.CheckXml();
        cx.name = c.name();
        cx.passed = c.passed();
        cx.value = c.value();
        cx.unit = c.unit();
        cx.description = c.description();
        ValidationXml.ThresholdXml t = new ValidationXml.ThresholdXml();
        t.kind = c.bound().kind();
        t.text = c.bound().describe();
        Bound b = c.bound();
        if (b instanceof Bound.AtMost m) {
            t.limit = m.limit();
        } else if (b instanceof Bound.AtLeast l) {
            t.limit = l.limit();
        } else if (b instanceof Bound.Within w) {
            t.target = w.target();
            t.tolerance = w.tolerance();
        }
        cx.threshold = t;
        for (Figure f : c.figures()) {
            ValidationXml.FigureXml fx = new ValidationXml.FigureXml();
            fx.name = f.name();
            fx.value = f.value();
            fx.unit = f.unit();
            cx.figures.add(fx);
        }
        return cx;
    }

    /** The HTML page of a report. */
    public static String html(ValidationReport report) {
        StringBuilder h = new StringBuilder(1 << 16);
        int checks = report.sections().stream().mapToInt(s -> s.checks().size()).sum();
        int failed = report.failures().size();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>spicelearn validation</title><style>")
                .append("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.45;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:0.9em}")
                .append("td,th{border:1px solid #ccc;padding:0.25em 0.5em;vertical-align:top;text-align:left}")
                .append("th{background:#f3f3f3}.pass{color:#176d17;font-weight:bold}.fail{color:#b00;font-weight:bold}")
                .append("h2{border-bottom:2px solid #ddd;padding-bottom:0.2em;margin-top:2em}")
                .append("img{max-width:100%;border:1px solid #eee}.fig{color:#555;font-size:0.85em}")
                .append("</style></head><body>\n");
        h.append("<h1>spicelearn validation report</h1>\n<p>spicelearn trains physical resistive networks ")
                .append("with temporally local contrastive learning (equilibrium propagation, coupled learning and ")
                .append("contrastive learning), on ngspice and on an exact digital model of the same circuit (the ")
                .append("<em>ideal substrate</em>). This report checks, with numbers, that the two solvers agree, ")
                .append("that the local learning rules estimate the true gradient, that flexible phase schedules are ")
                .append("unbiased and train as well as the rigid baseline, and how far non-equilibrium dynamics and ")
                .append("imperfect devices move the results. Every check states the measured value and the region ")
                .append("theory allows; a check fails when the value leaves it.</p>\n");
        h.append(String.format(Locale.ROOT, "<p>Suite: <b>%s</b>; started %s; wall time %.1f s. <span class=\"%s\">%s</span>: "
                        + "%d of %d checks passed.</p>\n", report.quick() ? "quick" : "full", esc(report.started().toString()),
                report.seconds(), report.passed() ? "pass" : "fail", report.passed() ? "PASS" : "FAIL", checks - failed, checks));
        h.append("<table><tr><th>experiment</th><th>result</th><th>checks</th><th>wall time</th></tr>\n");
        for (SectionResult s : report.sections()) {
            long f = s.checks().stream().filter(c -> !c.passed()).count();
            h.append(String.format(Locale.ROOT, "<tr><td><a href=\"#%s\">%s</a></td><td class=\"%s\">%s</td><td>%d/%d</td>"
                            + "<td>%.1f s</td></tr>\n", s.experiment().cliName(), esc(s.experiment().title()),
                    s.passed() ? "pass" : "fail", s.passed() ? "PASS" : "FAIL", s.checks().size() - f, s.checks().size(),
                    s.seconds()));
        }
        h.append("</table>\n");
        for (SectionResult s : report.sections()) {
            section(h, s);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void section(StringBuilder h, SectionResult s) {
        h.append("<h2 id=\"").append(s.experiment().cliName()).append("\">").append(esc(s.experiment().title()))
                .append(" <span class=\"").append(s.passed() ? "pass\">PASS" : "fail\">FAIL").append("</span></h2>\n");
        h.append("<p><code>spicelearn validate ").append(s.experiment().cliName()).append("</code></p>\n");
        h.append("<h3>What is tested</h3><p>").append(esc(s.tested())).append("</p>\n");
        h.append("<h3>What theory predicts</h3><p>").append(esc(s.theory())).append("</p>\n");
        h.append("<h3>What was measured</h3><p>").append(esc(s.measured())).append("</p>\n");
        h.append("<table><tr><th>check</th><th>what is compared</th><th>measured</th><th>allowed</th><th>result</th></tr>\n");
        for (Check c : s.checks()) {
            StringBuilder figs = new StringBuilder();
            for (Figure f : c.figures()) {
                figs.append("<br><span class=\"fig\">").append(esc(f.name())).append(" = ").append(Format.number(f.value()))
                        .append(f.unit().isEmpty() ? "" : " " + esc(f.unit())).append("</span>");
            }
            String unit = c.unit().isEmpty() ? "" : " " + esc(c.unit());
            h.append("<tr><td><code>").append(esc(c.name())).append("</code></td><td>").append(esc(c.description()))
                    .append(figs).append("</td><td>").append(Format.number(c.value())).append(unit).append("</td><td>")
                    .append(esc(c.bound().describe())).append(unit).append("</td><td class=\"")
                    .append(c.passed() ? "pass\">pass" : "fail\">FAIL").append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Table t : s.tables()) {
            h.append("<table><caption>").append(esc(t.caption())).append("</caption><tr>");
            for (String c : t.header()) {
                h.append("<th>").append(esc(c)).append("</th>");
            }
            h.append("</tr>\n");
            for (List<String> r : t.rows()) {
                h.append("<tr>");
                for (String c : r) {
                    h.append("<td>").append(esc(c)).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        for (Plot p : s.plots()) {
            h.append("<p><img alt=\"").append(esc(p.title())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(ChartRenderer.png(p))).append("\"></p>\n");
        }
    }

    /** HTML-escapes text. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
