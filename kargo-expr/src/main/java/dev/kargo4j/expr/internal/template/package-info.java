/** Kargo's template renderer: delimiters, typing of the rendered text, template functions. */
package dev.kargo4j.expr.internal.template;
