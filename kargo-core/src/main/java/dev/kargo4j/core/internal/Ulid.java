package dev.kargo4j.core.internal;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * ULIDs (48-bit millisecond time, 80 random bits, Crockford base32), monotonic within one
 * millisecond like oklog/ulid's {@code Make()}, so that Promotion names sort in creation order.
 * Thread-safe.
 */
public final class Ulid {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private final Clock clock;
  private final RandomGenerator random;
  private long lastMillis = -1;
  private long randHi; // 16 bits
  private long randLo; // 64 bits

  public Ulid(Clock clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  /** The next ULID, 26 upper-case characters. */
  public synchronized String next() {
    long ms = clock.millis();
    if (ms == lastMillis) {
      // monotonic: increment the 80-bit random part
      randLo++;
      if (randLo == 0) {
        randHi = (randHi + 1) & 0xFFFF;
      }
    } else if (ms < lastMillis) {
      // a clock that went backwards keeps the last time, so names keep sorting
      ms = lastMillis;
      randLo++;
      if (randLo == 0) {
        randHi = (randHi + 1) & 0xFFFF;
      }
    } else {
      lastMillis = ms;
      randHi = random.nextInt(1 << 16);
      randLo = random.nextLong();
    }
    char[] out = new char[26];
    // 10 characters of time (50 bits, top 2 zero)
    long t = ms;
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (t & 31)];
      t >>>= 5;
    }
    // 16 characters of randomness: 80 bits = hi(16) + lo(64)
    long lo = randLo;
    long hi = randHi;
    for (int i = 25; i >= 10; i--) {
      out[i] = ALPHABET[(int) (lo & 31)];
      lo = (lo >>> 5) | ((hi & 31) << 59);
      hi >>>= 5;
    }
    return new String(out);
  }
}
