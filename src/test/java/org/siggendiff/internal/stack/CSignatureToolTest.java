package org.siggendiff.internal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.siggendiff.testing.Fixtures.json;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.internal.py.PyException;
import org.siggendiff.siglist.SiglistException;
import org.siggendiff.siglist.SiglistLoader;

class CSignatureToolTest {
  @TempDir Path folder;

  /** A tool whose lists are as given; an empty list would match everything, as in Python. */
  private CSignatureTool tool(String prefix, String sentinels, String lineNumbers) throws IOException, SiglistException {
    Files.writeString(folder.resolve("irrelevant_signature_re.txt"), "ignored::.*\n");
    Files.writeString(folder.resolve("prefix_signature_re.txt"), prefix);
    Files.writeString(folder.resolve("signature_sentinels.txt"), sentinels);
    Files.writeString(folder.resolve("signatures_with_line_numbers_re.txt"), lineNumbers);
    return new CSignatureTool(SiglistLoader.load(folder, "test"), new FrameMemos());
  }

  private static String signature(CSignatureTool tool, String thread) {
    return tool.generate(tool.createFrameList(json(thread), false), BigInteger.ZERO).signature();
  }

  @Test
  void repeatedLibrariesCountOnceComparedAsPythonLowercasesThem() throws Exception {
    CSignatureTool tool = tool(".*\n", "", "nothing\n");

    String signature = signature(tool, "{'frames': [{'module': 'FOO.DLL'}, {'module': 'FOO.DLL'}, {'module': 'libA.SO'},"
        + " {'module': 'libA.SO'}, {'module': 'libB.\u017fo'}, {'module': 'libB.\u017fo'}, {'module': 'XUL'}, {'module': 'XUL'}]}");

    // U+017F (long s) is already lowercase in Python, so 'libB.\u017fo' is no shared object.
    assertEquals("FOO.DLL | libA.SO | libB.\u017fo | libB.\u017fo | XUL", signature);
  }

  @Test
  void aLibraryNameInsideAFrameIsNoLibraryFrameAndItsRepeatsStay() throws Exception {
    CSignatureTool tool = tool(".*\n", "", "nothing\n");

    String signature = signature(tool, "{'frames': [{'function': 'a.dll.x'}, {'function': 'a.dll.x'},"
        + " {'function': 'b.so@0x1'}, {'function': 'b.so@0x1'}, {'function': 'c.DLL'}, {'function': 'c.DLL'},"
        + " {'function': '<unknown in d.so.1>'}, {'function': '<unknown in d.so.1>'}]}");

    // Python: frame.lower().endswith((".dll", ".so")) or frame.startswith("<unknown in").
    assertEquals("a.dll.x | a.dll.x | b.so@0x1 | b.so@0x1 | c.DLL | <unknown in d.so.1>", signature);
  }

  @Test
  void startsAtTheFirstFrameThatIsAnySentinel() throws Exception {
    CSignatureTool tool = tool("nothing\n", "Second\nFirst\n", "nothing\n");

    CSignatureTool.Generated generated = tool.generate(
        tool.createFrameList(json("{'frames': [{'function': 'Top'}, {'function': 'First'}, {'function': 'Second'}]}"), false),
        BigInteger.ZERO);

    assertEquals("First", generated.signature());
    assertEquals(List.of("using signature lists from test", "sentinel; starting at \"First\" index 1",
        "not a prefix; stop: \"First\""), generated.debugNotes());
  }

  @Test
  void framesWithLineNumbersAreClassifiedWithTheirLine() throws Exception {
    CSignatureTool tool = tool("Lined:12\n", "", "Lined\n");

    assertEquals("Lined:12 | Lined:13", signature(tool,
        "{'frames': [{'function': 'Lined', 'line': 12}, {'function': 'ignored::x'}, {'function': 'Lined', 'line': 13}]}"));
  }

  @Test
  void framesThatAreNotPlainDictsFailAtTheirTurnAsInPython() throws Exception {
    CSignatureTool tool = tool(".*\n", "", "nothing\n");

    // The frames before the bad one are normalized first, so the bad one decides the error.
    PyException notADict = assertThrows(PyException.class, () -> tool.createFrameList(
        json("{'frames': [{'function': 'a'}, {'function': ['b', 'c']}, 'd', {'function': 5}]}"), false));
    assertEquals("unhashable type: 'list'", notADict.getMessage());
    PyException stringFrame = assertThrows(PyException.class, () -> tool.createFrameList(
        json("{'frames': [{'function': 'a'}, 'd', {'function': 5}]}"), false));
    assertEquals("'str' object has no attribute 'get'", stringFrame.getMessage());
  }
}
