/**
 * The secret rules over the shared corpus of real manifests: they never fail on an object, the
 * false positives found while tuning stay fixed, and the real (sample) secrets stay found.
 */
import { loadManifests } from '../../src/core/manifests/load.ts';
import { evaluate } from '../../src/core/engine.ts';
import type { Finding } from '../../src/core/model.ts';
import { rules as secretRules } from '../../src/core/rules/secrets.ts';
import { CORPUS_DIR, describeCorpus } from '../support/corpus.ts';

describeCorpus()('secret rules on the corpus', () => {
  let findings: Finding[];
  beforeAll(async () => {
    const inv = await loadManifests({ paths: [CORPUS_DIR] });
    const res = evaluate(inv.objects, [], { rules: secretRules });
    expect(res.errors).toEqual([]);
    findings = res.findings;
  });

  const at = (fileSuffix: string, path = '') =>
    findings.filter((f) => f.location?.file.endsWith(fileSuffix) && (!path || f.path === path));

  test.each([
    // `"kubeconfig": "__KUBECONFIG_FILEPATH__"`: a template placeholder
    ['projectcalico__calico/manifests__calico.yaml', ''],
    // `passwd: files` in nsswitch.conf is a setting
    ['redis-enterprise-operator__manifests__05-replication__rec-source.yaml', ''],
    // `nginx.ingress.kubernetes.io/auth-tls-secret: default/ca-secret` names a Secret
    ['kubernetes__ingress-nginx/docs__examples__auth__client-certs__ingress.yaml', ''],
    // HF_TOKEN: "HF_TOKEN", NGC_API_KEY: "nvapi-NVKEY": placeholders
    ['nemoRL__gemma3-27b-it__nim-gemma-deployment.yaml', ''],
    // GOOGLE_API_KEY: GOOGLE_API_KEY_VAL
    ['kustomize__components__shopping-assistant__shoppingassistantservice.yaml', ''],
    // `token=os.environ["HUGGING_FACE_HUB_TOKEN"]` in Python code
    ['ai-ml__gke-ray__rayserve__models__quantized-model.yaml', ''],
    // `service.slack: token: $slack-token` is an Argo notifications reference
    ['argoproj__argo-rollouts/examples__notifications__configmap.yaml', ''],
    // public DH parameters, known_hosts, settings in a Secret used as env config
    ['kubernetes__ingress-nginx/docs__examples__customization__ssl-dh-param__ssl-dh-param.yaml', ''],
    ['fluxcd__flux2/cmd__flux__testdata__create_secret__git__git-ssh-secret.yaml', 'stringData.known_hosts'],
    ['falcosecurity__deploy-kubernetes/kubernetes__falcosidekick__templates__secrets.yaml', 'data.REDIS_KEY'],
    [
      'falcosecurity__deploy-kubernetes/kubernetes__falcosidekick__templates__secrets.yaml',
      'data.NATS_SUBJECTTEMPLATE',
    ],
  ])('no finding in %s %s', (file, path) => {
    expect(at(file, path).map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
  });

  test.each([
    [
      'fluxcd__flux2/cmd__flux__testdata__create_secret__git__git-bearer-token.yaml',
      'stringData.bearerToken',
      /GitHub/,
    ],
    [
      'fluxcd__flux2/cmd__flux__testdata__create_secret__tls__secret-tls.yaml',
      'stringData["tls.key"]',
      /TLS private key/,
    ],
    ['argoproj__argo-workflows/manifests__components__sso__dex__dex-cm.yaml', 'data["tls.key"]', /private key/],
    [
      'kubernetes__examples/_archived__volumes__azure_file__secret__azure-secret.yaml',
      'data.azurestorageaccountkey',
      /key/,
    ],
    ['istio__istio/samples__addons__grafana.yaml', 'spec.template.spec.containers[0].env[8].value', /password/],
  ])('finds the sample secret in %s at %s', (file, path, message) => {
    const f = at(file, path);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
  });

  test('volumes stay small: a real-world repository is not drowned in secret findings', () => {
    const count = (id: string) => findings.filter((f) => f.ruleId === id).length;
    expect(count('secret-in-env')).toBeLessThanOrEqual(30);
    expect(count('secret-in-configmap')).toBeLessThanOrEqual(5);
    expect(count('secret-in-annotation')).toBeLessThanOrEqual(5);
    expect(count('secret-committed')).toBeLessThanOrEqual(45);
    expect(findings.filter((f) => f.severity === 'low').length).toBeLessThanOrEqual(5);
  });
});
