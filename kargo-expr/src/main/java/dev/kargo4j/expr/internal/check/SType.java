package dev.kargo4j.expr.internal.check;

/**
 * A static type as expr's checker knows it without a typed environment: the type of a literal
 * or of a builtin's result, or {@link #UNKNOWN} (Go's {@code interface{}}).
 */
public final class SType {
  /** The kinds the checker distinguishes. */
  public enum Kind {
    UNKNOWN,
    NIL,
    BOOL,
    INT,
    FLOAT,
    STRING,
    BYTES,
    ARRAY,
    MAP,
    TIME,
    DURATION,
    LOCATION,
    FUNC
  }

  public static final SType UNKNOWN = new SType(Kind.UNKNOWN, null, false);
  public static final SType NIL = new SType(Kind.NIL, null, false);
  public static final SType BOOL = new SType(Kind.BOOL, null, false);
  public static final SType INT = new SType(Kind.INT, null, false);
  public static final SType FLOAT = new SType(Kind.FLOAT, null, false);
  public static final SType STRING = new SType(Kind.STRING, null, false);
  public static final SType BYTES = new SType(Kind.BYTES, null, false);
  public static final SType TIME = new SType(Kind.TIME, null, false);
  public static final SType DURATION = new SType(Kind.DURATION, null, false);
  public static final SType LOCATION = new SType(Kind.LOCATION, null, false);
  /** {@code []interface{}}. */
  public static final SType ARRAY = new SType(Kind.ARRAY, UNKNOWN, false);
  /** {@code map[string]interface{}}. */
  public static final SType MAP = new SType(Kind.MAP, UNKNOWN, false);
  /** {@code map[interface{}]interface{}}, what fromPairs returns. */
  public static final SType ANY_MAP = new SType(Kind.MAP, UNKNOWN, true);
  /** {@code map[interface{}][]interface{}}, what groupBy returns. */
  public static final SType ANY_KEY_MAP = new SType(Kind.MAP, ARRAY, true);

  public final Kind kind;
  /** Element type of an array, value type of a map, result type of a predicate. */
  public final SType elem;
  /** Whether a map accepts keys of any type. */
  public final boolean anyKeys;

  private SType(Kind kind, SType elem, boolean anyKeys) {
    this.kind = kind;
    this.elem = elem;
    this.anyKeys = anyKeys;
  }

  /** An array of {@code elem}. */
  public static SType arrayOf(SType elem) {
    if (elem == null || elem.kind == Kind.UNKNOWN) {
      return ARRAY;
    }
    return new SType(Kind.ARRAY, elem, false);
  }

  /** A predicate returning {@code out}. */
  public static SType predicate(SType out) {
    return new SType(Kind.FUNC, out, false);
  }

  public boolean isUnknown() {
    return kind == Kind.UNKNOWN;
  }

  public boolean isNil() {
    return kind == Kind.NIL;
  }

  public boolean isNumber() {
    return kind == Kind.INT || kind == Kind.FLOAT;
  }

  public boolean isInteger() {
    return kind == Kind.INT;
  }

  public boolean is(Kind k) {
    return kind == k;
  }

  /** Go's name of the type, as expr prints it in messages. */
  @Override
  public String toString() {
    switch (kind) {
      case UNKNOWN:
        return "interface {}";
      case NIL:
        return "nil";
      case BOOL:
        return "bool";
      case INT:
        return "int";
      case FLOAT:
        return "float64";
      case STRING:
        return "string";
      case BYTES:
        return "[]uint8";
      case ARRAY:
        return "[]" + elem;
      case MAP:
        if (!anyKeys) {
          return "map[string]interface {}";
        }
        return elem.isUnknown() ? "map[interface {}]interface {}" : "map[interface {}][]interface {}";
      case TIME:
        return "time.Time";
      case DURATION:
        return "time.Duration";
      case LOCATION:
        return "*time.Location";
      default:
        return "func(interface {}) " + (elem == null ? "" : elem.toString());
    }
  }
}
