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
        .onlyDependOnClassesThat(
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                    "io.hopscope.analytics.core..",
                    "java.lang..",
                    "java.util..",
                    "java.math..",
                    "java.time..",
                    "org.apache.commons.math3..")
                .or(
                    com.tngtech.archunit.base.DescribedPredicate.describe(
                        "the run spec's stages, or Serializable (the marker a distributed engine needs"
                            + " to ship the core's mergeable summaries)",
                        (com.tngtech.archunit.core.domain.JavaClass c) ->
                            c.getFullName().equals("io.hopscope.ingest.spec.StageSpec")
                                || c.getFullName().equals("java.io.Serializable"))))
        .check(core);
  }
}
