/** The command line's parts that are not API: objects keys, tables, colours and progress lines. */
package dev.kargo4j.samples.cli.internal;
