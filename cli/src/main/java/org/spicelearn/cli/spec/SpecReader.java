package org.spicelearn.cli.spec;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.spicelearn.cli.BadInputException;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads a training spec: validates it against {@code spec/training-spec.xsd} and unmarshals the
 * JAXB DTOs; every schema problem is reported at once as {@code FILE:LINE: message}. External
 * entities and DTDs are refused.
 */
public final class SpecReader {
    /** Class-path location of the schema. */
    public static final String SCHEMA_RESOURCE = "/spec/training-spec.xsd";
    private static final JAXBContext CONTEXT = context();
    private static final Schema SCHEMA = schema();

    private SpecReader() {
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(SpecXml.Training.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the JAXB context of the training spec", e);
        }
    }

    private static Schema schema() {
        URL url = SpecReader.class.getResource(SCHEMA_RESOURCE);
        if (url == null) {
            throw new IllegalStateException("schema " + SCHEMA_RESOURCE + " is missing from the class path");
        }
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
            return f.newSchema(url);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + SCHEMA_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and validates a spec file.
     *
     * @throws BadInputException listing every problem with its line
     */
    public static SpecXml.Training read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such spec file");
        }
        List<String> problems = validate(file);
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("\n", problems));
        }
        SpecXml.Training training = null;
        try (InputStream in = Files.newInputStream(file)) {
            Unmarshaller u = CONTEXT.createUnmarshaller();
            u.setSchema(SCHEMA);
            u.setEventHandler(event -> {
                problems.add(format(file, event));
                return event.getSeverity() != ValidationEvent.FATAL_ERROR;
            });
            InputSource source = new InputSource(in);
            source.setSystemId(file.toUri().toString());
            Object root = u.unmarshal(new SAXSource(secureReader(), source));
            if (root instanceof SpecXml.Training t) {
                training = t;
            } else {
                problems.add(file + ":1: the root element must be <training>");
            }
        } catch (UnmarshalException e) {
            if (problems.isEmpty()) {
                problems.add(file + ": " + rootMessage(e));
            }
        } catch (JAXBException | IOException e) {
            problems.add(file + ": " + rootMessage(e));
        }
        if (!problems.isEmpty() || training == null) {
            throw new BadInputException(String.join("\n", problems.isEmpty() ? List.of(file + ": unreadable spec") : problems));
        }
        return training;
    }

    /** Validates against the schema, collecting every error (the validator continues after each). */
    private static List<String> validate(Path file) {
        List<String> problems = new ArrayList<>();
        Validator v = SCHEMA.newValidator();
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not make a spec invalid
            }

            @Override
            public void error(SAXParseException e) {
                problems.add(format(file, e.getLineNumber(), e.getMessage()));
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                problems.add(format(file, e.getLineNumber(), e.getMessage()));
                throw e;
            }
        });
        try (InputStream in = Files.newInputStream(file)) {
            InputSource source = new InputSource(in);
            source.setSystemId(file.toUri().toString());
            v.validate(new SAXSource(secureReader(), source));
        } catch (SAXException e) {
            if (problems.isEmpty()) {
                problems.add(file + ": " + rootMessage(e));
            }
        } catch (IOException e) {
            problems.add(file + ": " + rootMessage(e));
        }
        return problems;
    }

    /** The spec as XML text (for the result file's echo and for tests). */
    public static String write(SpecXml.Training training) {
        try {
            Marshaller m = CONTEXT.createMarshaller();
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            StringWriter w = new StringWriter();
            m.marshal(training, w);
            return w.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write the spec", e);
        }
    }

    private static XMLReader secureReader() {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return f.newSAXParser().getXMLReader();
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure a secure XML parser", e);
        }
    }

    private static String format(Path file, ValidationEvent event) {
        ValidationEventLocator loc = event.getLocator();
        String message = event.getMessage() == null ? String.valueOf(event.getLinkedException()) : event.getMessage();
        return format(file, loc == null ? -1 : loc.getLineNumber(), message);
    }

    private static String format(Path file, int line, String message) {
        // Xerces prefixes messages with a code such as "cvc-complex-type.2.4.a: "
        String text = message == null ? "invalid" : message.replaceFirst("^cvc-[a-zA-Z0-9.\\-]+: ", "");
        return file + (line > 0 ? ":" + line : "") + ": " + text;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
