package org.siggendiff.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layers: the signature engine is a library that depends on Jackson and the JDK only, so
 * that it can ship alone (the {@code core} jar); its {@code internal} packages are used by the
 * engine alone; no package depends on itself through others; the command line sits on top, used
 * by nothing.
 */
class ArchitectureTest {
  /** The engine: what signs a crash, explains a signature, and nothing of the application. */
  static final String[] ENGINE = {
    "org.siggendiff.engine..",
    "org.siggendiff.siglist..",
    "org.siggendiff.signature..",
    "org.siggendiff.crashdata..",
    "org.siggendiff.attribution..",
    "org.siggendiff.internal..",
  };

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.siggendiff");

  @Test
  void theEngineDependsOnJacksonAndTheJdkOnly() {
    classes()
        .that()
        .resideInAnyPackage(ENGINE)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(allowedForTheEngine())
        .check(MAIN);
  }

  /**
   * {@code internal} is the engine's implementation: the application, like any library user,
   * reaches the engine through its public packages only, so that the implementation can change
   * without touching it.
   */
  @Test
  void onlyTheEngineUsesItsInternalPackages() {
    noClasses()
        .that()
        .resideOutsideOfPackages(ENGINE)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.siggendiff.internal..")
        .because("the engine's internal packages are its implementation, not an API;"
            + " use org.siggendiff.engine, signature, siglist, crashdata or attribution")
        .check(MAIN);
  }

  @Test
  void noPackageIsPartOfACycle() {
    slices().matching("org.siggendiff.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theCommandLineIsUsedByNothing() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.siggendiff.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.siggendiff.cli..")
        .check(MAIN);
  }

  @Test
  void theServerSignsThroughTheEnginesFacadeNotTheGenerator() {
    noClasses()
        .that()
        .resideInAPackage("org.siggendiff.serve..")
        .should()
        .accessClassesThat()
        .belongToAnyOf(org.siggendiff.signature.SignatureGenerator.class)
        .check(MAIN);
  }

  static String[] allowedForTheEngine() {
    String[] allowed = new String[ENGINE.length + 2];
    System.arraycopy(ENGINE, 0, allowed, 0, ENGINE.length);
    allowed[ENGINE.length] = "java..";
    allowed[ENGINE.length + 1] = "com.fasterxml.jackson..";
    return allowed;
  }
}
