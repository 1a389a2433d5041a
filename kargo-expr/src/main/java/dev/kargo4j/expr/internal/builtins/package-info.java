/** expr-lang's builtin functions and Go's value formatting, time and JSON semantics. */
package dev.kargo4j.expr.internal.builtins;
