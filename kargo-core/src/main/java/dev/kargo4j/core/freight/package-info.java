/** Freight identity: Kargo's exact Freight and collection IDs, URL normalisation and aliases. */
package dev.kargo4j.core.freight;
