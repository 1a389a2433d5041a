/** Reading and writing Kargo manifests (YAML or JSON) with file:line errors and safe limits. */
package dev.kargo4j.core.manifest;
