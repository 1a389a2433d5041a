package dev.kargo4j.samples.junit;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link KargoTest}: resolves {@link KargoProject} parameters, one per
 * test method, closed (runtime stopped, folders deleted) when the test ends. Usable on its own
 * with {@code @ExtendWith(KargoExtension.class)} (then with {@link KargoTest}'s defaults).
 * Stateless; JUnit keeps the projects in the test's store.
 */
public final class KargoExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KargoExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KargoProject.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException("KargoProject is given to test methods only, not to constructors"
          + " or class-level callbacks");
    }
    KargoTest settings = settings(context);
    String project = settings == null ? "test-project" : settings.project();
    Instant start;
    try {
      start = Instant.parse(settings == null ? "2026-01-01T00:00:00Z" : settings.startAt());
    } catch (java.time.format.DateTimeParseException e) {
      throw new ParameterResolutionException("@KargoTest(startAt = \"" + settings.startAt()
          + "\") is not an ISO-8601 instant such as 2026-01-01T00:00:00Z", e);
    }
    // JUnit closes AutoCloseable values of the store when the test ends
    return context.getStore(NS).getOrComputeIfAbsent(KargoProject.class.getName(),
        k -> KargoProject.create(project, start, context.getRequiredTestClass().getClassLoader()), KargoProject.class);
  }

  private static KargoTest settings(ExtensionContext context) {
    Optional<KargoTest> onMethod = context.getTestMethod()
        .flatMap(m -> AnnotationSupport.findAnnotation(m, KargoTest.class));
    return onMethod.or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), KargoTest.class))
        .orElse(null);
  }
}
