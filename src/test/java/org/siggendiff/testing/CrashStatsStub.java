package org.siggendiff.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** A Crash Stats API on a loopback port, served by WireMock, with the stubs tests need. */
public final class CrashStatsStub {
  public static final String API_PATH = "/api/ProcessedCrash/";

  private CrashStatsStub() {}

  /** A WireMock server bound to 127.0.0.1, with threads enough for concurrency tests. */
  public static WireMockExtension server() {
    return WireMockExtension.newInstance()
        .options(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(64))
        .build();
  }

  /** The processed crash fixture, with its {@code uuid} set to {@code crashId}. */
  public static String processedCrash(String crashId) {
    try {
      String text = Files.readString(Fixtures.resource("crashes/processed-crash.json"));
      return text.replace("0bba61c5-dfc3-43e7-87e6-8afda3201107", crashId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static MappingBuilder crash(String crashId) {
    return get(urlPathEqualTo(API_PATH)).withQueryParam("crash_id", equalTo(crashId));
  }

  public static ResponseDefinitionBuilder found(String crashId) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(processedCrash(crashId));
  }

  public static String apiUrl(WireMockExtension server) {
    return "http://127.0.0.1:" + server.getPort() + "/api";
  }

  /** Requests that reached the server, oldest first. */
  public static List<LoggedRequest> requests(WireMockExtension server) {
    return server.getAllServeEvents().stream()
        .map(event -> event.getRequest())
        .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
        .map(LoggedRequest.class::cast)
        .toList();
  }
}
