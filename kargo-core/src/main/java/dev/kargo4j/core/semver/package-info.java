/** Semantic versions and version constraints with the exact semantics of Masterminds/semver v3, as Kargo uses them. */
package dev.kargo4j.core.semver;
