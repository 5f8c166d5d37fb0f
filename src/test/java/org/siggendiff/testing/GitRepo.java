package org.siggendiff.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A real git repository in a test folder, built commit by commit with git itself. */
public final class GitRepo {
  public static final String SIGLISTS = "socorro/signature/siglists";

  private final Path root;

  private GitRepo(Path root) {
    this.root = root;
  }

  public static GitRepo init(Path root) throws IOException {
    Files.createDirectories(root);
    GitRepo repo = new GitRepo(root);
    repo.git("init", "-q", "-b", "main");
    return repo;
  }

  public Path root() {
    return root;
  }

  /** Replaces the siglist files with those of {@code folder}. */
  public void putSiglists(Path folder) throws IOException {
    Path target = root.resolve(SIGLISTS);
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
        Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  public void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Commits everything with the subject and date given; returns the commit's hash. */
  public String commit(String subject, String date) throws IOException {
    git("add", "-A");
    gitAt(date, "commit", "-q", "--allow-empty", "-m", subject);
    return head();
  }

  public String merge(String branch, String subject, String date) throws IOException {
    gitAt(date, "merge", "-q", "--no-ff", "-m", subject, branch);
    return head();
  }

  public String head() throws IOException {
    return git("rev-parse", "HEAD").strip();
  }

  public String git(String... args) throws IOException {
    return gitAt("2024-01-01T00:00:00+00:00", args);
  }

  private String gitAt(String date, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", root.toString(), "-c", "user.name=Test", "-c", "user.email=test@example.com",
        "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("GIT_AUTHOR_DATE", date);
    builder.environment().put("GIT_COMMITTER_DATE", date);
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("HOME", root.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IOException("git " + String.join(" ", args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return output;
  }

  /**
   * The manifest's siglist versions as one commit each, oldest first, with the manifest's dates
   * and subjects; returns each version's commit by folder name, in commit order.
   */
  public static Map<String, String> manifest(Path root, Path siglists) throws IOException {
    GitRepo repo = init(root);
    List<String> rows = Files.readAllLines(siglists.resolve("MANIFEST.tsv"));
    List<String[]> versions = new ArrayList<>();
    rows.subList(1, rows.size()).forEach(row -> versions.add(row.split("\t")));
    java.util.Collections.reverse(versions);
    Map<String, String> commits = new LinkedHashMap<>();
    for (String[] version : versions) {
      repo.putSiglists(siglists.resolve(version[0]));
      commits.put(version[0], repo.commit(version[4], version[3]));
    }
    return commits;
  }
}
