package dev.kargo4j.core.spi;

/**
 * A Freight alias is already used by other Freight in the Project (aliases are unique per
 * Project, as Kargo's webhook enforces).
 *
 * <p>Immutable and thread-safe.
 */
public class DuplicateAliasException extends StoreException {
  private static final long serialVersionUID = 1L;

  /**
   * @param project the Project
   * @param alias the alias
   * @param freight the Freight that was being written
   * @param owner the Freight that has the alias
   */
  public DuplicateAliasException(String project, String alias, String freight, String owner) {
    super("Freight " + project + "/" + freight + ": alias \"" + alias
        + "\" is already used by Freight " + project + "/" + owner
        + "; aliases are unique per Project");
  }
}
