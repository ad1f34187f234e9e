// The Table printers of the embedded API server: kube-apiserver's columns for the built-in kinds
// (kubernetes/kubernetes pkg/printers/internalversion/printers.go), CRD additionalPrinterColumns with the
// JSONPath forms the real CRDs use, and the Accept negotiation kubectl relies on.
import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../../src/sim/apiserver/printers-builtin.js';
import { jsonPath, printerFor, toTable, wantsTable } from '../../../src/sim/apiserver/printers.js';
import { builtinResources, type ResourceInfo } from '../../../src/sim/apiserver/resources.js';

const res = (plural: string, group = ''): ResourceInfo => builtinResources().find((r) => r.plural === plural && r.group === group)!;
// Ages are chosen where kubectl prints whole minutes or hours, so a slow run does not change them.
const ago = (ms: number) => new Date(Date.now() - ms).toISOString().replace(/\.\d+Z$/, 'Z');
const H = 3_600_000;
const names = (plural: string, group = '') => printerFor(res(plural, group), undefined).columns.map((c) => (c.priority ? `(${c.name})` : c.name));
const row = (plural: string, o: any, group = '') => printerFor(res(plural, group), undefined).cells(o);

describe('Accept negotiation', () => {
  it("takes kubectl's Table header, and plain JSON or protobuf otherwise", () => {
    expect(wantsTable('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json')).toBe(true);
    expect(wantsTable('application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io,application/json')).toBe(true);
    expect(wantsTable('application/json')).toBe(false);
    expect(wantsTable('application/vnd.kubernetes.protobuf, */*')).toBe(false);
    expect(wantsTable('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json')).toBe(false);
    expect(wantsTable(undefined)).toBe(false);
  });
});

describe('built-in printers (kube-apiserver columns)', () => {
  it('pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES', () => {
    expect(names('pods')).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', '(IP)', '(Node)', '(Nominated Node)', '(Readiness Gates)']);
    const pod = {
      metadata: { name: 'etcd-0', creationTimestamp: ago(47 * H) },
      spec: { nodeName: 'worker-0', containers: [{ name: 'etcd' }, { name: 'metrics' }] },
      status: {
        phase: 'Running',
        podIP: '10.128.0.5',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          { name: 'etcd', ready: true, restartCount: 1, state: { running: {} } },
          { name: 'metrics', ready: true, restartCount: 2, state: { running: {} } },
        ],
      },
    };
    expect(row('pods', pod)).toEqual(['etcd-0', '2/2', 'Running', '3', '47h', '10.128.0.5', 'worker-0', '<none>', '<none>']);
    const waiting = { ...pod, status: { phase: 'Pending', containerStatuses: [{ name: 'etcd', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] } };
    expect(row('pods', waiting).slice(1, 3)).toEqual(['0/2', 'ContainerCreating']);
    expect(row('pods', { ...pod, metadata: { ...pod.metadata, deletionTimestamp: ago(0) } })[2]).toBe('Terminating');
    expect(row('pods', { metadata: { name: 'p' }, spec: { containers: [{}] }, status: { phase: 'Pending' } })).toEqual(['p', '0/1', 'Pending', '0', '<unknown>', '<none>', '<none>', '<none>', '<none>']);
  });

  it('nodes: NAME STATUS ROLES AGE VERSION with roles from node-role labels', () => {
    expect(names('nodes')).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version', '(Internal-IP)', '(External-IP)', '(OS-Image)', '(Kernel-Version)', '(Container-Runtime)']);
    const n = {
      metadata: { name: 'kv-00-j45fr', creationTimestamp: ago(49 * H), labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/infra': '' } },
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.9' }],
        nodeInfo: { kubeletVersion: 'v1.25.4+77bec7a', osImage: 'RHCOS', kernelVersion: '5.14', containerRuntimeVersion: 'cri-o://1.25' },
      },
    };
    expect(row('nodes', n)).toEqual(['kv-00-j45fr', 'Ready,SchedulingDisabled', 'infra,worker', '2d1h', 'v1.25.4+77bec7a', '10.0.0.9', '<none>', 'RHCOS', '5.14', 'cri-o://1.25']);
    expect(row('nodes', { metadata: { name: 'n' }, status: { conditions: [{ type: 'Ready', status: 'False' }] } }).slice(1, 3)).toEqual(['NotReady', '<none>']);
    expect(row('nodes', { metadata: { name: 'n' } })[1]).toBe('Unknown');
  });

  it('namespaces, secrets and configmaps', () => {
    expect(names('namespaces')).toEqual(['Name', 'Status', 'Age']);
    expect(row('namespaces', { metadata: { name: 'clusters', creationTimestamp: ago(20 * 60_000) }, status: { phase: 'Active' } })).toEqual(['clusters', 'Active', '20m']);
    expect(names('secrets')).toEqual(['Name', 'Type', 'Data', 'Age']);
    expect(row('secrets', { metadata: { name: 's', creationTimestamp: ago(47 * H) }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } })).toEqual(['s', 'kubernetes.io/dockerconfigjson', 1, '47h']);
    expect(names('configmaps')).toEqual(['Name', 'Data', 'Age']);
    expect(row('configmaps', { metadata: { name: 'c', creationTimestamp: ago(30 * 60_000) }, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } })).toEqual(['c', 3, '30m']);
  });

  it('services: TYPE CLUSTER-IP EXTERNAL-IP PORT(S), node ports and pending load balancers', () => {
    expect(names('services')).toEqual(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', '(Selector)']);
    const svc = {
      metadata: { name: 'router', creationTimestamp: ago(3 * H) },
      spec: {
        type: 'NodePort',
        clusterIP: '172.30.0.10',
        clusterIPs: ['172.30.0.10'],
        selector: { b: '2', a: '1' },
        ports: [
          { port: 443, nodePort: 30443, protocol: 'TCP' },
          { port: 80, protocol: 'TCP' },
        ],
      },
    };
    expect(row('services', svc)).toEqual(['router', 'NodePort', '172.30.0.10', '<none>', '443:30443/TCP,80/TCP', '3h', 'a=1,b=2']);
    expect(row('services', { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', clusterIPs: ['172.30.0.11'], ports: [{ port: 6443 }] } })[3]).toBe('<pending>');
    expect(row('services', { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [] }, status: { loadBalancer: { ingress: [{ ip: '192.168.1.50' }] } } }).slice(3, 5)).toEqual(['192.168.1.50', '<none>']);
  });

  it('deployments: READY UP-TO-DATE AVAILABLE, wide CONTAINERS IMAGES SELECTOR', () => {
    expect(names('deployments', 'apps')).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', '(Containers)', '(Images)', '(Selector)']);
    const d = {
      metadata: { name: 'web', creationTimestamp: ago(10 * 24 * H) },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          spec: {
            containers: [
              { name: 'web', image: 'img:1' },
              { name: 'side', image: 'img:2' },
            ],
          },
        },
      },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(row('deployments', d, 'apps')).toEqual(['web', '2/3', 3, 2, '10d', 'web,side', 'img:1,img:2', 'app=web']);
  });

  it('persistentvolumeclaims: STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS', () => {
    expect(names('persistentvolumeclaims')).toEqual(['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', '(VolumeMode)']);
    const bound = {
      metadata: { name: 'data-etcd-0', creationTimestamp: ago(H) },
      spec: { volumeName: 'pv-1', storageClassName: 'lvms-vg1', volumeMode: 'Filesystem' },
      status: { phase: 'Bound', accessModes: ['ReadWriteMany', 'ReadWriteOnce'], capacity: { storage: '8Gi' } },
    };
    expect(row('persistentvolumeclaims', bound)).toEqual(['data-etcd-0', 'Bound', 'pv-1', '8Gi', 'RWO,RWX', 'lvms-vg1', '<unset>', '60m', 'Filesystem']);
    expect(row('persistentvolumeclaims', { metadata: { name: 'p' }, spec: {}, status: { phase: 'Pending' } }).slice(1, 7)).toEqual(['Pending', '', '', '', '', '<unset>']);
  });

  it('events: LAST SEEN TYPE REASON OBJECT MESSAGE', () => {
    expect(names('events')).toEqual(['Last Seen', 'Type', 'Reason', 'Object', '(Subobject)', '(Source)', 'Message', '(First Seen)', '(Count)', '(Name)']);
    const ev = {
      metadata: { name: 'etcd-0.1' },
      involvedObject: { kind: 'Pod', name: 'etcd-0', fieldPath: 'spec.containers{etcd}' },
      type: 'Warning',
      reason: 'FailedScheduling',
      message: ' 0/3 nodes are available ',
      source: { component: 'default-scheduler' },
      firstTimestamp: ago(2 * H),
      lastTimestamp: ago(15 * 60_000),
      count: 4,
    };
    expect(row('events', ev)).toEqual(['15m', 'Warning', 'FailedScheduling', 'pod/etcd-0', 'spec.containers{etcd}', 'default-scheduler', '0/3 nodes are available', '120m', 4, 'etcd-0.1']);
  });

  it('kinds without a printer get NAME and CREATED AT', () => {
    expect(names('serviceaccounts')).toEqual(['Name', 'Created At']);
  });

  it('ages read as kubectl prints them (duration.HumanDuration)', () => {
    expect([
      humanDuration(0),
      humanDuration(119_000),
      humanDuration(120_000),
      humanDuration(9 * 60_000 + 59_000),
      humanDuration(3 * H),
      humanDuration(7 * H + 60_000),
      humanDuration(47 * H),
      humanDuration(49 * H),
      humanDuration(48 * H),
      humanDuration(3 * 365 * 24 * H),
    ]).toEqual(['0s', '119s', '2m', '9m59s', '3h', '7h1m', '47h', '2d1h', '2d', '3y']);
  });
});

describe('custom resources: additionalPrinterColumns', () => {
  const hcCrd = {
    spec: {
      versions: [
        {
          name: 'v1beta1',
          additionalPrinterColumns: [
            { name: 'Version', type: 'string', description: 'Version', jsonPath: '.status.version.history[?(@.state=="Completed")].version' },
            { name: 'KubeConfig', type: 'string', jsonPath: '.status.kubeconfig.name' },
            { name: 'Progress', type: 'string', jsonPath: '.status.version.history[0].state' },
            { name: 'Available', type: 'string', jsonPath: ".status.conditions[?(@.type=='Available')].status" },
            { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas', priority: 1 },
            { name: 'Created', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
        },
      ],
    },
  };
  const hcRes = { plural: 'hostedclusters', group: 'hypershift.openshift.io', version: 'v1beta1', crd: 'hostedclusters.hypershift.openshift.io' } as ResourceInfo;
  const hc = {
    metadata: { name: 'kv-00', namespace: 'clusters', creationTimestamp: ago(30 * 60_000) },
    spec: { replicas: 2 },
    status: {
      kubeconfig: { name: 'kv-00-admin-kubeconfig' },
      version: {
        history: [
          { state: 'Completed', version: '4.12.3' },
          { state: 'Completed', version: '4.12.2' },
        ],
      },
      conditions: [
        { type: 'Degraded', status: 'False' },
        { type: 'Available', status: 'True' },
      ],
    },
  };

  it('prepends NAME and evaluates each column on the object', () => {
    const t = toTable(hcRes, hcCrd, { metadata: { resourceVersion: '7' }, items: [hc] }, null);
    expect(t).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '7' } });
    expect(t.columnDefinitions.map((c: any) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Version', 'string', 0],
      ['KubeConfig', 'string', 0],
      ['Progress', 'string', 0],
      ['Available', 'string', 0],
      ['Replicas', 'integer', 1],
      ['Created', 'date', 0],
    ]);
    expect(t.columnDefinitions[2].description).toBe('Custom resource definition column (in JSONPath format): .status.kubeconfig.name');
    expect(t.rows[0].cells).toEqual(['kv-00', '4.12.3', 'kv-00-admin-kubeconfig', 'Completed', 'True', 2, '30m']);
    expect(t.rows[0].object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: hc.metadata });
  });

  it('gives null cells for missing values, the full object with includeObject=Object, and AGE when the CRD has no columns', () => {
    const empty = toTable(hcRes, hcCrd, { metadata: { name: 'kv-01', namespace: 'clusters' } }, 'Object');
    expect(empty.rows[0].cells).toEqual(['kv-01', null, null, null, null, null, null]);
    expect(empty.rows[0].object).toEqual({ metadata: { name: 'kv-01', namespace: 'clusters' } });
    const bare = toTable(hcRes, { spec: { versions: [{ name: 'v1beta1' }] } }, { items: [hc] }, 'None');
    expect(bare.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Age']);
    expect(bare.rows[0]).toEqual({ cells: ['kv-00', '30m'], object: null });
  });

  it('evaluates the JSONPath forms of the real CRDs', () => {
    const o = {
      status: {
        conditions: [
          { type: 'A', status: 'x' },
          { type: 'B', status: 'y', message: 'last' },
        ],
        history: [{ state: '' }, { state: 'Partial' }],
        urls: [{ url: 'u1' }, { url: 'u2' }],
        ingress: [{ host: 'h', conditions: [{ type: 'Admitted', status: 'True' }] }],
      },
      spec: { list: ['a', 'b'] },
    };
    expect(jsonPath(o, '.status.conditions[?(@.type=="B")].status')).toEqual(['y']);
    expect(jsonPath(o, ".status.conditions[?(@.type=='A')].status")).toEqual(['x']);
    expect(jsonPath(o, '.status.history[?(@.state!="")].state')).toEqual(['Partial']);
    expect(jsonPath(o, '.status.conditions[-1:].message')).toEqual(['last']);
    expect(jsonPath(o, '.status.urls[*].url')).toEqual(['u1', 'u2']);
    expect(jsonPath(o, '.status.ingress[0].conditions[?(@.type=="Admitted")].status')).toEqual(['True']);
    expect(jsonPath(o, '.spec.list')).toEqual([['a', 'b']]);
    expect(jsonPath(o, '.spec.missing.deeper')).toEqual([]);
    expect(jsonPath(o, '.status.conditions[?(@.type=="C")].status')).toEqual([]);
  });
});
