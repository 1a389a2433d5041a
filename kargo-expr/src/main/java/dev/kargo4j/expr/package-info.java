/**
 * The expr-lang expression language (v1.17.8, as Kargo compiles it: without a typed
 * environment, so an unknown name is nil) and Kargo's template renderer.
 *
 * <p>Entry point: {@link dev.kargo4j.expr.ExprEngine}. Compile once into immutable,
 * thread-safe {@link dev.kargo4j.expr.Expression}s and {@link dev.kargo4j.expr.Template}s,
 * evaluate many times. Every failure is an {@link dev.kargo4j.expr.ExpressionException} with the
 * text, the line and column and what was expected; evaluation is bounded by
 * {@link dev.kargo4j.expr.EvalLimits}.
 *
 * <h2>Value model</h2>
 *
 * Values passed in (environment, function results) and returned follow Go's types as expr sees
 * them:
 *
 * <table>
 *   <caption>Go type and its Java representation</caption>
 *   <tr><th>Go</th><th>Java</th></tr>
 *   <tr><td>int</td><td>{@link java.lang.Long}; {@code Integer}, {@code Short}, {@code Byte},
 *       {@code Character} and in-range {@code BigInteger} inputs are normalised to it</td></tr>
 *   <tr><td>float64</td><td>{@link java.lang.Double}; {@code Float} and {@code BigDecimal}
 *       inputs are normalised to it</td></tr>
 *   <tr><td>string</td><td>{@link java.lang.String}</td></tr>
 *   <tr><td>bool</td><td>{@link java.lang.Boolean}</td></tr>
 *   <tr><td>nil</td><td>{@code null}</td></tr>
 *   <tr><td>array</td><td>{@link java.util.List} (object arrays are read as lists); lists an
 *       expression builds are new {@code ArrayList}s, except constants folded at compile time,
 *       which are unmodifiable and shared</td></tr>
 *   <tr><td>map</td><td>{@link java.util.Map} with {@code String} keys; map literals are
 *       insertion-ordered {@code LinkedHashMap}s. {@code groupBy} (and {@code fromPairs})
 *       return maps whose keys keep their own type, nil included</td></tr>
 *   <tr><td>time.Time</td><td>{@link java.time.ZonedDateTime}</td></tr>
 *   <tr><td>time.Duration</td><td>{@link java.time.Duration}</td></tr>
 *   <tr><td>*time.Location</td><td>{@link java.time.ZoneId}</td></tr>
 *   <tr><td>struct (host object)</td><td>{@link dev.kargo4j.expr.ExprObject}: Go-style field
 *       names ({@code .Tag}) and methods ({@code .IncMinor()}); no reflection is ever used on
 *       other Java objects</td></tr>
 *   <tr><td>func</td><td>{@link dev.kargo4j.expr.ExprFunction}; one found in the environment
 *       can be called by name</td></tr>
 * </table>
 *
 * <p>Templates (strings with {@code ${{ }}}, {@code ${% %}} or {@code $<< >>}) are typed like
 * Kargo types them: numbers come back as {@link java.lang.Double}, JSON text as maps and lists,
 * quoted text as strings.
 */
package dev.kargo4j.expr;
