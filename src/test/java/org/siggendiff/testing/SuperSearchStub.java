package org.siggendiff.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.siggendiff.crashdata.CrashJson;

/** Super Search answers and request inspection for WireMock tests. */
public final class SuperSearchStub {
  public static final String PATH = "/api/SuperSearch/";

  private SuperSearchStub() {}

  public static MappingBuilder search() {
    return get(urlPathEqualTo(PATH));
  }

  /** An answer with these hits, this total and, when given, a signature facet. */
  public static String answer(List<String> uuids, long total, Map<String, Long> signatureFacet) {
    ObjectNode answer = CrashJson.mapper().createObjectNode();
    ArrayNode hits = answer.putArray("hits");
    uuids.forEach(uuid -> hits.addObject().put("uuid", uuid));
    answer.put("total", total);
    ArrayNode buckets = answer.putObject("facets").putArray("signature");
    signatureFacet.forEach((term, count) -> buckets.addObject().put("term", term).put("count", count));
    return answer.toString();
  }

  public static String answer(List<String> uuids, long total) {
    return answer(uuids, total, Map.of());
  }

  /** Crash IDs {@link CrashIds#text} from {@code first}, {@code count} of them. */
  public static List<String> ids(int first, int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(CrashIds.text(first + i));
    }
    return ids;
  }

  /** The Super Search requests a server received, oldest first. */
  public static List<LoggedRequest> searches(com.github.tomakehurst.wiremock.junit5.WireMockExtension server) {
    return CrashStatsStub.requests(server).stream().filter(request -> request.getUrl().startsWith(PATH)).toList();
  }

  /** Every value of a query parameter, in the order sent. */
  public static List<String> values(LoggedRequest request, String name) {
    var parameter = request.queryParameter(name);
    return parameter.isPresent() ? parameter.values() : List.of();
  }
}
