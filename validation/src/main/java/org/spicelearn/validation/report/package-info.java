/**
 * The validation report files: {@code validation.xml} (JAXB DTOs, schema
 * {@code org/spicelearn/validation/report/validation.xsd}) and the self-contained {@code report.html}
 * with its charts.
 */
@XmlSchema(namespace = ValidationXml.NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
package org.spicelearn.validation.report;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
