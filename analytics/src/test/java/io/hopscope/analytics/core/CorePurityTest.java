package io.hopscope.analytics.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The statistics core is pure Java: no Spark, no Hadoop, no I/O. The build checks it here. */
class CorePurityTest {
  @Test
  void coreDependsOnNothingButTheJdkBasicsAndCommonsMath() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hopscope.analytics.core");
    classes()
        .that()
        .resideInAPackage("io.hopscope.analytics.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.hopscope.analytics.core..",
            "java.lang..",
            "java.util..",
            "java.math..",
            "org.apache.commons.math3..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.hopscope.ingest.spec.StageSpec")
        .check(core);
  }
}
