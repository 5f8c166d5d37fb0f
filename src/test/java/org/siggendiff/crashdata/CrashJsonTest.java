package org.siggendiff.crashdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashJsonTest {
  @Test
  void buildsTreesEqualToJacksonsOwnAndWritesThemBackTheSame() throws IOException {
    StringBuilder large = new StringBuilder("{");
    for (int i = 0; i < 40; i++) {
      large.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":{\"n\":").append(i).append('}');
    }
    String json = "{\"os\":\"Linux\",\"threads\":[{\"frames\":[{\"function\":\"f\",\"line\":3}]}],\"large\":"
        + large + "}}";
    JsonNode ours = CrashJson.parse(json);
    JsonNode jacksons = new ObjectMapper().readTree(json);
    assertEquals(jacksons, ours);
    assertEquals(ours, jacksons);
    assertEquals(json, CrashJson.mapper().writeValueAsString(ours));
  }

  @Test
  void aRepeatedKeyKeepsItsFirstPlaceAndItsLastValueAsPythonDoes() throws IOException {
    JsonNode crash = CrashJson.parse("{\"a\": 1, \"b\": 2, \"a\": 3}");
    List<String> members = new ArrayList<>();
    crash.fields().forEachRemaining(field -> members.add(field.getKey() + "=" + field.getValue()));
    assertEquals(List.of("a=3", "b=2"), members);
  }

  @Test
  void refusesTrailingData() {
    assertThrows(IOException.class, () -> CrashJson.parse("{} {}"));
  }
}
