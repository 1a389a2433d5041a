package dev.kargo4j.core.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void parsesDockerHubBearer() {
    AuthChallenge c = AuthChallenge.preferred(List.of(
        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
            + "scope=\"repository:library/nginx:pull\""));
    assertThat(c.isBearer()).isTrue();
    assertThat(c.param("realm")).isEqualTo("https://auth.docker.io/token");
    assertThat(c.param("service")).isEqualTo("registry.docker.io");
    assertThat(c.param("scope")).isEqualTo("repository:library/nginx:pull");
  }

  @Test
  void parsesBasicAndPrefersBearer() {
    assertThat(AuthChallenge.preferred(List.of("Basic realm=\"basic-realm\"")).isBasic()).isTrue();
    AuthChallenge c = AuthChallenge.preferred(List.of("Basic realm=x, Bearer realm=\"https://r\", error=\"invalid_token\""));
    assertThat(c.isBearer()).isTrue();
    assertThat(c.param("error")).isEqualTo("invalid_token");
    assertThat(AuthChallenge.parseAll(List.of("Basic realm=x, Bearer realm=\"https://r\""))).hasSize(2);
  }

  @Test
  void handlesEscapesUnquotedValuesAndGarbage() {
    AuthChallenge c = AuthChallenge.preferred(List.of("bearer realm=\"a\\\"b\" , scope=repo:x:pull"));
    assertThat(c.param("realm")).isEqualTo("a\"b");
    assertThat(c.param("scope")).isEqualTo("repo:x:pull");
    assertThat(AuthChallenge.preferred(List.of("", "  ,, "))).isNull();
    assertThat(AuthChallenge.preferred(List.of("Negotiate"))).isNull();
  }
}
