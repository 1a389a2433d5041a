package dev.kargo4j.samples.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kargo4j.KargoException;
import dev.kargo4j.core.manifest.Manifests;
import java.io.IOException;
import java.util.List;

/** Objects as Kargo YAML or JSON: one object, or a kubectl-style {@code List} of several. Stateless. */
public final class Formats {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Formats() {}

  /** {@code records} as a multi-document YAML stream (one document each). */
  public static String yaml(List<?> records) {
    return records.isEmpty() ? "" : Manifests.toYaml(records);
  }

  /**
   * {@code records} as JSON: the object itself when {@code single}, else
   * {@code {"apiVersion": "v1", "kind": "List", "items": [...]}}.
   */
  public static String json(List<?> records, boolean single) {
    try {
      ArrayNode items = JSON.createArrayNode();
      if (!records.isEmpty()) {
        try (var parser = new YAMLFactory().createParser(Manifests.toYaml(records))) {
          var it = YAML.readValues(parser, JsonNode.class);
          while (it.hasNext()) {
            JsonNode n = it.next();
            if (n != null && !n.isNull()) {
              items.add(n);
            }
          }
        }
      }
      if (single && items.size() == 1) {
        return JSON.writeValueAsString(items.get(0)) + "\n";
      }
      ObjectNode list = JSON.createObjectNode();
      list.put("apiVersion", "v1");
      list.put("kind", "List");
      list.set("items", items);
      return JSON.writeValueAsString(list) + "\n";
    } catch (IOException e) {
      throw new KargoException("cannot print JSON: " + e.getMessage(), e);
    }
  }
}
