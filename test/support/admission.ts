/** Objects for admission tests. */

/** A pod that passes the catalog's default rules. */
export const compliantPod = (name = 'good', ns = 'apps') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: ns,
    labels: { app: name },
    // created by a ReplicaSet, as pods are in practice (a bare pod is naked-pod)
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-1`, uid: 'r1', controller: true }],
  },
  spec: {
    automountServiceAccountToken: false,
    serviceAccountName: 'app',
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        name: 'c',
        image: 'registry.example.com/app@sha256:' + 'a'.repeat(64),
        imagePullPolicy: 'IfNotPresent',
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
        resources: {
          requests: { cpu: '100m', memory: '64Mi', 'ephemeral-storage': '100Mi' },
          limits: { cpu: '200m', memory: '64Mi', 'ephemeral-storage': '100Mi' },
        },
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
        readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
      },
    ],
  },
});
