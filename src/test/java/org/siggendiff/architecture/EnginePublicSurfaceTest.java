package org.siggendiff.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The engine's API, pinned: the public top-level types of its packages outside
 * {@code org.siggendiff.internal}, and the few public members of those types that show an
 * internal type. A type that becomes public there, or stops being public, fails here, and so
 * does a new member showing an internal type, so that the API grows or shrinks only on purpose.
 */
class EnginePublicSurfaceTest {
  /** The API, by name. Add a type here only when library users are meant to use it. */
  static final Set<String> API =
      Set.of(
          "org.siggendiff.engine.SignatureEngine",
          "org.siggendiff.siglist.SiglistException",
          "org.siggendiff.siglist.SiglistKind",
          "org.siggendiff.siglist.SiglistLoader",
          "org.siggendiff.siglist.SiglistSet",
          "org.siggendiff.signature.SignatureGenerator",
          "org.siggendiff.signature.SignatureResult",
          "org.siggendiff.signature.SignatureTrace",
          "org.siggendiff.signature.TraceableResult",
          "org.siggendiff.crashdata.CrashData",
          "org.siggendiff.crashdata.CrashDataAdapter",
          "org.siggendiff.crashdata.CrashDocument",
          "org.siggendiff.crashdata.CrashJson",
          "org.siggendiff.crashdata.PythonJson",
          "org.siggendiff.crashdata.UnsignableCrashException",
          "org.siggendiff.attribution.Cause",
          "org.siggendiff.attribution.ChangedLine",
          "org.siggendiff.attribution.ChangedLines",
          "org.siggendiff.attribution.CrashExplanation",
          "org.siggendiff.attribution.ExplainedFrame",
          "org.siggendiff.attribution.ExplainedWalk",
          "org.siggendiff.attribution.Explainer",
          "org.siggendiff.attribution.ExplanationJson",
          "org.siggendiff.attribution.FrameRole",
          "org.siggendiff.attribution.LineCause",
          "org.siggendiff.attribution.LineUsage",
          "org.siggendiff.attribution.LintWarning",
          "org.siggendiff.attribution.ListLine",
          "org.siggendiff.attribution.SideExplanation",
          "org.siggendiff.attribution.SiglistChange",
          "org.siggendiff.attribution.WalkSubjects");

  /**
   * The public members of API types whose signatures show an internal type: public because the
   * engine's other packages use them across a package boundary, which Java cannot narrow without
   * modules. The README lists them as not API.
   */
  static final Set<String> MEMBERS_SHOWING_INTERNAL_TYPES =
      Set.of(
          "org.siggendiff.siglist.SiglistSet.<init>(java.lang.String, java.util.Map,"
              + " org.siggendiff.internal.regex.SiglistMatcher, org.siggendiff.internal.regex.SiglistMatcher,"
              + " org.siggendiff.internal.regex.SiglistMatcher, java.util.Map)",
          "org.siggendiff.siglist.SiglistSet.irrelevant()",
          "org.siggendiff.siglist.SiglistSet.prefix()",
          "org.siggendiff.siglist.SiglistSet.lineNumbers()",
          "org.siggendiff.signature.SignatureGenerator.walk(org.siggendiff.crashdata.CrashData)",
          "org.siggendiff.signature.SignatureTrace$ThreadWalk.<init>(java.lang.String, java.lang.String,"
              + " org.siggendiff.internal.stack.Walk, java.lang.String)",
          "org.siggendiff.signature.SignatureTrace$ThreadWalk.walk()");

  private static final JavaClasses CLASSES =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.siggendiff");

  @Test
  void theEnginesPublicTypesOutsideInternalAreExactlyItsApi() {
    Set<String> found = new TreeSet<>();
    for (JavaClass type : CLASSES) {
      if (type.isTopLevelClass()
          && type.getModifiers().contains(JavaModifier.PUBLIC)
          && inApiPackage(type.getPackageName())) {
        found.add(type.getName());
      }
    }
    assertExactly(
        API,
        found,
        "public but not in the engine's API: %s; make it package-private, move it under"
            + " org.siggendiff.internal, or add it to EnginePublicSurfaceTest.API (and the README's list) deliberately",
        "in the engine's API but no longer public (or gone): %s; removing a type from the API breaks"
            + " library users, so take it out of EnginePublicSurfaceTest.API (and the README's list) deliberately");
  }

  @Test
  void onlyTheKnownPublicMembersOfTheApiShowInternalTypes() {
    Set<String> found = new TreeSet<>();
    for (JavaClass type : CLASSES) {
      // A nested type is named Outer$Inner; it is API when public in an API type.
      if (type.getModifiers().contains(JavaModifier.PUBLIC) && API.contains(type.getName().split("\\$")[0])) {
        for (JavaMember member : type.getMembers()) {
          if (member.getModifiers().contains(JavaModifier.PUBLIC) && showsInternalType(member)) {
            found.add(member.getFullName());
          }
        }
      }
    }
    assertExactly(
        MEMBERS_SHOWING_INTERNAL_TYPES,
        found,
        "public API members showing an internal type: %s; give them an API type, or list them in"
            + " MEMBERS_SHOWING_INTERNAL_TYPES and the README deliberately",
        "no longer showing an internal type (take them off the list and the README): %s");
  }

  /** Fails naming what was found beyond {@code expected}, then what of it was not found. */
  private static void assertExactly(Set<String> expected, Set<String> found, String unplannedMessage, String goneMessage) {
    List<String> unplanned = new ArrayList<>(found);
    unplanned.removeAll(expected);
    List<String> gone = new ArrayList<>(new TreeSet<>(expected));
    gone.removeAll(found);
    assertTrue(unplanned.isEmpty(), String.format(unplannedMessage, unplanned));
    assertTrue(gone.isEmpty(), String.format(goneMessage, gone));
  }

  /** Whether a member's parameters, result, field type or declared exceptions are internal types. */
  private static boolean showsInternalType(JavaMember member) {
    List<JavaClass> shown = new ArrayList<>();
    if (member instanceof JavaCodeUnit code) {
      shown.addAll(code.getRawParameterTypes());
      shown.add(code.getRawReturnType());
      shown.addAll(code.getExceptionTypes());
    } else if (member instanceof JavaField field) {
      shown.add(field.getRawType());
    }
    return shown.stream().anyMatch(type -> type.getPackageName().startsWith("org.siggendiff.internal"));
  }

  /** An engine package that is not internal: {@link ArchitectureTest#ENGINE} less internal. */
  private static boolean inApiPackage(String name) {
    for (String engine : ArchitectureTest.ENGINE) {
      String root = engine.replace("..", "");
      if ((name.equals(root) || name.startsWith(root + ".")) && !root.equals("org.siggendiff.internal")) {
        return true;
      }
    }
    return false;
  }
}
