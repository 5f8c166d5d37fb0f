package org.siggendiff.siglist;

/** The four signature lists of a siglist set, with their file names. */
public enum SiglistKind {
  IRRELEVANT("irrelevant_signature_re.txt"),
  PREFIX("prefix_signature_re.txt"),
  SENTINELS("signature_sentinels.txt"),
  LINE_NUMBERS("signatures_with_line_numbers_re.txt");

  private final String fileName;

  SiglistKind(String fileName) {
    this.fileName = fileName;
  }

  public String fileName() {
    return fileName;
  }
}
