/** Implementation of the expression language; not API, may change without notice. */
package dev.kargo4j.expr.internal;
