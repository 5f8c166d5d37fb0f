package org.siggendiff.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs git in a checkout, as a process with its arguments given one by one (never a shell), with
 * settings that could change its output (signatures in the log, colours, pagers) or make it wait
 * for a password turned off. Every reader of a local checkout goes through it.
 */
public final class Git {
  /**
   * What git answered.
   *
   * @param error the first line git wrote to its standard error, for messages
   */
  public record Result(int status, byte[] bytes, String error) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private final Path checkout;

  public Git(Path checkout) {
    this.checkout = checkout;
  }

  /** @throws IOException when git cannot be run; {@link InterruptedIOException} when interrupted */
  public Result run(List<String> args) throws IOException {
    return run(args, new byte[0]);
  }

  /** Runs git with {@code input} on its standard input; its output is read while the input is written. */
  public Result run(List<String> args, byte[] input) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", checkout.toString(), "-c", "log.showSignature=false",
        "-c", "color.ui=never", "--no-pager"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("cannot run git: " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    try (OutputStream in = process.getOutputStream()) {
      in.write(input);
    } catch (IOException e) {
      // git stopped reading (it failed early); its status says why.
    }
    try {
      int status = process.waitFor();
      String error = new String(errors.join(), StandardCharsets.UTF_8).strip();
      int newline = error.indexOf('\n');
      return new Result(status, output.join(), newline < 0 ? error : error.substring(0, newline));
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running git");
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
