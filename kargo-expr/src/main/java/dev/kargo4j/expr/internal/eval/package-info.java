/** The tree-of-nodes evaluator that compiled expressions and templates run on. */
package dev.kargo4j.expr.internal.eval;
