package dev.kargo4j.expr.internal.builtins;

import static dev.kargo4j.expr.internal.builtins.Calls.call;
import static dev.kargo4j.expr.internal.builtins.Calls.callFails;
import static dev.kargo4j.expr.internal.builtins.Calls.list;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringFunctionsTest {

  @Test
  void trimFamily() {
    assertThat(call("trim", "  foo  ")).isEqualTo("foo");
    assertThat(call("trim", "\u00a0\u3000x\u2003\u0085")).isEqualTo("x");
    assertThat(call("trim", "__foo___", "_")).isEqualTo("foo");
    assertThat(call("trim", "abchicba", "abc")).isEqualTo("hi");
    assertThat(call("trim", "😀x😀", "😀")).isEqualTo("x");
    assertThat(call("trim", "xx", "")).isEqualTo("xx");
    assertThat(call("trimPrefix", "prefix_foo", "prefix_")).isEqualTo("foo");
    assertThat(call("trimPrefix", "  foo")).isEqualTo(" foo");
    assertThat(call("trimSuffix", "foo_suffix", "_suffix")).isEqualTo("foo");
    assertThat(call("trimSuffix", "foo  ")).isEqualTo("foo ");
    assertThat(call("trimPrefix", "1.2.3", "v")).isEqualTo("1.2.3");
  }

  @Test
  void caseMappingIsPerRuneLikeGo() {
    assertThat(call("upper", "foo")).isEqualTo("FOO");
    assertThat(call("upper", "straße")).isEqualTo("STRAßE");
    assertThat(call("lower", "ΑΣ")).isEqualTo("ασ");
    assertThat(call("lower", "İ")).isEqualTo("i");
    assertThat(call("upper", "ǆ")).isEqualTo("Ǆ");
  }

  @Test
  void splitFamily() {
    assertThat(call("split", "foo,bar,baz", ",")).isEqualTo(list("foo", "bar", "baz"));
    assertThat(call("split", "a,b,c", ",", 2L)).isEqualTo(list("a", "b,c"));
    assertThat(call("split", "a,b,c", ",", 2.9)).isEqualTo(list("a", "b,c"));
    assertThat(call("split", "a,b,c", ",", 0L)).isEqualTo(list());
    assertThat(call("split", "a,b,c", ",", -1L)).isEqualTo(list("a", "b", "c"));
    assertThat(call("split", "", ",")).isEqualTo(list(""));
    assertThat(call("split", "a😀b", "")).isEqualTo(list("a", "😀", "b"));
    assertThat(call("split", "abc", "", 2L)).isEqualTo(list("a", "bc"));
    assertThat(call("split", "", "")).isEqualTo(list());
    assertThat(call("splitAfter", "foo,bar,baz", ",")).isEqualTo(list("foo,", "bar,", "baz"));
    assertThat(call("splitAfter", "a,b,c", ",", 2L)).isEqualTo(list("a,", "b,c"));
    assertThat(call("splitAfter", "a,", ",")).isEqualTo(list("a,", ""));
  }

  @Test
  void replaceAndRepeat() {
    assertThat(call("replace", "foo,bar,baz,goo", ",", ";", 2L)).isEqualTo("foo;bar;baz,goo");
    assertThat(call("replace", "aaa", "a", "b")).isEqualTo("bbb");
    assertThat(call("replace", "ab", "", "-")).isEqualTo("-a-b-");
    assertThat(call("replace", "ab", "", "-", 2L)).isEqualTo("-a-b");
    assertThat(call("replace", "aaa", "a", "b", 0L)).isEqualTo("aaa");
    assertThat(call("repeat", "ab", 3L)).isEqualTo("ababab");
    assertThat(call("repeat", "ab", 0L)).isEqualTo("");
    assertThat(call("repeat", "a", 999_999L)).asString().hasSize(999_999);
    callFails("repeat", "ab", -1L)
        .hasMessage("invalid argument for repeat (expected positive integer, got -1)");
    callFails("repeat", "a", 1_000_000L).hasMessage("memory budget exceeded");
    callFails("repeat", "", 1_000_001L).hasMessage("memory budget exceeded");
  }

  @Test
  void indexesAreUtf8ByteOffsets() {
    assertThat(call("indexOf", "日本語", "語")).isEqualTo(6L);
    assertThat(call("indexOf", "apple pie", "pie")).isEqualTo(6L);
    assertThat(call("indexOf", "abc", "z")).isEqualTo(-1L);
    assertThat(call("indexOf", "abc", "")).isEqualTo(0L);
    assertThat(call("lastIndexOf", "foo,bar,baz", ",")).isEqualTo(7L);
    assertThat(call("lastIndexOf", "abc", "")).isEqualTo(3L);
    assertThat(call("lastIndexOf", "😀a😀", "😀")).isEqualTo(5L);
    assertThat(call("hasPrefix", "foo,bar", "foo")).isEqualTo(true);
    assertThat(call("hasSuffix", "foo,bar", "foo")).isEqualTo(false);
  }

  @Test
  void join() {
    assertThat(call("join", list("foo", "bar", "baz"), ",")).isEqualTo("foo,bar,baz");
    assertThat(call("join", list("a", "b"))).isEqualTo("ab");
    assertThat(call("join", list())).isEqualTo("");
    callFails("join", list(1L, 2L), ",")
        .hasMessage("interface conversion: interface {} is int, not string");
    callFails("join", list("a", null))
        .hasMessage("interface conversion: interface {} is nil, not string");
    callFails("join", "abc").hasMessage("invalid argument for join (type string)");
  }

  @Test
  void argumentErrorsUseTheCheckersWords() {
    callFails("upper").hasMessage("not enough arguments to call upper");
    callFails("upper", "a", "b").hasMessage("too many arguments to call upper");
    callFails("upper", 1L).hasMessage("cannot use int as argument (type string) to call upper");
    callFails("lower", (Object) null)
        .hasMessage("cannot use nil as argument (type string) to call lower");
    callFails("trim").hasMessage("not enough arguments to call trim");
    callFails("trim", "a", "b", "c").hasMessage("too many arguments to call trim");
    callFails("split", "a").hasMessage("not enough arguments to call split");
    callFails("split", "a", ",", "x")
        .hasMessage("cannot use string as argument (type int) to call split");
    callFails("replace", "a", "b").hasMessage("not enough arguments to call replace");
    callFails("indexOf", "a", 1.5)
        .hasMessage("cannot use float64 as argument (type string) to call indexOf");
    callFails("hasPrefix", list(), "a")
        .hasMessage("cannot use []interface {} as argument (type string) to call hasPrefix");
  }
}
