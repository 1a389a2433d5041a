/** Kargo's promotion model, manifests, Freight identity, stores and engine. */
package dev.kargo4j.core;
