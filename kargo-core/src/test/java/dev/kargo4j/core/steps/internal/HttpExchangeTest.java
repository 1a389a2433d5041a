package dev.kargo4j.core.steps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpExchangeTest {
  @Test
  void queryIsEncodedLikeGo() {
    assertThat(HttpExchange.withQuery("https://h/p?b=2&a=1#frag",
        List.of(Map.entry("c", "x/y z"), Map.entry("a", "0"))).toString())
        .isEqualTo("https://h/p?a=1&a=0&b=2&c=x%2Fy+z#frag");
    assertThat(HttpExchange.withQuery("https://h/p?keep=as%20is", List.of()).toString())
        .isEqualTo("https://h/p?keep=as%20is");
  }

  @Test
  void headerNamesAreCanonical() {
    assertThat(HttpExchange.canonicalHeader("content-TYPE")).isEqualTo("Content-Type");
    assertThat(HttpExchange.canonicalHeader("x-request-id")).isEqualTo("X-Request-Id");
    assertThat(HttpExchange.canonicalHeader("bad header")).isEqualTo("bad header");
  }
}
