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
                            + " to ship the core's mergeable summaries) and the object streams and"
                            + " byte buffers of those summaries' own serialization (LongBlocks)",
                        (com.tngtech.archunit.core.domain.JavaClass c) ->
                            c.getFullName().equals("io.hopscope.ingest.spec.StageSpec")
                                || SERIALIZATION.contains(c.getFullName()))))
        .check(core);
  }

  /** What a summary's writeObject and readObject may use: nothing that reaches outside the JVM. */
  private static final java.util.Set<String> SERIALIZATION =
      java.util.Set.of(
          "java.io.Serializable",
          "java.io.ObjectOutputStream",
          "java.io.ObjectInputStream",
          "java.io.IOException",
          "java.nio.ByteBuffer",
          "java.nio.ByteOrder",
          "java.nio.LongBuffer");
}
