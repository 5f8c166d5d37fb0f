package org.siggendiff.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.siggendiff.siglist.SiglistKind;

/** Reads the siglists at a git ref of a local checkout with git itself, leaving the work tree alone. */
final class GitSiglists {
  private final Path checkout;
  private final String spec;

  GitSiglists(Path checkout, String spec) {
    this.checkout = checkout;
    this.spec = spec;
  }

  /** The full commit SHA that {@code ref} names. */
  String resolve(String ref) throws SiglistSourceException {
    if (ref.isEmpty() || ref.startsWith("-")) {
      throw new SiglistSourceException(spec + ": not a git ref: " + ref);
    }
    Result result = git("rev-parse", "--verify", "--quiet", ref + "^{commit}");
    String sha = result.text().strip();
    if (result.status() != 0 || !SiglistResolver.isSha(sha)) {
      throw new SiglistSourceException(spec + ": git cannot find commit " + ref + " in " + checkout);
    }
    return sha;
  }

  /**
   * The four files at {@code sha}, from {@code socorro/signature/siglists/} below the folder
   * given, or from the folder itself when it holds them.
   */
  Map<SiglistKind, byte[]> files(String sha) throws SiglistSourceException {
    String prefix = git("rev-parse", "--show-prefix").text().strip();
    for (String folder : List.of(prefix + SiglistResolver.SOCORRO_PATH + "/", prefix)) {
      Map<SiglistKind, byte[]> files = new LinkedHashMap<>();
      for (SiglistKind kind : SiglistKind.values()) {
        Result shown = git("show", sha + ":" + folder + kind.fileName());
        if (shown.status() != 0) {
          break;
        }
        files.put(kind, shown.bytes());
      }
      if (files.size() == SiglistKind.values().length) {
        return files;
      }
    }
    throw new SiglistSourceException(
        spec + ": commit " + sha + " has no siglist files in " + SiglistResolver.SOCORRO_PATH + " or in the folder given");
  }

  private record Result(int status, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private Result git(String... args) throws SiglistSourceException {
    List<String> command = new ArrayList<>(List.of("git", "-C", checkout.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      int status = process.waitFor();
      return new Result(status, output.join());
    } catch (IOException e) {
      throw new SiglistSourceException(spec + ": cannot run git: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SiglistSourceException(spec + ": interrupted while running git");
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
