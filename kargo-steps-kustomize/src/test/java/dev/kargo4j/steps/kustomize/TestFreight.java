package dev.kargo4j.steps.kustomize;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.FreightSources;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.WarehouseSpec;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TargetFreight;
import dev.kargo4j.testkit.StepTestKit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Freight, requests and Warehouses a conformance case describes, as model records. */
final class TestFreight {
  static final String PROJECT = "test-project";

  private TestFreight() {}

  static StepTestKit kit(StepRunner runner, Map<String, Object> testCase) {
    return StepTestKit.forRunner(runner).alias("set-image").project(PROJECT).freight(targetFreight(testCase));
  }

  /**
   * The case's Freight as a collection, its requests and Warehouses. The first Freight is the
   * target; a case without Freight gets an unrelated one (it only tests the requests).
   */
  static TargetFreight targetFreight(Map<String, Object> testCase) {
    List<FreightReference> references = references(testCase);
    Freight target = references.isEmpty()
        ? new Freight(ObjectMeta.of(PROJECT, "unrelated"), "", null, FreightOrigin.warehouse("unrelated"),
            List.of(), List.of(Image.of("example.com/unrelated", "1", "")), List.of(), List.of(), null)
        : new Freight(ObjectMeta.of(PROJECT, references.get(0).name()), "", null, references.get(0).origin(),
            List.of(), references.get(0).images(), List.of(), List.of(), null);
    return new TargetFreight(target, FreightCollection.of(references), requests(testCase), warehouses(testCase));
  }

  @SuppressWarnings("unchecked")
  static List<FreightReference> references(Map<String, Object> testCase) {
    List<FreightReference> references = new ArrayList<>();
    int n = 0;
    for (Object o : (List<Object>) testCase.getOrDefault("freight", List.of())) {
      Map<String, Object> f = (Map<String, Object>) o;
      List<Image> images = new ArrayList<>();
      for (Object i : (List<Object>) f.getOrDefault("images", List.of())) {
        Map<String, Object> image = (Map<String, Object>) i;
        images.add(Image.of((String) image.get("repoURL"), (String) image.get("tag"), (String) image.get("digest")));
      }
      references.add(new FreightReference("freight-" + n++, origin(f.get("origin")), List.of(), images, List.of(), List.of()));
    }
    return references;
  }

  @SuppressWarnings("unchecked")
  static List<FreightRequest> requests(Map<String, Object> testCase) {
    List<FreightRequest> requests = new ArrayList<>();
    for (Object o : (List<Object>) testCase.getOrDefault("freightRequests", List.of())) {
      requests.add(new FreightRequest(origin(((Map<String, Object>) o).get("origin")), FreightSources.directly()));
    }
    return requests;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Warehouse> warehouses(Map<String, Object> testCase) {
    Map<String, Warehouse> warehouses = new LinkedHashMap<>();
    Map<String, Object> byName = (Map<String, Object>) testCase.getOrDefault("warehouses", Map.of());
    byName.forEach((name, w) -> {
      List<Subscription> subscriptions = new ArrayList<>();
      for (Object s : (List<Object>) ((Map<String, Object>) w).get("subscriptions")) {
        Map<String, Object> image = (Map<String, Object>) ((Map<String, Object>) s).get("image");
        subscriptions.add(ImageSubscription.of((String) image.get("repoURL")));
      }
      warehouses.put(name, new Warehouse(ObjectMeta.of(PROJECT, name), WarehouseSpec.of(subscriptions), null));
    });
    return warehouses;
  }

  @SuppressWarnings("unchecked")
  private static FreightOrigin origin(Object o) {
    Map<String, Object> origin = (Map<String, Object>) o;
    return new FreightOrigin((String) origin.get("kind"), (String) origin.get("name"));
  }
}
