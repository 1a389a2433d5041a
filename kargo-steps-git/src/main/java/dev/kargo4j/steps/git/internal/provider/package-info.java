/** The built-in GitHub, GitLab and Gitea pull-request providers on their REST APIs. */
package dev.kargo4j.steps.git.internal.provider;
