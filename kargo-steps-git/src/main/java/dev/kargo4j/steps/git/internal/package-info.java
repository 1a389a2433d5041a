/** Implementation of the git steps, providers and discovery on JGit; not for use outside the module. */
package dev.kargo4j.steps.git.internal;
