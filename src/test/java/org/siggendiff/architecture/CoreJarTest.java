package org.siggendiff.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code core} jar (pom.xml, maven-jar-plugin execution {@code core}) holds the engine's
 * packages only, and what it holds needs nothing but Jackson and the JDK: a Java user can depend
 * on it alone.
 */
class CoreJarTest {
  private static final Pattern INCLUDE = Pattern.compile("<include>org/siggendiff/([a-z/]+)/\\*\\*</include>");

  @Test
  void theCoreJarHoldsExactlyTheEnginePackages() throws Exception {
    List<String> engine = Arrays.stream(ArchitectureTest.ENGINE).map(p -> p.replace("..", "")).sorted().toList();
    assertEquals(engine, corePackages().stream().sorted().toList());
  }

  @Test
  void theCoreJarsClassesNeedOnlyJacksonAndTheJdk() throws Exception {
    List<String> packages = corePackages();
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(packages);
    List<String> allowed = new ArrayList<>();
    packages.forEach(p -> allowed.add(p + ".."));
    allowed.add("java..");
    allowed.add("com.fasterxml.jackson..");
    classes().should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new)).check(core);
  }

  /** The packages the pom's core execution includes, as Java package names. */
  private static List<String> corePackages() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    String core = pom.substring(pom.indexOf("<id>core</id>"), pom.indexOf("</execution>", pom.indexOf("<id>core</id>")));
    List<String> packages = new ArrayList<>();
    Matcher m = INCLUDE.matcher(core);
    while (m.find()) {
      packages.add("org.siggendiff." + m.group(1).replace('/', '.'));
    }
    return packages;
  }
}
