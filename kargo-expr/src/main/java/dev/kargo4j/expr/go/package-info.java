/**
 * Go's text semantics that Kargo's observable output depends on, in one place and on the JDK
 * only: {@link dev.kargo4j.expr.go.GoDuration} ({@code time.ParseDuration} and
 * {@code Duration.String()}), {@link dev.kargo4j.expr.go.GoFloat} (shortest round-trip float
 * digits in {@code %v}, {@code 'f'} and {@code encoding/json} forms, independent of the JDK's
 * {@code Double.toString}), {@link dev.kargo4j.expr.go.GoFmt} ({@code %v}, {@code %T}),
 * {@link dev.kargo4j.expr.go.GoStrconv} ({@code ParseFloat}, {@code ParseBool}, {@code Quote}) and
 * {@link dev.kargo4j.expr.go.GoJson} ({@code encoding/json}). The expression language uses
 * these same classes, so a host that formats a value with them writes what an expression would.
 *
 * <p>Every class is stateless and thread-safe.
 */
package dev.kargo4j.expr.go;
