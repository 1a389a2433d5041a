package dev.kargo4j.core.steps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchersTest {
  private static boolean ignored(String rules, String path, boolean dir) {
    return GitIgnore.of(List.of(".git"), rules).isIgnored(List.of(path.split("/")), dir);
  }

  @Test
  void gitIgnoreRules() {
    assertThat(ignored("", ".git", true)).isTrue();
    assertThat(ignored("", ".git/HEAD", false)).isTrue();
    assertThat(ignored("!.git/", ".git", true)).isFalse();
    assertThat(ignored("!.git/", ".git/HEAD", false)).isFalse();
    assertThat(ignored("*.log", "a/b/x.log", false)).isTrue();
    assertThat(ignored("*.log\n!keep.log", "keep.log", false)).isFalse();
    assertThat(ignored("build/", "build", false)).as("dir-only pattern, file").isFalse();
    assertThat(ignored("build/", "build", true)).isTrue();
    assertThat(ignored("/build", "sub/build", true)).isFalse();
    assertThat(ignored("a/**/z", "a/b/c/z", false)).isTrue();
    assertThat(ignored("a/**/z", "a/z", false)).as("** spans zero directories").isTrue();
    assertThat(ignored("docs/*.md", "docs/x.md", false)).isTrue();
    assertThat(ignored("docs/*.md", "docs/sub/x.md", false)).isFalse();
    assertThat(ignored("[a-c]?.txt", "b1.txt", false)).isTrue();
    assertThat(ignored("[^a-c]?.txt", "b1.txt", false)).isFalse();
    assertThat(ignored("\\#x", "#x", false)).isTrue();
    assertThat(ignored("[z-", "z", false)).as("malformed matches nothing").isFalse();
  }

  @Test
  void doublestarGlobs() {
    Glob g = Glob.compile("**/*.yaml");
    assertThat(g.matches("a.yaml")).isTrue();
    assertThat(g.matches("x/y/a.yaml")).isTrue();
    assertThat(g.matches("x/a.yml")).isFalse();
    assertThat(Glob.compile("dir/**").matches("dir")).isTrue();
    assertThat(Glob.compile("dir/**").matches("dir/a/b")).isTrue();
    assertThat(Glob.compile("dir/*").matches("dir/a/b")).isFalse();
    assertThat(Glob.compile("*.{json,yaml}").matches("v.json")).isTrue();
    assertThat(Glob.compile("?.txt").matches("ab.txt")).isFalse();
    assertThat(Glob.compile("[!a]*").matches("abc")).isFalse();
    assertThat(Glob.compile("[!a]*").matches("bcd")).isTrue();
    assertThat(Glob.compile("a\\*b").matches("a*b")).isTrue();
    assertThat(Glob.compile("./x/*.txt").matches("x/a.txt")).isTrue();
    assertThatThrownBy(() -> Glob.compile("{a,b")).hasMessageContaining("unclosed '{'");
    assertThatThrownBy(() -> Glob.compile("a\\")).hasMessageContaining("backslash");
  }
}
