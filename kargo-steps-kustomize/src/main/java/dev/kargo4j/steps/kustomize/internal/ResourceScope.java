package dev.kargo4j.steps.kustomize.internal;

import java.util.Set;

/**
 * Which resource types are cluster-scoped, as kustomize's built-in OpenAPI data says
 * ({@code kyaml/openapi} {@code precomputedIsNamespaceScoped}); every other type, custom
 * resources included, counts as namespaced, as in kustomize. Stateless and thread-safe.
 */
final class ResourceScope {
  private static final Set<String> CLUSTER_SCOPED = Set.of(
      "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration",
      "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration",
      "admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration",
      "admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration",
      "apiextensions.k8s.io/v1 CustomResourceDefinition",
      "apiextensions.k8s.io/v1beta1 CustomResourceDefinition",
      "apiregistration.k8s.io/v1 APIService",
      "apiregistration.k8s.io/v1beta1 APIService",
      "certificates.k8s.io/v1 CertificateSigningRequest",
      "certificates.k8s.io/v1beta1 CertificateSigningRequest",
      "flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema",
      "flowcontrol.apiserver.k8s.io/v1beta1 PriorityLevelConfiguration",
      "networking.k8s.io/v1 IngressClass",
      "networking.k8s.io/v1beta1 IngressClass",
      "node.k8s.io/v1 RuntimeClass",
      "node.k8s.io/v1beta1 RuntimeClass",
      "policy/v1beta1 PodSecurityPolicy",
      "rbac.authorization.k8s.io/v1 ClusterRole",
      "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
      "rbac.authorization.k8s.io/v1beta1 ClusterRole",
      "rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding",
      "scheduling.k8s.io/v1 PriorityClass",
      "scheduling.k8s.io/v1beta1 PriorityClass",
      "storage.k8s.io/v1 CSIDriver",
      "storage.k8s.io/v1 CSINode",
      "storage.k8s.io/v1 StorageClass",
      "storage.k8s.io/v1 VolumeAttachment",
      "storage.k8s.io/v1beta1 CSIDriver",
      "storage.k8s.io/v1beta1 CSINode",
      "storage.k8s.io/v1beta1 StorageClass",
      "storage.k8s.io/v1beta1 VolumeAttachment",
      "v1 ComponentStatus",
      "v1 Namespace",
      "v1 Node",
      "v1 NodeProxyOptions",
      "v1 PersistentVolume");

  private ResourceScope() {}

  static boolean isClusterScoped(String apiVersion, String kind) {
    return CLUSTER_SCOPED.contains(apiVersion + " " + kind);
  }
}
