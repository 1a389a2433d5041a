package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.steps.internal.DocumentValues;
import dev.kargo4j.core.steps.internal.Expressions;
import dev.kargo4j.expr.Expression;
import dev.kargo4j.expr.go.GoFmt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates the {@link DocumentOutput}s of a parse step against a document. */
final class DocumentOutputs {
  private DocumentOutputs() {}

  /** Every output compiled first (a bad one fails before any is evaluated), then evaluated. */
  static Map<String, Object> extract(List<DocumentOutput> outputs, Object document, String what) {
    if (!(document instanceof Map<?, ?> map)) {
      throw new KargoException("failed to extract outputs: the " + what + " is a "
          + GoFmt.typeName(document) + ", not a map; expressions read the fields of a map");
    }
    @SuppressWarnings("unchecked")
    Map<String, ?> env = (Map<String, ?>) map;
    Expression[] compiled = new Expression[outputs.size()];
    for (int i = 0; i < outputs.size(); i++) {
      compiled[i] = Expressions.compile(outputs.get(i).fromExpression(),
          "outputs[" + i + "].fromExpression");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      Object v = Expressions.evaluate(compiled[i], env, "expression");
      result.put(outputs.get(i).name(), DocumentValues.toOutput(v));
    }
    return result;
  }
}
