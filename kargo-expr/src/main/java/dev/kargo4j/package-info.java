/** The root of kargo4j's exception hierarchy, shared by every module. */
package dev.kargo4j;
