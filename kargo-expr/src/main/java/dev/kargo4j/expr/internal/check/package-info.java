/** The static type check expr runs at compile time when no typed environment is given. */
package dev.kargo4j.expr.internal.check;
