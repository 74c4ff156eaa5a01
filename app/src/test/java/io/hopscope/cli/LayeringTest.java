package io.hopscope.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module rules the READMEs state, checked on the classes of every module (this module sees them
 * all). Maven already keeps the modules acyclic; these rules are finer: where Spark may be used.
 */
class LayeringTest {
  private static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.hopscope");

  @Test
  void onlyTheSparkScansAndTheCommandLineUseSpark() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.hopscope.analytics.spark..", "io.hopscope.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.spark..")
        .because("ingest, the core, the stored analysis and the reports run without Spark")
        .check(ALL);
  }

  @Test
  void reportsAreMadeFromTheAnalysisAlone() {
    noClasses()
        .that()
        .resideInAPackage("io.hopscope.reports..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.hopscope.analytics.spark..", "io.hopscope.analytics.store..", "io.hopscope.cli..")
        .because(
            "a report is drawn from an analysis and its context; reading them back from the"
                + " warehouse is the pipeline's job")
        .check(ALL);
  }

  @Test
  void ingestDependsOnNoLaterModule() {
    noClasses()
        .that()
        .resideInAnyPackage("io.hopscope.ingest..", "io.hopscope.error..", "io.hopscope.sim..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.hopscope.analytics..", "io.hopscope.reports..", "io.hopscope.cli..")
        .check(ALL);
  }

  @Test
  void warehouseTablesHoldNamesAndColumnsNotReaderTypes() {
    noClasses()
        .that()
        .resideInAPackage("io.hopscope.ingest.warehouse..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.hopscope.ingest.jobs..",
            "io.hopscope.ingest.k6..",
            "io.hopscope.ingest.prom..",
            "io.hopscope.ingest.donefile..",
            "io.hopscope.ingest.valkey..")
        .because("each reader binds its own values to rows (TableDef.withWriter)")
        .check(ALL);
  }
}
