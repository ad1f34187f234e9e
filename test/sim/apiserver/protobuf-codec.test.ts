// The protobuf codec of the embedded API server: objects of the built-in kinds survive JSON → protobuf → JSON
// unchanged, including the Go types whose JSON differs from their message.
import { describe, expect, it } from 'vitest';
import { decodeObject, decodeWatchFrame, encodeObject, encodeWatchFrame, prefersProtobuf } from '../../../src/sim/apiserver/protobuf.js';

const meta = { name: 'a', namespace: 'ns', uid: '0b6c1f1e-0000-4000-8000-000000000001', resourceVersion: '42', generation: 3, creationTimestamp: '2026-01-02T03:04:05Z', labels: { app: 'x' }, annotations: { note: 'y' } };
const managedFields = [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2026-01-02T03:04:05Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:k': {} } } }];

const ROUND_TRIPS: Array<[string, Record<string, any>]> = [
  ['Namespace (spec finalizers, status phase)', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', finalizers: ['x/y'] }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }],
  [
    'Secret (bytes as base64, binary included)',
    { apiVersion: 'v1', kind: 'Secret', metadata: meta, type: 'Opaque', data: { password: Buffer.from('s3cr3t').toString('base64'), bin: Buffer.from([0, 255, 10, 13]).toString('base64') }, immutable: false },
  ],
  ['ConfigMap (managedFields with FieldsV1, binaryData)', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...meta, managedFields }, data: { a: '1', b: '' }, binaryData: { raw: Buffer.from('xyz').toString('base64') } }],
  ['ServiceAccount (automount false kept)', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta, automountServiceAccountToken: false, imagePullSecrets: [{ name: 'pull' }] }],
  [
    'Service (IntOrString as string and number)',
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta,
      spec: {
        type: 'ClusterIP',
        ports: [
          { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' },
          { name: 'm', protocol: 'TCP', port: 9090, targetPort: 9091 },
        ],
        selector: { app: 'x' },
      },
      status: { loadBalancer: {} },
    },
  ],
  [
    'Pod (Quantity, empty emptyDir, probe port, deletion timestamp)',
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...meta, deletionTimestamp: '2026-02-03T04:05:06Z', deletionGracePeriodSeconds: 30, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true }] },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'i',
            resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '1' } },
            env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
            envFrom: [{ configMapRef: { name: 'cm' } }],
            livenessProbe: { exec: { command: ['true'] }, periodSeconds: 5 },
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          },
        ],
        volumes: [
          { name: 'tmp', emptyDir: {} },
          { name: 'cfg', configMap: { name: 'cm', defaultMode: 420 } },
        ],
        terminationGracePeriodSeconds: 0,
      },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-02T03:04:06Z' }],
        containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'i', state: { running: { startedAt: '2026-01-02T03:04:05Z' } } }],
      },
    },
  ],
  [
    'Deployment (replicas 0, strategy percentages)',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta,
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'x' } },
        template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 8080 }] }] } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      },
      status: { replicas: 1, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] },
    },
  ],
  [
    'Node (capacity quantities, DaemonEndpoint "Port")',
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1' },
      spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] },
      status: { capacity: { cpu: '4', memory: '16Gi', pods: '110' }, daemonEndpoints: { kubeletEndpoint: { Port: 10250 } }, addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] },
    },
  ],
  [
    'Event (MicroTime)',
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta,
      involvedObject: { kind: 'Pod', name: 'a', namespace: 'ns' },
      reason: 'Started',
      message: 'ok',
      type: 'Normal',
      count: 2,
      eventTime: '2026-01-02T03:04:05.123456Z',
      reportingComponent: 'sim',
      reportingInstance: 'sim-1',
    },
  ],
  [
    'StorageClass (parameters map, pointer bool false)',
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'sc' },
      provisioner: 'kubevirt.io/hostpath-provisioner',
      parameters: { a: 'b' },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: false,
    },
  ],
  [
    'SelfSubjectAccessReview (allowed false, ExtraValue-free)',
    {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: { resourceAttributes: { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'ns' } },
      status: { allowed: false, reason: 'read-only' },
    },
  ],
  [
    'ValidatingWebhookConfiguration (proto field "Webhooks")',
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'v' },
      webhooks: [
        {
          name: 'w.example.com',
          sideEffects: 'None',
          admissionReviewVersions: ['v1'],
          clientConfig: { url: 'https://127.0.0.1:9443/validate', caBundle: Buffer.from('CA').toString('base64') },
          rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'] }],
          timeoutSeconds: 5,
        },
      ],
    },
  ],
  ['SecretList (list metadata, items)', { apiVersion: 'v1', kind: 'SecretList', metadata: { resourceVersion: '7' }, items: [{ metadata: { name: 's', namespace: 'ns' }, type: 'Opaque', data: { k: Buffer.from('v').toString('base64') } }] }],
  ['Status (meta.k8s.io message under apiVersion v1)', { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', message: 'gone', reason: 'NotFound', details: { name: 'a', kind: 'secrets' }, code: 404 }],
];

describe('protobuf codec', () => {
  it.each(ROUND_TRIPS)('%s survives JSON → protobuf → JSON', (_name, obj) => {
    const wire = encodeObject(obj);
    expect(wire).toBeDefined();
    expect([...wire!.subarray(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00]);
    expect(decodeObject(wire!)).toEqual(obj);
  });

  it.each([
    ['a custom resource', { apiVersion: 'hypershift.openshift.io/v1beta1', kind: 'HostedCluster', metadata: { name: 'h' } }],
    ['an OpenShift kind', { apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', metadata: { name: 'version' } }],
    ['a CRD (apiextensions protos are not embedded)', { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' } }],
    ['an unknown built-in kind', { apiVersion: 'v1', kind: 'NoSuchKind', metadata: { name: 'x' } }],
  ])('has no protobuf encoding for %s (answered in JSON)', (_name, obj) => {
    expect(encodeObject(obj)).toBeUndefined();
  });

  it('rejects a body without the magic or of an unknown kind', () => {
    expect(() => decodeObject(Buffer.from('{"kind":"Namespace"}'))).toThrow(/magic/);
    const cr = encodeObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })!;
    const hacked = Buffer.from(cr.toString('latin1').replace('ConfigMap', 'ConfigMaq'), 'latin1');
    expect(() => decodeObject(hacked)).toThrow(/no kind "ConfigMaq" is registered for version "v1"/);
  });

  it('frames watch events with a 4-byte big-endian length', () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns', resourceVersion: '9' }, data: { a: 'b' } };
    const frame = encodeWatchFrame('MODIFIED', obj)!;
    expect(frame.readUInt32BE(0)).toBe(frame.length - 4);
    expect(decodeWatchFrame(frame.subarray(4))).toEqual({ type: 'MODIFIED', object: obj });
  });

  it.each([
    ['application/vnd.kubernetes.protobuf,application/json', true],
    ['application/vnd.kubernetes.protobuf;stream=watch, application/json', true],
    ['application/json, application/vnd.kubernetes.protobuf', false],
    ['application/json;as=Table;v=v1;g=meta.k8s.io,application/json', false],
    ['application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json', false],
    ['*/*', false],
    [undefined, false],
  ])('Accept %s prefers protobuf: %s', (accept, expected) => {
    expect(prefersProtobuf(accept)).toBe(expected);
  });
});
