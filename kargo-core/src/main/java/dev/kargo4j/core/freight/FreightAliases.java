package dev.kargo4j.core.freight;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Generates Freight aliases of the form {@code <adjective>-<animal>} (like Kargo's, which come
 * from the moniker word lists), unique among the aliases a caller says are taken in the
 * Project. The words are our own lists; only the style matches Kargo.
 *
 * <p>Randomness comes from the injected {@link RandomGenerator}, so tests can fix it. When 100
 * random picks in a row are all taken, a numeric suffix ({@code -2}, {@code -3}, ...) is
 * appended to the last pick until a free alias is found, so generation always ends.
 *
 * <p>Thread-safe if the given generator is (for example {@code SplittableRandom} is not;
 * {@code java.util.Random} is); instances hold no other state.
 */
public final class FreightAliases {
  /** The label that mirrors a Freight's alias ({@code kargo.akuity.io/alias}), as Kargo sets it. */
  public static final String LABEL = "kargo.akuity.io/alias";

  /** Adjectives: lower-case ASCII, no hyphens. */
  public static final List<String> ADJECTIVES =
      List.of(
          "agile", "amber", "ancient", "arctic", "azure", "bashful", "bold", "brave", "breezy",
          "bright", "brisk", "bubbly", "calm", "candid", "cheerful", "chilly", "clever", "cosmic",
          "cozy", "crimson", "curious", "daring", "dapper", "dazzling", "eager", "earnest",
          "electric", "elegant", "emerald", "epic", "fancy", "fearless", "fierce", "fluffy",
          "flying", "frosty", "fuzzy", "gallant", "gentle", "giant", "gleaming", "golden",
          "graceful", "grumpy", "happy", "hasty", "humble", "icy", "jolly", "jovial", "keen",
          "kind", "lively", "lucky", "lunar", "magic", "mellow", "merry", "mighty", "misty",
          "modest", "nimble", "noble", "olive", "patient", "peppy", "plucky", "polite", "proud",
          "quick", "quiet", "quirky", "radiant", "rapid", "rustic", "scarlet", "shiny", "silent",
          "silver", "sleepy", "sly", "smooth", "snowy", "solar", "sparkly", "speedy", "spry",
          "steady", "stellar", "stormy", "sturdy", "sunny", "swift", "tame", "tidy", "tiny",
          "tranquil", "trusty", "vivid", "wandering", "wise", "witty", "wobbly", "zany",
          "zealous", "zesty");

  /** Animals: lower-case ASCII, no hyphens. */
  public static final List<String> ANIMALS =
      List.of(
          "albatross", "alpaca", "anteater", "antelope", "armadillo", "badger", "barracuda",
          "beaver", "bison", "bobcat", "buffalo", "butterfly", "camel", "capybara", "caribou",
          "cheetah", "chinchilla", "cobra", "condor", "cougar", "coyote", "crane", "cricket",
          "dingo", "dolphin", "donkey", "dragonfly", "eagle", "eel", "elephant", "elk", "falcon",
          "ferret", "finch", "flamingo", "fox", "gazelle", "gecko", "gibbon", "giraffe",
          "gopher", "gorilla", "grizzly", "hamster", "hare", "hedgehog", "heron", "hippo",
          "hornet", "hyena", "ibex", "iguana", "impala", "jackal", "jaguar", "jellyfish",
          "kangaroo", "kingfisher", "koala", "lemur", "leopard", "llama", "lobster", "lynx",
          "macaw", "manatee", "marmot", "meerkat", "mongoose", "moose", "narwhal", "newt",
          "ocelot", "octopus", "orca", "osprey", "otter", "owl", "panda", "panther", "parrot",
          "pelican", "penguin", "pika", "platypus", "puffin", "quail", "quokka", "rabbit",
          "raccoon", "raven", "reindeer", "salamander", "seal", "shark", "sloth", "sparrow",
          "squid", "stingray", "swan", "tapir", "tiger", "tortoise", "toucan", "turtle",
          "walrus", "weasel", "whale", "wolf", "wombat", "yak", "zebra");

  private static final int RANDOM_ATTEMPTS = 100;

  private final RandomGenerator random;

  /** Uses {@code random} for every pick. */
  public FreightAliases(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** One random {@code adjective-animal}, without a uniqueness check. */
  public String next() {
    return ADJECTIVES.get(random.nextInt(ADJECTIVES.size()))
        + "-"
        + ANIMALS.get(random.nextInt(ANIMALS.size()));
  }

  /**
   * An alias for which {@code taken} is false.
   *
   * @param taken whether an alias is already used by Freight in the Project
   */
  public String generate(Predicate<String> taken) {
    String alias = next();
    for (int i = 1; i < RANDOM_ATTEMPTS && taken.test(alias); i++) {
      alias = next();
    }
    if (!taken.test(alias)) {
      return alias;
    }
    for (long n = 2; ; n++) {
      String candidate = alias + "-" + n;
      if (!taken.test(candidate)) {
        return candidate;
      }
    }
  }
}
