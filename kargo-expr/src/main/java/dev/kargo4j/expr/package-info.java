/** The expr-lang expression language and Kargo's template renderer. */
package dev.kargo4j.expr;
