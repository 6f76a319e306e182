// Drives the official JavaScript client (@kubernetes/client-node) against FakeKubernetesApiServer for
// ClientNodeTests. Usage: node conformance.mjs KUBECONFIG SCENARIO; prints one JSON line with what the client saw.
import * as k8s from '@kubernetes/client-node';

const [kubeconfig, scenario] = process.argv.slice(2);
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfig);

const scenarios = {
  async namespaces() {
    const list = await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
    return list.items.map((ns) => ({
      name: ns.metadata.name,
      label: ns.metadata.labels['kubernetes.io/metadata.name'],
      finalizers: ns.spec.finalizers,
    }));
  },
  async scale() {
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const namespace = 'node';
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'js-web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'js-web' } },
          template: { metadata: { labels: { app: 'js-web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
        },
      },
    });
    const read = await apps.readNamespacedDeploymentScale({ name: 'js-web', namespace });
    const patched = await apps.patchNamespacedDeploymentScale(
      { name: 'js-web', namespace, body: { spec: { replicas: 4 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    const replaced = await apps.replaceNamespacedDeploymentScale({
      name: 'js-web',
      namespace,
      body: { ...patched, spec: { replicas: 7 } },
    });
    const stored = await apps.readNamespacedDeployment({ name: 'js-web', namespace });
    return {
      kind: read.kind,
      selector: read.status.selector,
      read: read.spec.replicas,
      patched: patched.spec.replicas,
      replaced: replaced.spec.replicas,
      stored: stored.spec.replicas,
    };
  },
  async access() {
    const authz = kc.makeApiClient(k8s.AuthorizationV1Api);
    const allowed = async (namespace) => (await authz.createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { verb: 'get', resource: 'configmaps', namespace } } },
    })).status.allowed;
    const whoami = await kc.makeApiClient(k8s.AuthenticationV1Api).createSelfSubjectReview({ body: {} });
    return { denied: await allowed('js-denied'), open: await allowed('js-open'), user: whoami.status.userInfo.username };
  },
};

try {
  console.log(JSON.stringify(await scenarios[scenario]()));
} catch (error) {
  console.error(error);
  process.exit(1);
}
