package dev.kargo4j.samples.cli.internal;

import dev.kargo4j.expr.go.GoDuration;
import java.time.Duration;
import picocli.CommandLine;

/** Reads durations as Kargo writes them ({@code 90s}, {@code 10m}, {@code 1h30m}). Stateless. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      Duration d = GoDuration.parse(value);
      if (d.isNegative() || d.isZero()) {
        throw new CommandLine.TypeConversionException("'" + value + "' must be positive");
      }
      return d;
    } catch (RuntimeException e) {
      if (e instanceof CommandLine.TypeConversionException t) {
        throw t;
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write e.g. 90s, 10m or 1h30m");
    }
  }
}
