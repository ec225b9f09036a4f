package org.spicelearn.cli.batch;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.spicelearn.cli.BadInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A training spec as an editable XML tree: the batch reads its key parameters, sets swept ones and
 * makes its file paths absolute, leaving everything else (and its meaning) to {@code spicelearn train}.
 * Mutable and confined to the thread that expands a sweep.
 */
final class SpecDocument {
    /** Classpath location of the training-spec schema published by {@code spicelearn train}. */
    static final String TRAINING_SCHEMA = "/spec/training-spec.xsd";
    /** Root element of a training spec. */
    static final String ROOT = "training";
    /** Children of {@code <training>} in schema order (used to insert an absent {@code <device>}). */
    private static final List<String> ORDER = List.of("netlist", "trainables", "supplies", "data", "inputs", "outputs", "rule",
            "phases", "device", "substrate", "learningRate", "epochs", "seed");

    /** A parser error handler that throws every error instead of printing it. */
    static final ErrorHandler RETHROW = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    private final Path source;
    private final Document document;

    private SpecDocument(Path source, Document document) {
        this.source = source;
        this.document = document;
    }

    /** Parses a training spec; not well-formed XML or another root element is bad input naming the file. */
    static SpecDocument parse(Path file) {
        try {
            var builder = builderFactory().newDocumentBuilder();
            builder.setErrorHandler(RETHROW);
            Document doc = builder.parse(file.toFile());
            String root = doc.getDocumentElement().getLocalName();
            if (!ROOT.equals(root)) {
                throw new BadInputException(file + ": root element is <" + root + ">, expected <" + ROOT + ">");
            }
            return new SpecDocument(file, doc);
        } catch (SAXParseException e) {
            throw new BadInputException(file + ": line " + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new BadInputException(file + ": cannot read the spec: " + e.getMessage(), e);
        }
    }

    /** A deep copy, for one expanded run. */
    SpecDocument copy() {
        Document doc;
        try {
            doc = builderFactory().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        doc.appendChild(doc.importNode(document.getDocumentElement(), true));
        return new SpecDocument(source, doc);
    }

    /** The file this spec was read from. */
    Path source() {
        return source;
    }

    /** The root {@code <training>} element. */
    Element root() {
        return document.getDocumentElement();
    }

    /** The child element of {@code parent} with this name, or null. */
    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** The element at a slash-separated path under the root, or null. */
    Element find(String path) {
        Element e = root();
        for (String part : path.split("/")) {
            e = child(e, part);
            if (e == null) {
                return null;
            }
        }
        return e;
    }

    /** The top-level element {@code name}, created empty at its schema position when absent. */
    Element topLevel(String name) {
        Element existing = child(root(), name);
        if (existing != null) {
            return existing;
        }
        Element created = document.createElementNS(root().getNamespaceURI(), name);
        int rank = ORDER.indexOf(name);
        Node before = null;
        for (Node n = root().getFirstChild(); n != null && before == null; n = n.getNextSibling()) {
            if (n instanceof Element e && ORDER.indexOf(e.getLocalName()) > rank) {
                before = e;
            }
        }
        root().insertBefore(created, before);
        return created;
    }

    /**
     * Makes the spec's file references (the netlist and a CSV data file) absolute, resolved against
     * the directory of the file the spec was read from, so the spec can be written anywhere.
     */
    void absolutisePaths() {
        Path dir = source.toAbsolutePath().getParent();
        Element netlist = child(root(), "netlist");
        if (netlist != null && !netlist.getTextContent().isBlank()) {
            netlist.setTextContent(dir.resolve(netlist.getTextContent().trim()).normalize().toString());
        }
        Element data = child(root(), "data");
        if (data != null && data.hasAttribute("csv")) {
            data.setAttribute("csv", dir.resolve(data.getAttribute("csv").trim()).normalize().toString());
        }
    }

    /** The spec as XML text. */
    String toXml() {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise the spec", e);
        }
    }

    /**
     * Checks XML text against the training-spec schema; returns one message per problem, with its
     * line, or nothing when it is valid.
     */
    static List<String> schemaProblems(StreamSource xml) {
        List<String> problems = new ArrayList<>();
        try {
            Validator validator = TrainingSchema.SCHEMA.newValidator();
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    problems.add(String.format(Locale.ROOT, "line %d: %s", e.getLineNumber(), e.getMessage()));
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            validator.validate(xml);
        } catch (SAXParseException e) {
            problems.add(String.format(Locale.ROOT, "line %d: %s", e.getLineNumber(), e.getMessage()));
        } catch (SAXException | IOException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** The training-spec schema, loaded once (a {@link Schema} is thread-safe). */
    private static final class TrainingSchema {
        static final Schema SCHEMA = load();

        private static Schema load() {
            URL url = SpecDocument.class.getResource(TRAINING_SCHEMA);
            if (url == null) {
                throw new IllegalStateException("schema " + TRAINING_SCHEMA + " is missing from the class path");
            }
            try {
                return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(url);
            } catch (SAXException e) {
                throw new IllegalStateException("cannot load " + TRAINING_SCHEMA + ": " + e.getMessage(), e);
            }
        }
    }

    /** Checks this (edited) spec against the training-spec schema. */
    List<String> schemaProblems() {
        return schemaProblems(new StreamSource(new StringReader(toXml())));
    }

    private static DocumentBuilderFactory builderFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        return f;
    }
}
