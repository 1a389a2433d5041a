package dev.kargo4j.core.internal;

/**
 * The one rule for what a plug-in's (step runner's, health checker's, metric provider's,
 * subscription source's, listener's) {@link Throwable} does to the runtime. Stateless.
 *
 * <p>Every {@link Exception} and every {@link Error} a plug-in throws is that plug-in's failure:
 * it is recorded (an Errored step, an Unknown health, an Error measurement, a failed discovery,
 * a logged listener failure) and the runtime goes on. That includes {@link LinkageError}s
 * ({@code NoClassDefFoundError}: a plug-in jar built against other classes),
 * {@link AssertionError}, {@link ExceptionInInitializerError}, and the two
 * {@link VirtualMachineError}s a plug-in causes itself: {@link StackOverflowError} (its own
 * recursion; the stack is unwound when it reaches us) and {@link OutOfMemoryError} (almost
 * always one oversized allocation of its own, released by the time it reaches us; a host that
 * wants the JVM to end on any OOM runs with {@code -XX:+ExitOnOutOfMemoryError}, which acts
 * before any catch).
 *
 * <p>The other {@link VirtualMachineError}s ({@link InternalError}, {@link UnknownError}) say the
 * JVM itself is broken, and {@link ThreadDeath} must reach its thread's end: these are
 * {@link #isFatal fatal} and are rethrown, after the bookkeeping that keeps every Stage
 * schedulable has run in {@code finally} blocks, so the host's uncaught-exception handler
 * decides.
 */
public final class Failures {
  private Failures() {}

  /** Whether {@code t} must be rethrown rather than recorded as a plug-in's failure. */
  @SuppressWarnings("deprecation") // ThreadDeath: still thrown by Thread.stop on Java 17
  public static boolean isFatal(Throwable t) {
    return (t instanceof VirtualMachineError && !(t instanceof StackOverflowError) && !(t instanceof OutOfMemoryError))
        || t instanceof ThreadDeath;
  }

  /** Rethrows {@code t} when it is {@link #isFatal fatal}; returns otherwise. */
  public static void rethrowIfFatal(Throwable t) {
    if (isFatal(t)) {
      throw sneaky(t);
    }
  }

  /**
   * A one-line description: the message of an {@link Exception} (its class name when it has
   * none), or for an {@link Error} its class name and message, since an Error's message alone
   * ({@code com/example/Foo}) does not say what happened.
   */
  public static String describe(Throwable t) {
    String m = t.getMessage();
    if (t instanceof Error) {
      Throwable cause = t.getCause();
      String base = t.getClass().getName() + (m == null || m.isBlank() ? "" : ": " + m);
      return cause != null && (m == null || m.isBlank()) ? base + " caused by " + describe(cause) : base;
    }
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
