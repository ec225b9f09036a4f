package org.spicelearn.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Enforces the module boundaries of ARCHITECTURE.md on the compiled production classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.spicelearn");
    }

    @Test
    void onlyTheBridgeTouchesJna() {
        noClasses().that().resideOutsideOfPackage("org.spicelearn.bridge..")
                .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
                .check(classes);
    }

    @Test
    void theLearnerSeesOnlyTheCircuitVocabulary() {
        noClasses().that().resideInAPackage("org.spicelearn.learn..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.spicelearn.bridge..", "org.spicelearn.netlist..", "com.sun.jna..",
                        "jakarta.xml.bind..", "javafx..", "org.spicelearn.validation..", "org.spicelearn.cli..")
                .check(classes);
    }

    @Test
    void domainTypesCarryNoJaxbOrJavaFx() {
        noClasses().that().resideInAnyPackage("org.spicelearn.circuit..", "org.spicelearn.netlist..",
                        "org.spicelearn.bridge..", "org.spicelearn.learn..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.xml.bind..", "javafx..")
                .check(classes);
    }

    @Test
    void theCircuitVocabularyDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("org.spicelearn.circuit..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.spicelearn.netlist..", "org.spicelearn.bridge..", "org.spicelearn.learn..",
                        "org.spicelearn.validation..", "org.spicelearn.cli..")
                .check(classes);
    }
}
