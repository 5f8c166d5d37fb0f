package org.siggendiff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.siggendiff.crashdata.CrashJson;
import org.siggendiff.testing.CrashStatsStub;
import org.siggendiff.testing.Fixtures;

/** {@code signify --siglists SOURCE} takes every source the diff takes. */
@Timeout(60)
class SignifySiglistSourcesTest {
  @RegisterExtension static WireMockExtension github = CrashStatsStub.server();
  @TempDir Path folder;
  private Path lists;
  private Map<String, String> env;

  /** Its signature is Foo::Bar with the basic lists, Foo::Bar | Baz::Qux once Foo::Bar is a prefix. */
  private static final String CRASH =
      "{\"crashing_thread\": 0, \"threads\": [{\"frames\": [{\"function\": \"abort\"}, {\"function\": \"Foo::Bar(int)\"},"
          + " {\"function\": \"Baz::Qux\"}]}]}";

  @BeforeEach
  void checkout() throws IOException {
    lists = Files.createDirectories(folder.resolve("socorro/socorro/signature/siglists"));
    try (var files = Files.list(Fixtures.resource("siglists/basic"))) {
      for (Path file : files.toList()) {
        Files.copy(file, lists.resolve(file.getFileName()));
      }
    }
    env = Map.of(CrashStatsOptions.CACHE_ENV, folder.resolve("cache").toString());
  }

  private String signature(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("signify"));
    all.addAll(List.of(args));
    CliRunner.Outcome outcome = CliRunner.run(CRASH, env, all.toArray(String[]::new));
    assertEquals(0, outcome.status(), outcome.err());
    return CrashJson.parse(outcome.out()).get("signature").asText();
  }

  @Test
  void aFolderAndASocorroCheckoutAreSources() throws IOException {
    assertEquals("Foo::Bar", signature("--siglists", lists.toString()));
    assertEquals("Foo::Bar", signature("--siglists", folder.resolve("socorro").toString()));
  }

  @Test
  void aGitRefOfACheckoutIsASource() throws Exception {
    Path repo = folder.resolve("socorro");
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "basic");
    Files.writeString(lists.resolve("prefix_signature_re.txt"), "Foo::Bar\n", StandardOpenOption.APPEND);
    git(repo, "commit", "-q", "-am", "Foo::Bar is a prefix");

    assertEquals("Foo::Bar", signature("--siglists", repo + "@HEAD~1"));
    assertEquals("Foo::Bar | Baz::Qux", signature("--siglists", repo + "@HEAD"));
  }

  @Test
  void gitHubIsASourceAndItsListsAreCached() throws IOException {
    String sha = "0123456789abcdef0123456789abcdef01234567";
    github.stubFor(get(urlPathEqualTo("/repos/mozilla-services/socorro/commits/main"))
        .withHeader("Accept", equalTo("application/vnd.github.sha")).willReturn(aResponse().withBody(sha)));
    Files.writeString(lists.resolve("prefix_signature_re.txt"), "Foo::Bar\n", StandardOpenOption.APPEND);
    try (var files = Files.list(lists)) {
      for (Path file : files.toList()) {
        github.stubFor(get(urlPathEqualTo("/repos/mozilla-services/socorro/contents/socorro/signature/siglists/" + file.getFileName()))
            .withQueryParam("ref", equalTo(sha))
            .willReturn(aResponse().withBody(Files.readAllBytes(file))));
      }
    }
    String signature = signature("--siglists", "github:main", "--github-api-url", "http://127.0.0.1:" + github.getPort());
    assertEquals("Foo::Bar | Baz::Qux", signature);
    assertTrue(Files.isDirectory(folder.resolve("cache").resolve("siglists").resolve(sha)));
  }

  @Test
  void theEnvironmentVariableTakesASourceToo() throws IOException {
    env = Map.of(SignifyCommand.SIGLISTS_ENV, folder.resolve("socorro").toString(), CrashStatsOptions.CACHE_ENV, folder.toString());
    assertEquals("Foo::Bar", signature());
  }

  @Test
  void productionAndAMissingSourceAreUsageErrors() {
    CliRunner.Outcome production = CliRunner.run(CRASH, env, "signify", "--siglists", "production");
    assertEquals(2, production.status());
    assertEquals(1, production.err().lines().count(), production.err());
    assertTrue(production.err().startsWith("signify: production is the signatures stored in processed crashes"), production.err());

    CliRunner.Outcome missing = CliRunner.run(CRASH, env, "signify", "--siglists", folder.resolve("nope").toString());
    assertEquals(2, missing.status());
    assertTrue(missing.err().startsWith("signify: --siglists " + folder.resolve("nope") + ": no such folder"), missing.err());
  }

  @Test
  void bothOptionsAtOnceIsAUsageError() {
    CliRunner.Outcome outcome =
        CliRunner.run(CRASH, env, "signify", "--siglists", lists.toString(), "--signature-list-dir", lists.toString());
    assertEquals(2, outcome.status());
    assertEquals("signify: give --siglists or --signature-list-dir, not both\n", outcome.err());
  }

  private static void git(Path repo, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=test",
        "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), output);
  }
}
