package dev.kargo4j.core.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.oci.MutableClock;
import dev.kargo4j.core.oci.RateLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  @Test
  void burstThenRefillAtTheRate() {
    MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    TokenBucket b = new TokenBucket(new RateLimit(10, 3), clock);
    assertThat(b.reserve()).isZero();
    assertThat(b.reserve()).isZero();
    assertThat(b.reserve()).isZero();
    assertThat(b.reserve()).isEqualTo(Duration.ofMillis(100));
    assertThat(b.reserve()).isEqualTo(Duration.ofMillis(200)); // queued behind the previous one
    clock.advance(Duration.ofMillis(300));
    assertThat(b.reserve()).isZero();
    clock.advance(Duration.ofSeconds(10)); // refills to the burst, not beyond
    for (int i = 0; i < 3; i++) {
      assertThat(b.reserve()).isZero();
    }
    assertThat(b.reserve()).isPositive();
  }

  @Test
  void unlimitedNeverWaits() {
    TokenBucket b = new TokenBucket(RateLimit.UNLIMITED, new MutableClock(Instant.EPOCH));
    for (int i = 0; i < 1000; i++) {
      assertThat(b.reserve()).isZero();
    }
  }
}
