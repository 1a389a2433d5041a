/** Credentials for repositories, looked up as Kargo looks them up in a Project's Secrets. */
package dev.kargo4j.core.credentials;
