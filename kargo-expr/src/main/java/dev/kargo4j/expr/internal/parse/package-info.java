/** Lexer, parser and syntax tree of expr-lang expressions. */
package dev.kargo4j.expr.internal.parse;
