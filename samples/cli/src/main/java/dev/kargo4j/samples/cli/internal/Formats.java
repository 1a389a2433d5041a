package dev.kargo4j.samples.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kargo4j.KargoException;
import dev.kargo4j.core.manifest.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Objects as Kargo YAML, JSON or kubectl-style names: one object, or a kubectl-style
 * {@code List} of several. JSON is written from each object's tree ({@link Manifests#toTree}),
 * the same tree its YAML is written from. Stateless and thread-safe.
 */
public final class Formats {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final ObjectMapper COMPACT = JsonMapper.builder().build();
  private static final ObjectMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

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
    List<Map<String, Object>> items = new ArrayList<>();
    for (Object r : records) {
      items.add(Manifests.toTree(r));
    }
    if (single && items.size() == 1) {
      return jsonDocument(items.get(0));
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.put("items", items);
    return jsonDocument(list);
  }

  /**
   * {@code records} by name as kubectl's {@code -o name} prints them, one a line:
   * {@code <kind>.<group>/<name>}, e.g. {@code stage.kargo.akuity.io/dev}
   * ({@code <kind>/<name>} for the core group's Secrets and ConfigMaps).
   */
  public static String names(List<?> records) {
    StringBuilder sb = new StringBuilder();
    for (Object r : records) {
      Map<String, Object> tree = Manifests.toTree(r);
      String apiVersion = String.valueOf(tree.get("apiVersion"));
      int slash = apiVersion.indexOf('/');
      String group = slash < 0 ? "" : "." + apiVersion.substring(0, slash);
      Object name = tree.get("metadata") instanceof Map<?, ?> m ? m.get("name") : null;
      sb.append(String.valueOf(tree.get("kind")).toLowerCase(Locale.ROOT)).append(group).append('/')
          .append(name == null ? "" : name).append('\n');
    }
    return sb.toString();
  }

  /** A free-form document (maps, lists, strings, numbers, booleans) as indented JSON and a newline. */
  public static String jsonDocument(Map<String, Object> document) {
    return write(JSON, document) + "\n";
  }

  /** A free-form value as compact JSON on one line. */
  public static String jsonLine(Object value) {
    return write(COMPACT, value);
  }

  /** A free-form document as one YAML document, without a {@code ---} start marker. */
  public static String yamlDocument(Map<String, Object> document) {
    return write(YAML, document);
  }

  private static String write(ObjectMapper mapper, Object tree) {
    try {
      return mapper.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print a document: " + e.getOriginalMessage(), e);
    }
  }
}
