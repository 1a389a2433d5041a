package dev.kargo4j.core.spi;

import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What one attempt of one step sees: its rendered configuration, the promotion's work
 * directory, its own output from earlier attempts, the Freight being promoted, and the
 * capabilities it declared. Built by the engine per attempt; not to be kept after
 * {@link StepRunner#run} returns. Thread-safe for reading.
 */
public interface StepContext {

  /** The Project (Kargo namespace) the promotion belongs to. */
  String project();

  /** The Stage being promoted to. */
  String stage();

  /** The Promotion's name, e.g. {@code dev.01jc...b2.1a2b3c4}. */
  String promotion();

  /** Who asked for the promotion (Kargo's {@code create-actor}); never null. */
  String actor();

  /**
   * The base URL of the host's UI, Kargo's {@code ctx.uiBaseUrl} (git-open-pr links to it);
   * empty when the host has none.
   */
  String uiBaseUrl();

  /** The step's alias, e.g. {@code update-image} or {@code task-1::step-3}. */
  String alias();

  /**
   * The step's configuration after its expressions were rendered: a JSON-like,
   * unmodifiable map; empty when the step has none.
   */
  Map<String, Object> config();

  /**
   * The configuration bound to the runner's config record. Unknown fields, wrong types and
   * broken rules (checked in the record's compact constructor with {@link ConfigRules}) fail
   * with an {@link InvalidConfigException} naming the field path, e.g.
   * {@code steps[update-image].config.images[0].tag}.
   */
  <T> T config(Class<T> type);

  /** The promotion's work directory; every config path is resolved through it. */
  WorkDir workDir();

  /**
   * The output this step stored in earlier attempts of the same promotion (Kargo's
   * {@code state[alias]}), for steps that resume (a PR already opened, an operation started);
   * empty on the first attempt.
   */
  Map<String, Object> previousOutput();

  /** The Freight this promotion moves into the Stage, and what the Stage requests. */
  TargetFreight freight();

  /**
   * The value the host supplied for {@code capability}. Fails with a
   * {@link TerminalStepException} when the runner did not declare it or the host supplied
   * none, naming the capability and the host setting that supplies it.
   */
  <T> T capability(Capability<T> capability);

  /** A logger for this step; messages go to the host's SLF4J binding. Never log secrets. */
  Logger logger();

  /** The engine's clock; use it for every time decision. */
  Clock clock();

  /** True once the promotion was aborted or the host shut the engine down; stop early. */
  boolean isCancelled();
}
