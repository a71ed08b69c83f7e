export const id = 738;
export const ids = [738];
export const modules = {

/***/ 94731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OI: () => (/* binding */ rolloutStatus),
/* harmony export */   U3: () => (/* binding */ podProblems)
/* harmony export */ });
/* unused harmony exports FATAL_WAITING, warningEventsFor */
/** Reasons that mean a container will not start without a change: fail at once. */
const FATAL_WAITING = new Set([
    'CrashLoopBackOff',
    'ImagePullBackOff',
    'ErrImagePull',
    'CreateContainerConfigError',
    'CreateContainerError',
    'InvalidImageName',
    'ErrImageNeverPull',
    'RunContainerError',
]);
const obj = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {});
const num = (v) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? +v : 0);
const str = (v) => (typeof v === 'string' ? v : '');
const md = (o) => obj(o.metadata);
const spec = (o) => obj(o.spec);
const status = (o) => obj(o.status);
const uid = (o) => str(md(o).uid);
function conditions(o) {
    const c = status(o).conditions;
    return Array.isArray(c) ? c.map(obj) : [];
}
/** Warning events about one object, newest first, as "Reason: message". */
function warningEventsFor(store, kind, namespace, name) {
    const out = [];
    for (const e of store.all('Event')) {
        const io = obj(e.involvedObject ?? e.regarding);
        if (str(e.type) !== 'Warning' || io.kind !== kind || io.name !== name)
            continue;
        if (str(io.namespace ?? md(e).namespace) !== namespace)
            continue;
        const t = str(e.lastTimestamp) || str(e.eventTime) || str(md(e).creationTimestamp);
        out.push({ t, s: `${str(e.reason)}: ${str(e.message ?? e.note)}`.slice(0, 300) });
    }
    out.sort((a, b) => b.t.localeCompare(a.t));
    return [...new Set(out.map((x) => x.s))].slice(0, 5);
}
/** Container problems of one pod that will not heal by waiting. */
function podProblems(store, pod, restartThreshold = Infinity) {
    const out = [];
    const st = status(pod);
    const ns = str(md(pod).namespace);
    const name = str(md(pod).name);
    let events;
    const lists = [
        [st.initContainerStatuses, true],
        [st.containerStatuses, false],
    ];
    for (const [list, init] of lists) {
        if (!Array.isArray(list))
            continue;
        const specList = spec(pod)[init ? 'initContainers' : 'containers'];
        for (const cs0 of list) {
            // fast path without allocations for the usual healthy container
            const raw = cs0;
            if (!raw?.state?.waiting && !raw?.lastState?.terminated && !((raw?.restartCount ?? 0) >= restartThreshold)) {
                const t = raw?.state?.terminated;
                if (!t || t.reason !== 'OOMKilled')
                    continue;
            }
            const cs = obj(cs0);
            const waiting = obj(obj(cs.state).waiting);
            const terminated = obj(obj(cs.state).terminated);
            const last = obj(obj(cs.lastState).terminated);
            const restarts = num(cs.restartCount);
            let reason = '';
            let message = str(waiting.message);
            if (FATAL_WAITING.has(str(waiting.reason)))
                reason = str(waiting.reason);
            else if (str(terminated.reason) === 'OOMKilled' || str(last.reason) === 'OOMKilled')
                reason = 'OOMKilled';
            else if (restarts >= restartThreshold) {
                reason = 'HighRestartCount';
                message = `${restarts} restarts`;
            }
            if (!reason)
                continue;
            // OOMKilled while also backing off: name both
            if (reason === 'CrashLoopBackOff' && str(last.reason) === 'OOMKilled')
                reason = 'CrashLoopBackOff (OOMKilled)';
            const term = Object.keys(last).length ? last : terminated;
            const container = str(cs.name);
            const idx = Array.isArray(specList) ? specList.findIndex((c) => obj(c).name === container) : -1;
            events ??= store ? warningEventsFor(store, 'Pod', ns, name) : [];
            out.push({
                pod: name,
                namespace: ns,
                container,
                reason,
                ...(message ? { message: message.slice(0, 500) } : {}),
                ...(Object.keys(term).length
                    ? {
                        lastTermination: (str(term.message) || str(term.reason) || '').slice(0, 500),
                        exitCode: term.exitCode === undefined ? undefined : String(term.exitCode),
                    }
                    : {}),
                restarts,
                events,
                containerIndex: Math.max(0, idx),
                initContainer: init,
            });
        }
    }
    return out;
}
function newReplicaSet(store, d) {
    const rev = str(obj(md(d).annotations)['deployment.kubernetes.io/revision']);
    let best;
    let bestRev = -1;
    for (const rs of store.ownedBy('ReplicaSet', uid(d))) {
        if (md(rs).namespace !== md(d).namespace)
            continue;
        const r = str(obj(md(rs).annotations)['deployment.kubernetes.io/revision']);
        if (rev && r === rev)
            return rs;
        if (num(r) > bestRev) {
            bestRev = num(r);
            best = rs;
        }
    }
    return best;
}
function podsOwnedBy(store, owner, filter) {
    const ns = md(owner).namespace;
    return store.ownedBy('Pod', uid(owner)).filter((p) => md(p).namespace === ns && (!filter || filter(p)));
}
function label(o, k) {
    return str(obj(md(o).labels)[k]);
}
/** kubectl's status for one workload, then the fail-fast diagnosis. */
function rolloutStatus(store, kind, o) {
    const res = {
        kind,
        namespace: str(md(o).namespace),
        name: str(md(o).name),
        state: 'waiting',
        message: '',
        problems: [],
        createFailures: [],
        events: [],
    };
    const gen = num(md(o).generation);
    const s = status(o);
    const observed = num(s.observedGeneration);
    const sp = spec(o);
    const replicas = sp.replicas === undefined ? undefined : num(sp.replicas);
    let newPods = [];
    if (kind === 'Deployment') {
        const rs = newReplicaSet(store, o);
        if (rs) {
            newPods = podsOwnedBy(store, rs);
            for (const c of conditions(rs)) {
                if (c.type === 'ReplicaFailure' && c.status === 'True') {
                    res.createFailures.push({ reason: str(c.reason) || 'FailedCreate', message: str(c.message) });
                }
            }
        }
        if (gen > observed)
            res.message = 'waiting for the deployment spec update to be observed';
        else if (conditions(o).some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) {
            res.state = 'failed';
            res.message = `deployment "${res.name}" exceeded its progress deadline`;
        }
        else if (replicas !== undefined && num(s.updatedReplicas) < replicas) {
            res.message = `${num(s.updatedReplicas)} out of ${replicas} new replicas have been updated`;
        }
        else if (num(s.replicas) > num(s.updatedReplicas)) {
            res.message = `${num(s.replicas) - num(s.updatedReplicas)} old replicas are pending termination`;
        }
        else if (num(s.availableReplicas) < num(s.updatedReplicas)) {
            res.message = `${num(s.availableReplicas)} of ${num(s.updatedReplicas)} updated replicas are available`;
        }
        else {
            res.state = 'done';
            res.message = `deployment "${res.name}" successfully rolled out`;
        }
    }
    else if (kind === 'StatefulSet') {
        const update = str(s.updateRevision);
        newPods = podsOwnedBy(store, o, (p) => !update || label(p, 'controller-revision-hash') === update);
        const strategy = obj(sp.updateStrategy);
        if (strategy.type && strategy.type !== 'RollingUpdate') {
            res.state = 'done';
            res.message = `statefulset "${res.name}" uses ${str(strategy.type)}: rollout status is not tracked`;
        }
        else if (observed === 0 || gen > observed)
            res.message = 'waiting for statefulset spec update to be observed';
        else if (replicas !== undefined && num(s.readyReplicas) < replicas) {
            res.message = `${replicas - num(s.readyReplicas)} pods of ${replicas} are not ready`;
        }
        else {
            const ru = obj(strategy.rollingUpdate);
            if (ru.partition !== undefined && replicas !== undefined) {
                const want = replicas - num(ru.partition);
                if (num(s.updatedReplicas) < want) {
                    res.message = `${num(s.updatedReplicas)} of ${want} pods updated (partition ${num(ru.partition)})`;
                }
                else {
                    res.state = 'done';
                    res.message = `partitioned roll out complete: ${num(s.updatedReplicas)} new pods have been updated`;
                }
            }
            else if (update && update !== str(s.currentRevision)) {
                res.message = `waiting for statefulset rolling update to complete ${num(s.updatedReplicas)} pods at revision ${update}`;
            }
            else {
                res.state = 'done';
                res.message = `statefulset rolling update complete ${num(s.currentReplicas ?? s.readyReplicas)} pods at revision ${str(s.currentRevision)}`;
            }
        }
    }
    else if (kind === 'DaemonSet') {
        newPods = podsOwnedBy(store, o, (p) => !label(p, 'pod-template-generation') || label(p, 'pod-template-generation') === String(gen));
        const strategy = obj(sp.updateStrategy);
        const desired = num(s.desiredNumberScheduled);
        if (strategy.type && strategy.type !== 'RollingUpdate') {
            res.state = 'done';
            res.message = `daemonset "${res.name}" uses ${str(strategy.type)}: rollout status is not tracked`;
        }
        else if (gen > observed)
            res.message = 'waiting for daemon set spec update to be observed';
        else if (num(s.updatedNumberScheduled) < desired) {
            res.message = `${num(s.updatedNumberScheduled)} out of ${desired} new pods have been updated`;
        }
        else if (num(s.numberAvailable) < desired) {
            res.message = `${num(s.numberAvailable)} of ${desired} updated pods are available`;
        }
        else {
            res.state = 'done';
            res.message = `daemon set "${res.name}" successfully rolled out`;
        }
    }
    else if (kind === 'Rollout') {
        // Argo Rollouts: status.phase summarises the controller's view
        const phase = str(s.phase);
        const rs = store
            .ownedBy('ReplicaSet', uid(o))
            .find((r) => md(r).namespace === res.namespace && label(r, 'rollouts-pod-template-hash') === str(s.currentPodHash));
        if (rs)
            newPods = podsOwnedBy(store, rs);
        if (phase === 'Healthy') {
            res.state = 'done';
            res.message = `rollout "${res.name}" is healthy`;
        }
        else if (phase === 'Degraded') {
            res.state = 'failed';
            res.message = `rollout "${res.name}" is degraded: ${str(s.message)}`;
        }
        else
            res.message = `rollout "${res.name}" is ${phase || 'progressing'}${s.message ? `: ${str(s.message)}` : ''}`;
    }
    else {
        res.state = 'done';
        res.message = `${kind} has no rollout status`;
    }
    if (res.state !== 'done') {
        for (const p of newPods)
            res.problems.push(...podProblems(store, p));
        if (kind !== 'Deployment' && kind !== 'Rollout') {
            for (const ev of warningEventsFor(store, kind, res.namespace, res.name)) {
                if (/^FailedCreate\b/.test(ev))
                    res.createFailures.push({ reason: 'FailedCreate', message: ev.slice(14) });
            }
        }
        res.events = warningEventsFor(store, kind, res.namespace, res.name);
        if (res.problems.length) {
            const p = res.problems[0];
            res.state = 'failed';
            res.message = `pod ${p.pod} container ${p.container}: ${p.reason}${p.message ? ` (${p.message})` : ''}`;
        }
        else if (res.createFailures.length) {
            const f = res.createFailures[0];
            res.state = 'failed';
            res.message = `pods cannot be created: ${f.reason}: ${f.message}`;
        }
    }
    return res;
}


/***/ }),

/***/ 44146:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lh: () => (/* binding */ failsThreshold),
/* harmony export */   Ot: () => (/* binding */ countBySeverity),
/* harmony export */   Rj: () => (/* binding */ fingerprint),
/* harmony export */   _Z: () => (/* binding */ isSeverity),
/* harmony export */   jV: () => (/* binding */ formatPath),
/* harmony export */   jZ: () => (/* binding */ atLeast),
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   zK: () => (/* binding */ compareSeverity)
/* harmony export */ });
/* unused harmony exports severityRank, emptyCounts */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The vocabulary shared by every part of kubeward: severities, object references, locations,
 * findings and the report. Nothing here knows about files on disk, CI vendors or output formats.
 */

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
/** Numeric rank: critical 4 ... info 0. */
function severityRank(s) {
    return RANK[s];
}
/** True when `s` is at or above `threshold`. */
function atLeast(s, threshold) {
    return RANK[s] >= RANK[threshold];
}
function isSeverity(v) {
    return typeof v === 'string' && SEVERITIES.includes(v);
}
/** Sorts most severe first. */
function compareSeverity(a, b) {
    return RANK[b] - RANK[a];
}
const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
/** `spec.template.spec.containers[0].securityContext`; odd keys are quoted: `metadata.annotations["a.b/c"]`. */
function formatPath(path) {
    let out = '';
    for (const seg of path) {
        if (typeof seg === 'number')
            out += `[${seg}]`;
        else if (SIMPLE_KEY.test(seg))
            out += out === '' ? seg : `.${seg}`;
        else
            out += `[${JSON.stringify(seg)}]`;
    }
    return out;
}
function emptyCounts() {
    return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}
function countBySeverity(findings) {
    const c = emptyCounts();
    for (const f of findings)
        c[f.severity]++;
    return c;
}
/** Stable fingerprint of a finding: rule, object identity (or file when anonymous), path. */
function fingerprint(ruleId, object, path, file) {
    const id = object
        ? [
            object.cluster ?? '',
            object.kind,
            object.namespace ?? '',
            object.name,
            object.name === '' ? (file ?? '') : '',
        ].join('/')
        : (file ?? '');
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`${ruleId}\0${id}\0${path}`).digest('hex').slice(0, 32);
}
/** Does this report fail the given threshold? Never for 'none'. */
function failsThreshold(report, failOn) {
    return failOn !== 'none' && report.findings.some((f) => atLeast(f.severity, failOn));
}


/***/ }),

/***/ 63746:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rc: () => (/* binding */ crdTemplateResolvers),
/* harmony export */   S6: () => (/* binding */ isRunToCompletionCrd),
/* harmony export */   dp: () => (/* binding */ isPodSpecFragment),
/* harmony export */   ux: () => (/* binding */ crdTemplateTable)
/* harmony export */ });
/* unused harmony exports ARGO_CONTAINER_FIELDS, ARGO_WORKFLOW_KINDS */
/** Kind -> template locations, for CRDs whose pod spec sits at a fixed path. */
const crdTemplateTable = {
    Configuration: [
        { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'], group: 'serving.knative.dev' },
    ],
    Revision: [{ spec: ['spec'], meta: ['metadata'], group: 'serving.knative.dev' }],
};
function isObj(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function at(obj, path) {
    let cur = obj;
    for (const seg of path) {
        if (typeof seg === 'number')
            cur = Array.isArray(cur) ? cur[seg] : undefined;
        else
            cur = isObj(cur) ? cur[seg] : undefined;
    }
    return cur;
}
function groupOf(apiVersion) {
    const i = apiVersion.indexOf('/');
    return i === -1 ? '' : apiVersion.slice(0, i);
}
/** Argo Workflows template container fields. */
const ARGO_CONTAINER_FIELDS = [
    { field: 'initContainers', type: 'initContainer' },
    { field: 'container', type: 'container', single: true },
    { field: 'script', type: 'container', single: true },
    { field: 'sidecars', type: 'container' },
];
const ARGO_GROUP = 'argoproj.io';
function argoTemplates(templatesPath) {
    return (obj) => {
        if (groupOf(obj.ref.apiVersion) !== ARGO_GROUP)
            return [];
        const list = at(obj.data, templatesPath);
        if (!Array.isArray(list))
            return [];
        const out = [];
        list.forEach((t, i) => {
            if (!isObj(t))
                return;
            const p = [...templatesPath, i];
            if (isObj(t.container) || isObj(t.script) || Array.isArray(t.initContainers) || Array.isArray(t.sidecars)) {
                out.push({ specPath: p, metaPath: [...p, 'metadata'], containerFields: ARGO_CONTAINER_FIELDS });
            }
            if (isObj(t.containerSet) && Array.isArray(t.containerSet.containers)) {
                out.push({ specPath: [...p, 'containerSet'], metaPath: [...p, 'metadata'] });
            }
        });
        return out;
    };
}
/** Kinds whose "pod templates" are Argo Workflows templates (not full pod specs). */
const ARGO_WORKFLOW_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);
/** Is this object a batch-like CRD whose pods run to completion (no probes expected)? */
function isRunToCompletionCrd(obj) {
    const g = groupOf(obj.ref.apiVersion);
    return ((ARGO_WORKFLOW_KINDS.has(obj.ref.kind) && g === ARGO_GROUP) ||
        (g === 'kubeflow.org' && /Job$/.test(obj.ref.kind)) ||
        (g === 'ray.io' && obj.ref.kind === 'RayJob'));
}
/** Does the object's "pod template" come from a fragment rather than a full pod spec (Argo Workflows)? */
function isPodSpecFragment(obj) {
    return ARGO_WORKFLOW_KINDS.has(obj.ref.kind) && groupOf(obj.ref.apiVersion) === ARGO_GROUP;
}
function kubeflowReplicaSpecs(obj) {
    if (groupOf(obj.ref.apiVersion) !== 'kubeflow.org')
        return [];
    const spec = obj.data.spec;
    if (!isObj(spec))
        return [];
    const out = [];
    for (const [field, specs] of Object.entries(spec)) {
        if (!/ReplicaSpecs$/.test(field) || !isObj(specs))
            continue;
        for (const [role, rs] of Object.entries(specs)) {
            if (!isObj(rs) || !isObj(rs.template))
                continue;
            const base = ['spec', field, role, 'template'];
            out.push({ specPath: [...base, 'spec'], metaPath: [...base, 'metadata'] });
        }
    }
    return out;
}
const KSERVE_FIELDS = [
    { field: 'initContainers', type: 'initContainer' },
    { field: 'containers', type: 'container' },
    { field: 'model', type: 'container', single: true },
];
function inferenceService(obj) {
    if (groupOf(obj.ref.apiVersion) !== 'serving.kserve.io')
        return [];
    const out = [];
    for (const comp of ['predictor', 'transformer', 'explainer']) {
        const c = at(obj.data, ['spec', comp]);
        if (!isObj(c))
            continue;
        out.push({ specPath: ['spec', comp], metaPath: ['spec', comp], containerFields: KSERVE_FIELDS });
    }
    return out;
}
function rayCluster(base) {
    return (obj) => {
        if (groupOf(obj.ref.apiVersion) !== 'ray.io')
            return [];
        const out = [];
        if (isObj(at(obj.data, [...base, 'headGroupSpec', 'template']))) {
            const p = [...base, 'headGroupSpec', 'template'];
            out.push({ specPath: [...p, 'spec'], metaPath: [...p, 'metadata'] });
        }
        const workers = at(obj.data, [...base, 'workerGroupSpecs']);
        if (Array.isArray(workers)) {
            workers.forEach((w, i) => {
                if (!isObj(w) || !isObj(w.template))
                    return;
                const p = [...base, 'workerGroupSpecs', i, 'template'];
                out.push({ specPath: [...p, 'spec'], metaPath: [...p, 'metadata'] });
            });
        }
        return out;
    };
}
/** Kind -> function listing the pod-spec-like paths of an object (Argo Workflow templates ...). */
const crdTemplateResolvers = {
    Workflow: argoTemplates(['spec', 'templates']),
    WorkflowTemplate: argoTemplates(['spec', 'templates']),
    ClusterWorkflowTemplate: argoTemplates(['spec', 'templates']),
    CronWorkflow: argoTemplates(['spec', 'workflowSpec', 'templates']),
    PyTorchJob: kubeflowReplicaSpecs,
    TFJob: kubeflowReplicaSpecs,
    MPIJob: kubeflowReplicaSpecs,
    XGBoostJob: kubeflowReplicaSpecs,
    PaddleJob: kubeflowReplicaSpecs,
    MXJob: kubeflowReplicaSpecs,
    InferenceService: inferenceService,
    RayCluster: rayCluster(['spec']),
    RayService: rayCluster(['spec', 'rayClusterConfig']),
    RayJob: rayCluster(['spec', 'rayClusterSpec']),
};


/***/ }),

/***/ 98904:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U: () => (/* binding */ catalog),
  r: () => (/* binding */ getRule)
});

;// CONCATENATED MODULE: ./src/core/rules/input.ts
/** Reported by the engine for documents that do not parse; it has no check of its own. */
const invalidYaml = {
    meta: {
        id: 'invalid-yaml',
        title: 'Document does not parse',
        severity: 'high',
        enabledByDefault: true,
        category: 'hygiene',
        rationale: 'A manifest that does not parse cannot be checked, and `kubectl apply` rejects it. A scanner that skips it silently would report a clean result for code it never read.',
        remediation: 'Fix the YAML at the reported line. If the file is a Helm chart template or uses other `{{ }}` templating, render it first (`helm template ... | kubeward scan -`) and scan the output.',
        references: ['https://yaml.org/spec/1.2.2/'],
    },
};
const rules = [invalidYaml];

// EXTERNAL MODULE: ./src/core/rules/pod-security.ts
var pod_security = __webpack_require__(28599);
// EXTERNAL MODULE: ./src/core/rules/volumes.ts
var volumes = __webpack_require__(11636);
// EXTERNAL MODULE: ./src/core/rules/podspec.ts
var podspec = __webpack_require__(75495);
;// CONCATENATED MODULE: ./src/core/rules/inventory.ts

/** Kinds that run a replicated set of identical pods (availability rules apply to them). */
const REPLICATED_KINDS = new Set([
    'Deployment',
    'StatefulSet',
    'ReplicaSet',
    'ReplicationController',
    'DeploymentConfig',
    'Rollout',
]);
/** Labels of an object-like map: string (or scalar) values only. */
function labelsOf(v) {
    const out = {};
    if ((0,podspec/* isObj */.sA)(v))
        for (const [k, x] of Object.entries(v))
            if (x !== null && typeof x !== 'object')
                out[k] = String(x);
    return out;
}
/** Does a namespace pair match (lenient: unset matches anything)? */
function sameNamespace(a, b) {
    return a === undefined || b === undefined || a === '' || b === '' || a === b;
}
/**
 * Does a label selector match a set of labels? Accepts a LabelSelector (`matchLabels`,
 * `matchExpressions`) or a plain map (Service / ReplicationController selectors).
 * An empty LabelSelector (`{}`) matches everything; an undefined/null selector matches nothing.
 */
function matchesSelector(selector, labels) {
    if (!(0,podspec/* isObj */.sA)(selector))
        return false;
    const isLabelSelector = 'matchLabels' in selector || 'matchExpressions' in selector;
    if (!isLabelSelector) {
        for (const [k, v] of Object.entries(selector))
            if (labels[k] !== String(v))
                return false;
        return true;
    }
    for (const [k, v] of Object.entries(labelsOf(selector.matchLabels)))
        if (labels[k] !== v)
            return false;
    const exprs = selector.matchExpressions;
    if (Array.isArray(exprs)) {
        for (const e of exprs) {
            if (!(0,podspec/* isObj */.sA)(e) || typeof e.key !== 'string')
                return false;
            const values = Array.isArray(e.values) ? e.values.map(String) : [];
            const has = Object.prototype.hasOwnProperty.call(labels, e.key);
            switch (e.operator) {
                case 'In':
                    if (!has || !values.includes(labels[e.key]))
                        return false;
                    break;
                case 'NotIn':
                    if (has && values.includes(labels[e.key]))
                        return false;
                    break;
                case 'Exists':
                    if (!has)
                        return false;
                    break;
                case 'DoesNotExist':
                    if (has)
                        return false;
                    break;
                default:
                    return false;
            }
        }
    }
    return true;
}
/** Is the selector empty (matches everything)? Plain maps and LabelSelectors alike. */
function isEmptySelector(selector) {
    if (!(0,podspec/* isObj */.sA)(selector))
        return false;
    if ('matchLabels' in selector || 'matchExpressions' in selector) {
        const ml = selector.matchLabels;
        const me = selector.matchExpressions;
        return (!(0,podspec/* isObj */.sA)(ml) || Object.keys(ml).length === 0) && (!Array.isArray(me) || me.length === 0);
    }
    return Object.keys(selector).length === 0;
}
function key(kind, name) {
    return `${kind}\0${name}`;
}
function buildHpa(obj) {
    const spec = obj.data.spec;
    if (!(0,podspec/* isObj */.sA)(spec))
        return undefined;
    const t = spec.scaleTargetRef;
    if (!(0,podspec/* isObj */.sA)(t) || typeof t.kind !== 'string' || typeof t.name !== 'string')
        return undefined;
    const max = (0,podspec/* numOf */.og)(spec.maxReplicas);
    return { obj, min: (0,podspec/* numOf */.og)(spec.minReplicas) ?? 1, max, targetKind: t.kind, targetName: t.name };
}
function build(objects) {
    const kinds = new Map();
    const names = new Map();
    for (const o of objects) {
        let k = kinds.get(o.ref.kind);
        if (!k)
            kinds.set(o.ref.kind, (k = []));
        k.push(o);
        const nk = key(o.ref.kind, o.ref.name);
        let n = names.get(nk);
        if (!n)
            names.set(nk, (n = []));
        n.push(o);
    }
    const find = (kind, name, namespace) => (names.get(key(kind, name)) ?? []).filter((o) => sameNamespace(o.ref.namespace, namespace));
    const hpas = [];
    for (const o of kinds.get('HorizontalPodAutoscaler') ?? []) {
        const h = buildHpa(o);
        if (h)
            hpas.push(h);
    }
    const hpasByTarget = new Map();
    for (const h of hpas) {
        const k = key(h.targetKind, h.targetName);
        let l = hpasByTarget.get(k);
        if (!l)
            hpasByTarget.set(k, (l = []));
        l.push(h);
    }
    const workloads = [];
    const byObj = new Map();
    for (const o of objects) {
        const ts = (0,podspec/* podTemplates */.R7)(o);
        if (!ts.length)
            continue;
        const spec = (0,podspec/* isObj */.sA)(o.data.spec) ? o.data.spec : {};
        const w = {
            obj: o,
            kind: o.ref.kind,
            name: o.ref.name,
            namespace: o.ref.namespace,
            template: ts[0],
            podLabels: labelsOf(ts[0].metadata.labels),
            replicas: o.ref.kind === 'Pod' ? 1 : (0,podspec/* numOf */.og)(spec.replicas),
            hpas: (hpasByTarget.get(key(o.ref.kind, o.ref.name)) ?? []).filter((h) => sameNamespace(h.obj.ref.namespace, o.ref.namespace)),
        };
        workloads.push(w);
        byObj.set(o, w);
    }
    // Index workloads by label key/value for faster selector matching.
    const byLabel = new Map();
    for (const w of workloads) {
        for (const [k, v] of Object.entries(w.podLabels)) {
            const lk = `${k}=${v}`;
            let l = byLabel.get(lk);
            if (!l)
                byLabel.set(lk, (l = []));
            l.push(w);
        }
    }
    const workloadsSelectedBy = (selector, namespace) => {
        if (!(0,podspec/* isObj */.sA)(selector))
            return [];
        const plain = !('matchLabels' in selector || 'matchExpressions' in selector);
        const ml = plain ? labelsOf(selector) : labelsOf(selector.matchLabels);
        const first = Object.entries(ml)[0];
        const candidates = first ? (byLabel.get(`${first[0]}=${first[1]}`) ?? []) : workloads;
        return candidates.filter((w) => sameNamespace(w.namespace, namespace) && matchesSelector(selector, w.podLabels));
    };
    return {
        byKind: (kind) => kinds.get(kind) ?? [],
        find,
        workloads,
        workloadOf: (obj) => byObj.get(obj),
        workloadsSelectedBy,
        hpas,
    };
}
/** The shared inventory of the run (built once, shared between rules through ctx.memo). */
function inventory(ctx) {
    return ctx.memo('inventory', () => build(ctx.objects));
}
/**
 * The replica range of a workload as Kubernetes would run it: `[min, max]`. With an HPA, the
 * HPA's minReplicas/maxReplicas; else spec.replicas (unset = 1). DaemonSets, Jobs and Pods
 * are not replicated workloads and get [1, 1].
 */
function replicaRange(w) {
    const hpa = w.hpas[0];
    if (hpa)
        return { min: hpa.min, max: Math.max(hpa.min, hpa.max ?? hpa.min), hpa };
    if (!REPLICATED_KINDS.has(w.kind))
        return { min: 1, max: 1, hpa: undefined };
    const r = w.replicas ?? 1;
    return { min: r, max: r, hpa: undefined };
}
/** Might the workload run more than one pod (replicas > 1, or an HPA allows more)? */
function possiblyMultiReplica(w) {
    return REPLICATED_KINDS.has(w.kind) && replicaRange(w).max > 1;
}
/**
 * Is the value a template placeholder rather than a real name (`$KSA_NAME`, `${IMAGE}`,
 * `<your-project>`, `{{ .Values.x }}`)? Rules skip such references instead of judging them.
 */
function isPlaceholder(v) {
    return /\$\{?[A-Za-z_]|<[^<>]*>|\{\{/.test(v);
}
/** `kind/name` (with namespace when set) for messages. */
function describe(o) {
    return `${o.ref.kind} ${o.ref.namespace ? `${o.ref.namespace}/` : ''}${o.ref.name || '(unnamed)'}`;
}
/** The object's field at a path (re-exported for cross-object rules). */


;// CONCATENATED MODULE: ./src/core/rules/images.ts
/** Images: tags, digests, pull policy, registries and known-risky components, per container. */


const IMAGES_DOC = 'https://kubernetes.io/docs/concepts/containers/images/';
/**
 * Parses an image reference as the container runtime does: the first path component is a
 * registry when it contains `.` or `:` or is `localhost` (so `host:5000/img` has no tag);
 * Docker Hub short names get `docker.io` and single names `library/`.
 */
function parseImage(image) {
    let rest = image.trim();
    let digest;
    const at = rest.indexOf('@');
    if (at !== -1) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
    }
    let tag;
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
    }
    const parts = rest.split('/');
    let registry = 'docker.io';
    if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
        registry = parts.shift().toLowerCase();
    }
    if (registry === 'index.docker.io' || registry === 'registry-1.docker.io')
        registry = 'docker.io';
    let repository = parts.join('/');
    if (registry === 'docker.io' && parts.length === 1)
        repository = `library/${repository}`;
    return {
        registry,
        repository,
        ...(tag !== undefined ? { tag } : {}),
        ...(digest !== undefined ? { digest } : {}),
        name: `${registry}/${repository}`,
    };
}
function imageOf(c) {
    const v = c.container.image;
    // placeholders (`$IMAGE`, `<registry>/app`) are not judged: they are replaced before deploy
    return typeof v === 'string' && v.trim() !== '' && !isPlaceholder(v) ? v : undefined;
}
function pinned(ref) {
    return ref.digest !== undefined && /^sha256:[a-f0-9]{64}$/i.test(ref.digest);
}
function floating(ref) {
    return !pinned(ref) && (ref.tag === undefined || ref.tag === 'latest');
}
const imageTagLatest = {
    meta: {
        id: 'image-tag-latest',
        title: 'Image uses :latest or no tag',
        severity: 'high',
        enabledByDefault: true,
        category: 'images',
        rationale: 'An image without a tag, or with `:latest`, can change under the same name: every pull may run different code, rollbacks are impossible, and you cannot tell what is deployed.',
        remediation: 'Use an immutable version tag (`nginx:1.27.3`), or better, pin the image by digest (`nginx@sha256:...`).',
        example: 'containers:\n- name: web\n  image: nginx:1.27.3',
        references: [
            `${IMAGES_DOC}#image-names`,
            'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
        ],
    },
    *check(obj) {
        for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
            const image = imageOf(c);
            if (!image)
                continue;
            const ref = parseImage(image);
            if (!floating(ref))
                continue;
            yield {
                path: [...c.path, 'image'],
                message: `${c.type} "${c.name}" uses image "${image}" ${ref.tag === undefined ? 'without a tag (pulls :latest)' : 'with the :latest tag'}`,
            };
        }
    },
};
const imageDigest = {
    meta: {
        id: 'image-digest',
        title: 'Image not pinned by digest',
        severity: 'medium',
        enabledByDefault: false,
        category: 'images',
        rationale: 'Tags are mutable: a registry compromise or a re-pushed tag silently changes what runs. A `@sha256:` digest names exactly one image.',
        remediation: 'Reference images by digest (`image: nginx:1.27.3@sha256:<digest>`); tools like Renovate keep digests current.',
        example: 'image: nginx:1.27.3@sha256:0123...abcd',
        references: [`${IMAGES_DOC}#image-names`],
    },
    *check(obj) {
        for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
            const image = imageOf(c);
            if (!image || pinned(parseImage(image)))
                continue;
            yield {
                path: [...c.path, 'image'],
                message: `${c.type} "${c.name}" image "${image}" is not pinned by a sha256 digest`,
            };
        }
    },
};
const imagePullPolicy = {
    meta: {
        id: 'image-pull-policy',
        title: 'Image pull policy not Always',
        severity: 'low',
        enabledByDefault: true,
        category: 'images',
        rationale: 'With `IfNotPresent` or `Never`, a node reuses whatever image it cached under the tag, so a pod may run an outdated or tampered image, and one pod can use an image another tenant pulled with credentials it does not have.',
        remediation: 'Set `imagePullPolicy: Always` (cheap: only the manifest is re-checked), or pin the image by digest, which makes the policy irrelevant. Kubernetes defaults an unset policy to Always only for `:latest` or untagged images.',
        example: 'containers:\n- name: web\n  image: nginx:1.27.3\n  imagePullPolicy: Always',
        references: [`${IMAGES_DOC}#image-pull-policy`],
    },
    *check(obj) {
        for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
            const image = imageOf(c);
            if (!image)
                continue;
            const ref = parseImage(image);
            if (pinned(ref))
                continue;
            const set = c.container.imagePullPolicy;
            const policy = typeof set === 'string' ? set : floating(ref) ? 'Always' : 'IfNotPresent';
            if (policy === 'Always')
                continue;
            yield {
                path: [...c.path, 'imagePullPolicy'],
                message: typeof set === 'string'
                    ? `${c.type} "${c.name}" has imagePullPolicy ${set} for an image not pinned by digest`
                    : `${c.type} "${c.name}" has no imagePullPolicy: Kubernetes defaults it to IfNotPresent for tagged image "${image}"`,
                fix: {
                    description: 'set imagePullPolicy: Always',
                    set: [{ path: [...c.path, 'imagePullPolicy'], value: 'Always' }],
                },
            };
        }
    },
};
/** Normalises an allow-list entry: Docker Hub short forms mean docker.io. */
function normaliseRegistryEntry(e) {
    let s = e.trim().replace(/\/+$/, '').toLowerCase();
    s = s.replace(/^https?:\/\//, '');
    if (s === 'index.docker.io' || s === 'registry-1.docker.io' || s === 'docker.com' || s === 'hub.docker.com')
        return 'docker.io';
    const first = s.split('/')[0];
    if (s.includes('/') && !(first.includes('.') || first.includes(':') || first === 'localhost'))
        return `docker.io/${s}`;
    return s;
}
/** Does an image name (`registry/repository`) fall under an allow-list entry? `*.example.com` matches subdomains. */
function registryAllowed(ref, entries) {
    const name = ref.name.toLowerCase();
    for (const raw of entries) {
        const e = normaliseRegistryEntry(raw);
        if (!e)
            continue;
        if (e.startsWith('*.')) {
            const suffix = e.slice(1);
            if (ref.registry.endsWith(suffix))
                return true;
            continue;
        }
        if (name === e || name.startsWith(`${e}/`))
            return true;
    }
    return false;
}
const imageRegistryAllowlist = {
    meta: {
        id: 'image-registry-allowlist',
        title: 'Image from a registry outside the allow-list',
        severity: 'medium',
        enabledByDefault: false,
        category: 'images',
        rationale: 'Images from arbitrary registries bypass the scanning, signing and provenance controls of your own registry, and typosquatted public images are a common supply-chain attack.',
        remediation: 'Mirror the image into an allowed registry, or add the registry to the `registries` option. Entries are registries (`ghcr.io`), registry paths (`gcr.io/my-project`) or wildcards (`*.dkr.ecr.eu-west-1.amazonaws.com`); Docker Hub short names mean docker.io.',
        example: '# .kubeward.yaml\nrules:\n  image-registry-allowlist:\n    registries: [registry.example.com, ghcr.io/my-org]',
        references: [`${IMAGES_DOC}#image-names`],
        options: {
            registries: {
                type: 'string[]',
                description: 'Allowed registries or registry path prefixes; the rule reports nothing while the list is empty.',
                default: [],
            },
        },
    },
    *check(obj, ctx) {
        const list = ctx.options.registries;
        const entries = Array.isArray(list) ? list.filter((x) => typeof x === 'string') : [];
        if (!entries.length)
            return;
        for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
            const image = imageOf(c);
            if (!image)
                continue;
            const ref = parseImage(image);
            if (registryAllowed(ref, entries))
                continue;
            yield {
                path: [...c.path, 'image'],
                message: `${c.type} "${c.name}" image "${image}" comes from ${ref.registry}, which is not in the allowed registries`,
            };
        }
    },
};
/** Retired registries: prefix of the normalised image name -> replacement advice. */
const DEPRECATED_REGISTRIES = [
    { prefix: 'k8s.gcr.io/', advice: 'k8s.gcr.io was frozen in April 2023; use registry.k8s.io' },
    {
        prefix: 'gcr.io/google_containers/',
        advice: 'gcr.io/google_containers is the legacy Kubernetes registry; use registry.k8s.io',
    },
    {
        prefix: 'gcr.io/google-containers/',
        advice: 'gcr.io/google-containers is the legacy Kubernetes registry; use registry.k8s.io',
    },
    {
        prefix: 'eu.gcr.io/k8s-artifacts-prod/',
        advice: 'use registry.k8s.io instead of the k8s-artifacts-prod backing bucket',
    },
    {
        prefix: 'us.gcr.io/k8s-artifacts-prod/',
        advice: 'use registry.k8s.io instead of the k8s-artifacts-prod backing bucket',
    },
    {
        prefix: 'asia.gcr.io/k8s-artifacts-prod/',
        advice: 'use registry.k8s.io instead of the k8s-artifacts-prod backing bucket',
    },
    {
        prefix: 'quay.io/coreos/flannel',
        advice: 'flannel moved to docker.io/flannel/flannel; quay.io/coreos/flannel is no longer updated',
    },
    {
        prefix: 'quay.io/coreos/kube-state-metrics',
        advice: 'kube-state-metrics moved to registry.k8s.io/kube-state-metrics',
    },
    { prefix: 'quay.io/kubernetes-ingress-controller/', advice: 'ingress-nginx moved to registry.k8s.io/ingress-nginx' },
    { prefix: 'docker.pkg.github.com/', advice: 'the GitHub Packages Docker registry was replaced by ghcr.io' },
];
const deprecatedRegistry = {
    meta: {
        id: 'deprecated-registry',
        title: 'Image from a retired registry',
        severity: 'medium',
        enabledByDefault: true,
        category: 'images',
        rationale: 'Retired registries (k8s.gcr.io, gcr.io/google_containers, ...) receive no new images or security fixes and may stop serving: pods fail to pull, and the images they hold are frozen at old, vulnerable versions.',
        remediation: 'Pull the image from its current home (for Kubernetes project images: registry.k8s.io) and update to a maintained version.',
        example: 'image: registry.k8s.io/pause:3.10',
        references: [
            'https://kubernetes.io/blog/2023/02/06/k8s-gcr-io-freeze-announcement/',
            'https://kubernetes.io/blog/2023/03/10/image-registry-redirect/',
        ],
    },
    *check(obj) {
        for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
            const image = imageOf(c);
            if (!image)
                continue;
            const name = `${parseImage(image).name.toLowerCase()}`;
            const hit = DEPRECATED_REGISTRIES.find((d) => `${name}/`.startsWith(d.prefix) || name.startsWith(d.prefix));
            if (!hit)
                continue;
            yield { path: [...c.path, 'image'], message: `${c.type} "${c.name}" image "${image}": ${hit.advice}` };
        }
    },
};
/** A numeric version from a tag (`v1.2.3`, `1.2`, `v0.49.3-alpine`); undefined when not versioned. */
function versionOf(tag) {
    if (!tag)
        return undefined;
    const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(tag);
    if (!m)
        return undefined;
    return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}
function lessThan(a, b) {
    for (let i = 0; i < 3; i++)
        if (a[i] !== b[i])
            return a[i] < b[i];
    return false;
}
const RISKY_COMPONENTS = [
    {
        repo: /(^|\/)tiller$/,
        risky: () => 'Helm 2 Tiller (end of life since November 2020) exposes an unauthenticated gRPC API with cluster-admin rights',
    },
    {
        repo: /(^|\/)kubernetes-dashboard(-amd64|-arm64|-arm|-ppc64le|-s390x)?$/,
        risky: (v) => !v || v[0] < 2
            ? 'Kubernetes Dashboard v1 is unmaintained and, with its common broad service account, has been used to take over clusters (CVE-2018-18264)'
            : undefined,
    },
    {
        repo: /(^|\/)kubernetesui\/dashboard$/,
        risky: (v) => (v && v[0] < 2 ? 'Kubernetes Dashboard before v2 is unmaintained (CVE-2018-18264)' : undefined),
    },
    {
        repo: /(^|\/)ingress-nginx\/controller(-chroot)?$/,
        risky: (v) => v && (lessThan(v, [1, 11, 5]) || (v[0] === 1 && v[1] === 12 && v[2] < 1))
            ? 'ingress-nginx controller before v1.11.5 / v1.12.1 is affected by CVE-2025-1974 (unauthenticated remote code execution, "IngressNightmare")'
            : undefined,
    },
    {
        repo: /(^|\/)nginx-ingress-controller(-amd64|-arm64)?$/,
        risky: () => 'the pre-1.0 nginx-ingress-controller image is end of life and affected by CVE-2021-25742 and CVE-2025-1974; move to registry.k8s.io/ingress-nginx/controller',
    },
    {
        repo: /(^|\/)git-sync(\/git-sync)?$/,
        risky: (v) => v && lessThan(v, [4, 4, 3])
            ? 'git-sync before v4.4.3 bundles a git affected by CVE-2025-48384 (arbitrary file write); v3 is no longer maintained'
            : undefined,
    },
    {
        repo: /(^|\/)heapster(-amd64)?$/,
        risky: () => 'Heapster was retired in Kubernetes 1.13 and receives no security fixes; use metrics-server',
    },
];
const riskyComponent = {
    meta: {
        id: 'risky-component',
        title: 'Known-risky component',
        severity: 'medium',
        enabledByDefault: true,
        category: 'images',
        rationale: 'Some components have a history of cluster takeovers: Helm 2 Tiller, Kubernetes Dashboard v1, ingress-nginx versions affected by CVE-2025-1974, git-sync builds with a vulnerable git. Running them invites known exploits.',
        remediation: 'Remove the component (Tiller: migrate to Helm 3) or upgrade it to a maintained, fixed version. The table of components and versions is in the rule documentation.',
        example: 'image: registry.k8s.io/ingress-nginx/controller:v1.12.1',
        references: [
            'https://kubernetes.io/blog/2025/03/24/ingress-nginx-cve-2025-1974/',
            'https://helm.sh/blog/helm-v2-deprecation-timeline/',
            'https://github.com/kubernetes/dashboard/pull/3400',
            'https://github.com/kubernetes/git-sync/releases/tag/v4.4.3',
        ],
    },
    *check(obj) {
        for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
            const image = imageOf(c);
            if (!image)
                continue;
            const ref = parseImage(image);
            for (const rc of RISKY_COMPONENTS) {
                if (!rc.repo.test(ref.repository.toLowerCase()))
                    continue;
                const reason = rc.risky(versionOf(ref.tag), ref.tag);
                if (reason)
                    yield { path: [...c.path, 'image'], message: `${c.type} "${c.name}" runs "${image}": ${reason}` };
                break;
            }
        }
    },
};
const images_rules = [
    imageTagLatest,
    imageDigest,
    imagePullPolicy,
    imageRegistryAllowlist,
    deprecatedRegistry,
    riskyComponent,
];

// EXTERNAL MODULE: ./src/core/rules/crd-templates.ts
var crd_templates = __webpack_require__(63746);
;// CONCATENATED MODULE: ./src/core/rules/resources.ts



const RES_DOC = 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/';
const PROBES_DOC = 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/';
const PDB_DOC = 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/';
const HPA_DOC = 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/';
// ---------------------------------------------------------------------------------------------
// Quantities
const SUFFIX = {
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    '': 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;
/**
 * A Kubernetes resource quantity as a number of base units (cores, bytes): `100m` -> 0.1,
 * `1Gi` -> 1073741824, `1e3` -> 1000, `2` -> 2. Undefined when it does not parse.
 */
function parseQuantity(v) {
    if (typeof v === 'number')
        return Number.isFinite(v) ? v : undefined;
    if (typeof v !== 'string')
        return undefined;
    const m = QUANTITY.exec(v.trim());
    if (!m)
        return undefined;
    const n = Number(m[1]);
    if (m[3] !== undefined)
        return n * 10 ** Number(m[3]);
    return n * SUFFIX[m[2] ?? ''];
}
// ---------------------------------------------------------------------------------------------
// Helpers
/** Containers that resource rules look at: init and regular (ephemeral ones cannot set resources). */
function resourceContainers(obj) {
    return (0,podspec/* allContainers */.Yr)(obj).filter((c) => c.type !== 'ephemeralContainer');
}
function quantityAt(c, kind, res) {
    return (0,podspec/* get */.Jt)(c.container, ['resources', kind, res]);
}
function isSet(v) {
    return v !== undefined && v !== null && v !== '';
}
/** Pod-level resources (spec.resources, Kubernetes 1.32+) covering every container. */
function podLevel(t, kind, res) {
    return isSet((0,podspec/* get */.Jt)(t.spec, ['resources', kind, res]));
}
/** Does a LimitRange in the workload's (explicit) namespace default this resource for containers? */
function limitRangeDefault(ctx, obj, kind, res) {
    const ns = obj.ref.namespace;
    if (!ns)
        return false;
    const byNs = ctx.memo('resources:limitranges', () => {
        const m = new Map();
        for (const lr of inventory(ctx).byKind('LimitRange')) {
            const n = lr.ref.namespace;
            if (!n)
                continue;
            let e = m.get(n);
            if (!e)
                m.set(n, (e = { requests: new Set(), limits: new Set() }));
            const limits = (0,podspec/* get */.Jt)(lr.data, ['spec', 'limits']);
            if (!Array.isArray(limits))
                continue;
            for (const l of limits) {
                if (!(0,podspec/* isObj */.sA)(l) || (l.type !== undefined && l.type !== 'Container'))
                    continue;
                // defaultRequest falls back to default (and to max) for requests
                for (const k of Object.keys((0,podspec/* isObj */.sA)(l.defaultRequest) ? l.defaultRequest : {}))
                    e.requests.add(k);
                for (const src of [l.default, l.max]) {
                    for (const k of Object.keys((0,podspec/* isObj */.sA)(src) ? src : {})) {
                        e.limits.add(k);
                        e.requests.add(k);
                    }
                }
            }
        }
        return m;
    });
    return byNs.get(ns)?.[kind].has(res) ?? false;
}
const RES_LABEL = { cpu: 'CPU', memory: 'memory', 'ephemeral-storage': 'ephemeral-storage' };
function missingResourceRule(id, kind, res, severity, rationale, cis) {
    const label = RES_LABEL[res];
    return {
        meta: {
            id,
            title: `${label[0].toUpperCase()}${label.slice(1)} ${kind === 'requests' ? 'request' : 'limit'} missing`,
            severity,
            enabledByDefault: true,
            category: 'resources',
            rationale,
            remediation: `Set \`resources.${kind}.${res}\` on every container (init containers included), or a pod-level \`spec.resources.${kind}.${res}\`, or a LimitRange default in the namespace.`,
            example: 'containers:\n- name: web\n  image: nginx:1.27.3\n  resources:\n    requests: { cpu: 100m, memory: 128Mi }\n    limits: { cpu: 500m, memory: 128Mi }',
            references: [RES_DOC, 'https://kubernetes.io/docs/concepts/policy/limit-range/'],
            ...(cis ? { cis } : {}),
        },
        *check(obj, ctx) {
            const cs = resourceContainers(obj);
            if (!cs.length)
                return;
            if (limitRangeDefault(ctx, obj, kind, res))
                return;
            for (const c of cs) {
                if (podLevel(c.template, kind, res))
                    continue;
                if (isSet(quantityAt(c, kind, res)))
                    continue;
                // Kubernetes defaults a missing request to the limit.
                if (kind === 'requests' && isSet(quantityAt(c, 'limits', res)))
                    continue;
                yield {
                    path: [...c.path, 'resources', kind, res],
                    message: `${c.type} "${c.name}" has no ${label} ${kind === 'requests' ? 'request' : 'limit'}`,
                };
            }
        },
    };
}
const cpuRequests = missingResourceRule('cpu-requests', 'requests', 'cpu', 'medium', 'Without a CPU request the scheduler places the pod as if it needed nothing: nodes get overcommitted and the pod is the first to be starved under contention (BestEffort QoS).');
const memoryRequests = missingResourceRule('memory-requests', 'requests', 'memory', 'medium', 'Without a memory request the scheduler cannot place the pod sensibly and the pod is among the first evicted under memory pressure.');
const cpuLimits = missingResourceRule('cpu-limits', 'limits', 'cpu', 'low', 'Without a CPU limit one container can consume all spare CPU of the node, slowing its neighbours; a runaway or compromised process (crypto-mining) goes unchecked.');
const memoryLimits = missingResourceRule('memory-limits', 'limits', 'memory', 'medium', 'Without a memory limit a leaking or compromised container can exhaust node memory, triggering OOM kills of other workloads and node instability (denial of service).');
const resourceBounds = {
    meta: {
        id: 'resource-bounds',
        title: 'Resource request or limit outside configured bounds',
        severity: 'medium',
        enabledByDefault: false,
        category: 'resources',
        rationale: 'Requests and limits far outside what your platform expects (a 64-core request, a 1Mi memory limit) are usually typos that waste capacity or make the pod fail.',
        remediation: 'Bring the value within the configured bounds, or change the bounds. Quantities use Kubernetes notation (100m, 1.5, 512Mi, 2Gi, 1e3).',
        example: '# .kubeward.yaml\nrules:\n  resource-bounds:\n    requests: { cpu: { min: 10m, max: "4" }, memory: { min: 16Mi, max: 8Gi } }\n    limits: { memory: { max: 16Gi } }',
        references: [RES_DOC],
        options: {
            requests: {
                type: 'object',
                description: 'Bounds for requests: `{cpu: {min, max}, memory: {min, max}}` (Kubernetes quantities).',
                default: {},
            },
            limits: {
                type: 'object',
                description: 'Bounds for limits: `{cpu: {min, max}, memory: {min, max}}` (Kubernetes quantities).',
                default: {},
            },
        },
    },
    *check(obj, ctx) {
        const cs = resourceContainers(obj);
        if (!cs.length)
            return;
        for (const kind of ['requests', 'limits']) {
            const conf = ctx.options[kind];
            if (!(0,podspec/* isObj */.sA)(conf))
                continue;
            for (const res of ['cpu', 'memory']) {
                const b = conf[res];
                if (!(0,podspec/* isObj */.sA)(b))
                    continue;
                const min = parseQuantity(b.min);
                const max = parseQuantity(b.max);
                for (const c of cs) {
                    const raw = quantityAt(c, kind, res);
                    if (!isSet(raw))
                        continue;
                    const q = parseQuantity(raw);
                    const path = [...c.path, 'resources', kind, res];
                    if (q === undefined) {
                        yield { path, message: `${c.type} "${c.name}" ${res} ${kind} "${String(raw)}" is not a valid quantity` };
                    }
                    else if (min !== undefined && q < min) {
                        yield {
                            path,
                            message: `${c.type} "${c.name}" ${res} ${kind} ${String(raw)} is below the minimum ${String(b.min)}`,
                        };
                    }
                    else if (max !== undefined && q > max) {
                        yield {
                            path,
                            message: `${c.type} "${c.name}" ${res} ${kind} ${String(raw)} is above the maximum ${String(b.max)}`,
                        };
                    }
                }
            }
        }
    },
};
const ephemeralStorage = {
    meta: {
        id: 'ephemeral-storage',
        title: 'Ephemeral-storage request or limit missing',
        severity: 'low',
        enabledByDefault: false,
        category: 'resources',
        rationale: 'Containers write logs, caches and emptyDir data to the node disk. Without an ephemeral-storage limit one pod can fill the node disk and get every pod on it evicted.',
        remediation: 'Set `resources.requests.ephemeral-storage` and `resources.limits.ephemeral-storage` on every container.',
        example: 'resources:\n  requests: { ephemeral-storage: 1Gi }\n  limits: { ephemeral-storage: 2Gi }',
        references: [`${RES_DOC}#local-ephemeral-storage`],
    },
    *check(obj, ctx) {
        for (const kind of ['requests', 'limits']) {
            if (limitRangeDefault(ctx, obj, kind, 'ephemeral-storage'))
                continue;
            for (const c of resourceContainers(obj)) {
                if (podLevel(c.template, kind, 'ephemeral-storage') || isSet(quantityAt(c, kind, 'ephemeral-storage')))
                    continue;
                if (kind === 'requests' && isSet(quantityAt(c, 'limits', 'ephemeral-storage')))
                    continue;
                yield {
                    path: [...c.path, 'resources', kind, 'ephemeral-storage'],
                    message: `${c.type} "${c.name}" has no ephemeral-storage ${kind === 'requests' ? 'request' : 'limit'}`,
                };
            }
        }
    },
};
const requestsEqualLimits = {
    meta: {
        id: 'requests-equal-limits',
        title: 'Requests differ from limits (not Guaranteed QoS)',
        severity: 'low',
        enabledByDefault: false,
        category: 'resources',
        rationale: 'Pods whose requests equal their limits for CPU and memory get the Guaranteed QoS class: they are evicted last and their performance does not depend on neighbours.',
        remediation: 'Set CPU and memory limits equal to the requests (or set only limits: Kubernetes copies them to requests).',
        example: 'resources:\n  requests: { cpu: 500m, memory: 256Mi }\n  limits: { cpu: 500m, memory: 256Mi }',
        references: ['https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/#guaranteed'],
    },
    *check(obj) {
        for (const c of resourceContainers(obj)) {
            for (const res of ['cpu', 'memory']) {
                const lim = quantityAt(c, 'limits', res);
                const req = quantityAt(c, 'requests', res);
                if (!isSet(lim)) {
                    yield {
                        path: [...c.path, 'resources', 'limits', res],
                        message: `${c.type} "${c.name}" has no ${res} limit, so it cannot be Guaranteed QoS`,
                    };
                    continue;
                }
                if (!isSet(req))
                    continue;
                const a = parseQuantity(req);
                const b = parseQuantity(lim);
                if (a !== undefined && b !== undefined && Math.abs(a - b) > Math.abs(b) * 1e-9) {
                    yield {
                        path: [...c.path, 'resources', 'requests', res],
                        message: `${c.type} "${c.name}" ${res} request ${String(req)} differs from its limit ${String(lim)}`,
                    };
                }
            }
        }
    },
};
// ---------------------------------------------------------------------------------------------
// Probes
/** Do this object's pods run to completion (Jobs, CronJobs, workflows, Pods that never restart)? */
function runsToCompletion(obj, t) {
    const k = obj.ref.kind;
    if (k === 'Job' || k === 'CronJob' || (0,crd_templates/* isRunToCompletionCrd */.S6)(obj))
        return true;
    const rp = t.spec.restartPolicy;
    return rp === 'Never' || rp === 'OnFailure';
}
function probeRule(id, field, rationale) {
    const what = field === 'livenessProbe' ? 'liveness' : 'readiness';
    return {
        meta: {
            id,
            title: `${what[0].toUpperCase()}${what.slice(1)} probe missing`,
            severity: 'low',
            enabledByDefault: true,
            category: 'availability',
            rationale,
            remediation: `Add a \`${field}\` to every long-running container (Jobs, CronJobs, workflows, Pods with restartPolicy Never/OnFailure and init containers are exempt${field === 'readinessProbe' ? '; Knative Serving adds a default readiness probe' : ''}). Prefer a cheap endpoint that reflects the container's own health.`,
            example: `containers:\n- name: web\n  image: nginx:1.27.3\n  ${field}:\n    httpGet: { path: /healthz, port: 8080 }\n    periodSeconds: 10`,
            references: [PROBES_DOC],
        },
        *check(obj) {
            for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
                if (c.type !== 'container')
                    continue;
                if (runsToCompletion(obj, c.template))
                    continue;
                if ((0,podspec/* isObj */.sA)(c.container[field]))
                    continue;
                // Knative Serving gives every container a default TCP readiness probe.
                if (field === 'readinessProbe' && obj.ref.apiVersion.startsWith('serving.knative.dev/'))
                    continue;
                yield { path: [...c.path, field], message: `container "${c.name}" has no ${what} probe` };
            }
        },
    };
}
const livenessProbe = probeRule('liveness-probe', 'livenessProbe', 'Without a liveness probe a deadlocked or hung container keeps running and keeps receiving traffic until someone notices; the kubelet only restarts containers whose process exits.');
const readinessProbe = probeRule('readiness-probe', 'readinessProbe', 'Without a readiness probe a pod receives traffic as soon as its process starts, before it can serve, and keeps receiving it while it is overloaded; rollouts cannot tell a broken version from a working one.');
function canonical(v) {
    if (Array.isArray(v))
        return `[${v.map(canonical).join(',')}]`;
    if ((0,podspec/* isObj */.sA)(v))
        return `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
            .join(',')}}`;
    return JSON.stringify(v) ?? 'null';
}
const probesIdentical = {
    meta: {
        id: 'probes-identical',
        title: 'Liveness and readiness probes are identical',
        severity: 'low',
        enabledByDefault: true,
        category: 'availability',
        rationale: 'Readiness takes a busy pod out of the load balancer; liveness restarts it. When both are the same check, a pod that is only overloaded is restarted too, turning a slowdown into cascading restarts.',
        remediation: 'Make the liveness probe check only that the process is alive (a cheap endpoint, a larger failureThreshold), and let the readiness probe check dependencies and load.',
        example: 'livenessProbe:\n  httpGet: { path: /livez, port: 8080 }\n  failureThreshold: 6\nreadinessProbe:\n  httpGet: { path: /readyz, port: 8080 }',
        references: [PROBES_DOC, 'https://github.com/zegl/kube-score/blob/master/README_PROBES.md'],
    },
    *check(obj) {
        for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
            const l = c.container.livenessProbe;
            const r = c.container.readinessProbe;
            if (!(0,podspec/* isObj */.sA)(l) || !(0,podspec/* isObj */.sA)(r))
                continue;
            if (canonical(l) !== canonical(r))
                continue;
            yield {
                path: [...c.path, 'livenessProbe'],
                message: `${c.type} "${c.name}" has a liveness probe identical to its readiness probe`,
            };
        }
    },
};
const PROBE_FIELDS = ['livenessProbe', 'readinessProbe', 'startupProbe'];
function declaredPorts(c) {
    const names = new Set();
    const numbers = new Set();
    const ports = c.ports;
    if (Array.isArray(ports))
        for (const p of ports) {
            if (!(0,podspec/* isObj */.sA)(p))
                continue;
            if (typeof p.name === 'string')
                names.add(p.name);
            const n = (0,podspec/* numOf */.og)(p.containerPort);
            if (n !== undefined)
                numbers.add(n);
        }
    return { names, numbers, any: Array.isArray(ports) && ports.length > 0 };
}
const probePort = {
    meta: {
        id: 'probe-port',
        title: 'Probe targets a port the container does not expose',
        severity: 'medium',
        enabledByDefault: true,
        category: 'availability',
        rationale: 'A probe on a named port the container does not define always fails, and one on a number the container does not declare usually means a typo: the container is restarted in a loop or never becomes ready.',
        remediation: "Point `httpGet.port`, `tcpSocket.port` or `grpc.port` at a port declared in the container's `ports` (by name or number), or declare the port.",
        example: 'ports:\n- name: http\n  containerPort: 8080\nreadinessProbe:\n  httpGet: { path: /readyz, port: http }',
        references: [PROBES_DOC],
    },
    *check(obj) {
        for (const t of (0,podspec/* podTemplates */.R7)(obj)) {
            const cs = (0,podspec/* containersOf */.Mz)(t);
            const podNumbers = new Set();
            for (const c of cs)
                for (const n of declaredPorts(c.container).numbers)
                    podNumbers.add(n);
            for (const c of cs) {
                const own = declaredPorts(c.container);
                for (const pf of PROBE_FIELDS) {
                    const probe = c.container[pf];
                    if (!(0,podspec/* isObj */.sA)(probe))
                        continue;
                    for (const h of ['httpGet', 'tcpSocket', 'grpc']) {
                        const handler = probe[h];
                        if (!(0,podspec/* isObj */.sA)(handler) || handler.port === undefined || handler.port === null)
                            continue;
                        const port = handler.port;
                        const path = [...c.path, pf, h, 'port'];
                        const num = (0,podspec/* numOf */.og)(port);
                        if (num === undefined && typeof port === 'string') {
                            if (!own.names.has(port))
                                yield {
                                    path,
                                    message: `${c.type} "${c.name}" ${pf} uses port name "${port}", which the container does not define`,
                                };
                        }
                        else if (num !== undefined && own.any && !podNumbers.has(num)) {
                            // Undeclared numeric ports still work when the process listens: low, unless configured.
                            yield {
                                path,
                                severity: 'low',
                                message: `${c.type} "${c.name}" ${pf} targets port ${num}, which no container of the pod declares (a typo, or an undeclared port)`,
                            };
                        }
                    }
                }
            }
        }
    },
};
// ---------------------------------------------------------------------------------------------
// Availability
const replicasMinimum = {
    meta: {
        id: 'replicas-minimum',
        title: 'Too few replicas',
        severity: 'medium',
        enabledByDefault: false,
        category: 'availability',
        rationale: "A single replica means downtime on every node drain, rollout hiccup or crash. With an HPA, the HPA's minReplicas is what counts.",
        remediation: "Run at least `min` replicas (option, default 2): raise `spec.replicas`, or the HPA's `minReplicas`.",
        example: 'spec:\n  replicas: 3',
        references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/'],
        options: { min: { type: 'number', description: 'Minimum number of replicas.', default: 2 } },
    },
    *checkAll(ctx) {
        const min = (0,podspec/* numOf */.og)(ctx.options.min) ?? 2;
        for (const w of inventory(ctx).workloads) {
            if (!REPLICATED_KINDS.has(w.kind))
                continue;
            const r = replicaRange(w);
            if (r.hpa) {
                if (r.hpa.min < min)
                    yield {
                        object: r.hpa.obj,
                        path: ['spec', 'minReplicas'],
                        message: `HPA minReplicas ${r.hpa.min} for ${describe(w.obj)} is below the minimum of ${min}`,
                    };
            }
            else if (r.min < min) {
                yield {
                    object: w.obj,
                    path: ['spec', 'replicas'],
                    message: `${w.kind} runs ${r.min} replica${r.min === 1 ? '' : 's'}${w.replicas === undefined ? ' (replicas unset)' : ''}, below the minimum of ${min}`,
                };
            }
        }
    },
};
function hasSpread(t) {
    const aa = (0,podspec/* get */.Jt)(t.spec, ['affinity', 'podAntiAffinity']);
    const tsc = t.spec.topologySpreadConstraints;
    return (((0,podspec/* isObj */.sA)(aa) &&
        ((Array.isArray(aa.requiredDuringSchedulingIgnoredDuringExecution) &&
            aa.requiredDuringSchedulingIgnoredDuringExecution.length > 0) ||
            (Array.isArray(aa.preferredDuringSchedulingIgnoredDuringExecution) &&
                aa.preferredDuringSchedulingIgnoredDuringExecution.length > 0))) ||
        (Array.isArray(tsc) && tsc.length > 0));
}
function replicaText(w) {
    const r = replicaRange(w);
    return r.hpa ? `scaled by HPA "${r.hpa.obj.ref.name}" up to ${r.max} replicas` : `with ${r.max} replicas`;
}
const antiAffinity = {
    meta: {
        id: 'anti-affinity',
        title: 'Multi-replica workload without anti-affinity or topology spread',
        severity: 'low',
        enabledByDefault: true,
        category: 'availability',
        rationale: 'Without pod anti-affinity or topology spread constraints the scheduler may put every replica on the same node or zone: one failure takes them all down.',
        remediation: "Add `topologySpreadConstraints` over `kubernetes.io/hostname` (and `topology.kubernetes.io/zone`), or a preferred `podAntiAffinity` on the pod's own labels.",
        example: 'topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: kubernetes.io/hostname\n  whenUnsatisfiable: ScheduleAnyway\n  labelSelector:\n    matchLabels: { app: web }',
        references: [
            'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
            'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity',
        ],
    },
    *checkAll(ctx) {
        for (const w of inventory(ctx).workloads) {
            if (!possiblyMultiReplica(w) || hasSpread(w.template))
                continue;
            yield {
                object: w.obj,
                path: [...w.template.specPath, 'affinity'],
                message: `${w.kind} ${replicaText(w)} has no pod anti-affinity or topology spread constraints`,
            };
        }
    },
};
/** PDBs with the workloads they select (memoised). */
function pdbIndex(ctx) {
    return ctx.memo('resources:pdbs', () => {
        const inv = inventory(ctx);
        return inv.byKind('PodDisruptionBudget').map((pdb) => {
            const sel = (0,podspec/* get */.Jt)(pdb.data, ['spec', 'selector']);
            return { pdb, workloads: (0,podspec/* isObj */.sA)(sel) ? inv.workloadsSelectedBy(sel, pdb.ref.namespace) : [] };
        });
    });
}
const pdbMissing = {
    meta: {
        id: 'pdb-missing',
        title: 'Multi-replica workload without a PodDisruptionBudget',
        severity: 'low',
        enabledByDefault: true,
        category: 'availability',
        rationale: 'Without a PodDisruptionBudget a node drain or cluster upgrade may evict every replica at once: the service goes down although it runs several pods.',
        remediation: 'Add a PodDisruptionBudget selecting the pods, with `maxUnavailable: 1` (or a minAvailable below the replica count).',
        example: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web }\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: { app: web }',
        references: [PDB_DOC],
    },
    *checkAll(ctx) {
        const covered = new Set();
        for (const e of pdbIndex(ctx))
            for (const w of e.workloads)
                covered.add(w);
        for (const w of inventory(ctx).workloads) {
            if (!possiblyMultiReplica(w) || covered.has(w))
                continue;
            yield {
                object: w.obj,
                path: [...w.template.metaPath, 'labels'],
                message: `${w.kind} ${replicaText(w)} is selected by no PodDisruptionBudget in the scanned set (it may be outside the scanned set)`,
            };
        }
    },
};
function pct(v) {
    if (typeof v !== 'string')
        return undefined;
    const m = /^(\d+)%$/.exec(v.trim());
    return m ? Number(m[1]) : undefined;
}
const pdbBlocksEviction = {
    meta: {
        id: 'pdb-blocks-eviction',
        title: 'PodDisruptionBudget always blocks eviction',
        severity: 'medium',
        enabledByDefault: true,
        category: 'availability',
        rationale: 'A PDB with `maxUnavailable: 0`, or a `minAvailable` at or above the number of replicas (with an HPA: its minReplicas), never allows a voluntary eviction: node drains and cluster upgrades hang until someone deletes the PDB.',
        remediation: 'Use `maxUnavailable: 1` (or a percentage), or a `minAvailable` below the smallest replica count.',
        example: 'spec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: { app: web }',
        references: [PDB_DOC, 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/'],
    },
    *checkAll(ctx) {
        for (const { pdb, workloads } of pdbIndex(ctx)) {
            const spec = pdb.data.spec;
            if (!(0,podspec/* isObj */.sA)(spec))
                continue;
            const mu = spec.maxUnavailable;
            if (mu !== undefined && mu !== null) {
                if ((0,podspec/* numOf */.og)(mu) === 0 || pct(mu) === 0)
                    yield {
                        object: pdb,
                        path: ['spec', 'maxUnavailable'],
                        message: `maxUnavailable ${String(mu)} never allows an eviction`,
                    };
                continue;
            }
            const ma = spec.minAvailable;
            if (ma === undefined || ma === null)
                continue;
            const p = pct(ma);
            if (p !== undefined && p >= 100) {
                yield {
                    object: pdb,
                    path: ['spec', 'minAvailable'],
                    message: `minAvailable ${String(ma)} never allows an eviction`,
                };
                continue;
            }
            if (!workloads.length)
                continue;
            // DaemonSets, Jobs and CRDs without a known replica count: cannot judge.
            if (workloads.some((w) => w.kind !== 'Pod' && !REPLICATED_KINDS.has(w.kind)))
                continue;
            let total = 0;
            const parts = [];
            for (const w of workloads) {
                const r = replicaRange(w);
                total += r.min;
                parts.push(`${describe(w.obj)}: ${r.hpa ? `HPA minReplicas ${r.min}` : w.replicas === undefined && w.kind !== 'Pod' ? 'replicas unset (1)' : `${r.min} replica${r.min === 1 ? '' : 's'}`}`);
            }
            const n = (0,podspec/* numOf */.og)(ma);
            const required = n !== undefined ? n : p !== undefined ? Math.ceil((p * total) / 100) : undefined;
            if (required === undefined || required < total)
                continue;
            yield {
                object: pdb,
                path: ['spec', 'minAvailable'],
                message: `minAvailable ${String(ma)} leaves no pod evictable at ${total} selected pod${total === 1 ? '' : 's'} (${parts.join('; ')})`,
            };
        }
    },
};
const pdbPolicy = {
    meta: {
        id: 'pdb-policy',
        title: 'PodDisruptionBudget without a budget or unhealthy-pod eviction policy',
        severity: 'low',
        enabledByDefault: true,
        category: 'availability',
        rationale: 'A PDB needs `minAvailable` or `maxUnavailable` to mean anything. Without `unhealthyPodEvictionPolicy: AlwaysAllow`, pods that are running but not ready count against the budget, so a broken rollout can block node drains.',
        remediation: 'Set `maxUnavailable` (or `minAvailable`) and `unhealthyPodEvictionPolicy: AlwaysAllow`.',
        example: 'spec:\n  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n  selector:\n    matchLabels: { app: web }',
        references: [`${PDB_DOC}#unhealthy-pod-eviction-policy`],
    },
    *check(obj) {
        if (obj.ref.kind !== 'PodDisruptionBudget')
            return;
        const spec = (0,podspec/* isObj */.sA)(obj.data.spec) ? obj.data.spec : {};
        const has = (k) => spec[k] !== undefined && spec[k] !== null;
        if (!has('minAvailable') && !has('maxUnavailable'))
            yield {
                path: ['spec', 'maxUnavailable'],
                message: 'PodDisruptionBudget sets neither minAvailable nor maxUnavailable',
            };
        if (!has('unhealthyPodEvictionPolicy'))
            yield {
                path: ['spec', 'unhealthyPodEvictionPolicy'],
                message: 'PodDisruptionBudget has no unhealthyPodEvictionPolicy: unready pods can block evictions',
                fix: {
                    description: 'set unhealthyPodEvictionPolicy: AlwaysAllow',
                    set: [{ path: ['spec', 'unhealthyPodEvictionPolicy'], value: 'AlwaysAllow' }],
                },
            };
    },
};
const hpaDangling = {
    meta: {
        id: 'hpa-dangling',
        title: 'HPA target not in the set',
        severity: 'low',
        enabledByDefault: true,
        category: 'availability',
        rationale: 'An HorizontalPodAutoscaler whose scaleTargetRef names no existing workload scales nothing: usually a rename that was not carried over.',
        remediation: 'Point `spec.scaleTargetRef` (kind, name, apiVersion) at the workload, or delete the HPA.',
        example: 'scaleTargetRef:\n  apiVersion: apps/v1\n  kind: Deployment\n  name: web',
        references: [HPA_DOC],
    },
    *checkAll(ctx) {
        const inv = inventory(ctx);
        for (const h of inv.byKind('HorizontalPodAutoscaler')) {
            const t = (0,podspec/* get */.Jt)(h.data, ['spec', 'scaleTargetRef']);
            if (!(0,podspec/* isObj */.sA)(t) || typeof t.kind !== 'string' || typeof t.name !== 'string') {
                yield {
                    object: h,
                    path: ['spec', 'scaleTargetRef'],
                    message: 'HPA has no valid scaleTargetRef (kind and name)',
                };
                continue;
            }
            if (inv.find(t.kind, t.name, h.ref.namespace).length)
                continue;
            yield {
                object: h,
                path: ['spec', 'scaleTargetRef', 'name'],
                message: `HPA target ${t.kind} "${t.name}" is not in the scanned set (it may be outside the scanned set)`,
            };
        }
    },
};
const hpaReplicasConflict = {
    meta: {
        id: 'hpa-replicas-conflict',
        title: 'HPA target also sets replicas',
        severity: 'low',
        enabledByDefault: true,
        category: 'availability',
        rationale: 'When a workload scaled by an HPA also sets `spec.replicas`, every `kubectl apply` or GitOps sync resets the replica count to the manifest value, scaling the workload down under load until the HPA reacts.',
        remediation: 'Remove `spec.replicas` from workloads an HPA scales (Kubernetes keeps the current count).',
        example: 'spec:\n  # no replicas: the HPA owns the count\n  selector:\n    matchLabels: { app: web }',
        references: [`${HPA_DOC}#migrating-deployments-and-statefulsets-to-horizontal-autoscaling`],
    },
    *checkAll(ctx) {
        for (const w of inventory(ctx).workloads) {
            if (!w.hpas.length || (0,podspec/* get */.Jt)(w.obj.data, ['spec', 'replicas']) === undefined)
                continue;
            yield {
                object: w.obj,
                path: ['spec', 'replicas'],
                message: `${w.kind} sets replicas while HPA "${w.hpas[0].obj.ref.name}" scales it: every apply resets the replica count`,
                fix: { description: 'remove spec.replicas', remove: [['spec', 'replicas']] },
            };
        }
    },
};
const SELECTOR_KINDS = new Set([
    'Deployment',
    'ReplicaSet',
    'StatefulSet',
    'DaemonSet',
    'Rollout',
    'ReplicationController',
    'DeploymentConfig',
    'Job',
]);
const selectorMismatch = {
    meta: {
        id: 'selector-mismatch',
        title: 'Selector does not match the pod template labels',
        severity: 'high',
        enabledByDefault: true,
        category: 'availability',
        rationale: 'A workload whose selector does not match its own pod template labels is rejected by the API server, or (for older APIs and CRDs) never finds its pods: the rollout fails.',
        remediation: 'Make `spec.selector` match labels that `spec.template.metadata.labels` carries.',
        example: 'spec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }',
        references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector'],
    },
    *check(obj) {
        if (!SELECTOR_KINDS.has(obj.ref.kind))
            return;
        const t = (0,podspec/* podTemplates */.R7)(obj)[0];
        if (!t)
            return;
        const sel = (0,podspec/* get */.Jt)(obj.data, ['spec', 'selector']);
        if (sel === undefined || sel === null)
            return;
        if (obj.ref.kind === 'Job' && (0,podspec/* get */.Jt)(obj.data, ['spec', 'manualSelector']) !== true)
            return;
        const labels = labelsOf(t.metadata.labels);
        if (isEmptySelector(sel)) {
            yield { path: ['spec', 'selector'], message: `${obj.ref.kind} has an empty selector` };
            return;
        }
        if (!(0,podspec/* isObj */.sA)(sel) || !matchesSelector(sel, labels)) {
            yield {
                path: ['spec', 'selector'],
                message: `${obj.ref.kind} selector does not match its pod template labels (${Object.entries(labels)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(', ') || 'none'})`,
            };
        }
    },
};
const jobTtl = {
    meta: {
        id: 'job-ttl',
        title: 'Job without ttlSecondsAfterFinished',
        severity: 'low',
        enabledByDefault: false,
        category: 'availability',
        rationale: 'Finished Jobs and their pods stay in the cluster forever unless cleaned up, filling etcd and cluttering the namespace.',
        remediation: 'Set `spec.ttlSecondsAfterFinished` (CronJobs clean up through their history limits instead).',
        example: 'spec:\n  ttlSecondsAfterFinished: 3600',
        references: ['https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/'],
    },
    *check(obj) {
        if (obj.ref.kind !== 'Job')
            return;
        if ((0,podspec/* get */.Jt)(obj.data, ['spec', 'ttlSecondsAfterFinished']) !== undefined)
            return;
        yield {
            path: ['spec', 'ttlSecondsAfterFinished'],
            message: 'Job has no ttlSecondsAfterFinished: it stays after finishing',
        };
    },
};
const nakedPod = {
    meta: {
        id: 'naked-pod',
        title: 'Pod without a controller',
        severity: 'low',
        enabledByDefault: true,
        category: 'availability',
        rationale: 'A bare Pod is not rescheduled when its node fails or is drained, and cannot be rolled out or scaled.',
        remediation: 'Run it through a Deployment, StatefulSet, DaemonSet or Job.',
        example: 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [...]',
        references: [
            'https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs',
        ],
    },
    *check(obj) {
        if (obj.ref.kind !== 'Pod' || obj.ref.apiVersion !== 'v1')
            return;
        const owners = (0,podspec/* get */.Jt)(obj.data, ['metadata', 'ownerReferences']);
        if (Array.isArray(owners) && owners.length)
            return;
        yield {
            path: ['kind'],
            message: 'Pod is not managed by a controller: it is not rescheduled when its node goes away',
        };
    },
};
const rolloutStrategy = {
    meta: {
        id: 'rollout-strategy',
        title: 'Deployment strategy allows full unavailability',
        severity: 'low',
        enabledByDefault: false,
        category: 'availability',
        rationale: 'The Recreate strategy, or a RollingUpdate whose maxUnavailable covers every replica, takes all pods down during each rollout.',
        remediation: 'Use `RollingUpdate` with a `maxUnavailable` below the replica count (e.g. 25% or 1).',
        example: 'strategy:\n  type: RollingUpdate\n  rollingUpdate: { maxUnavailable: 0, maxSurge: 1 }',
        references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy'],
    },
    *checkAll(ctx) {
        for (const w of inventory(ctx).workloads) {
            if (w.kind !== 'Deployment')
                continue;
            const s = (0,podspec/* get */.Jt)(w.obj.data, ['spec', 'strategy']);
            if (!(0,podspec/* isObj */.sA)(s))
                continue;
            if (s.type === 'Recreate') {
                yield {
                    object: w.obj,
                    path: ['spec', 'strategy', 'type'],
                    message: 'Deployment uses the Recreate strategy: every rollout stops all pods first',
                };
                continue;
            }
            const ru = s.rollingUpdate;
            if (!(0,podspec/* isObj */.sA)(ru))
                continue;
            const mu = ru.maxUnavailable;
            const replicas = replicaRange(w).min;
            const n = (0,podspec/* numOf */.og)(mu);
            const p = pct(mu);
            if ((n !== undefined && n >= replicas && replicas > 0) || (p !== undefined && p >= 100)) {
                yield {
                    object: w.obj,
                    path: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'],
                    message: `maxUnavailable ${String(mu)} allows all ${replicas} replica${replicas === 1 ? '' : 's'} to be down during a rollout`,
                };
            }
        }
    },
};
const priorityClass = {
    meta: {
        id: 'priority-class',
        title: 'priorityClassName missing or not allowed',
        severity: 'low',
        enabledByDefault: false,
        category: 'availability',
        rationale: 'Without a priority class every pod has the same priority: under resource pressure the scheduler may preempt critical workloads for unimportant ones.',
        remediation: 'Set `priorityClassName` to one of your PriorityClasses (option `allowed`, when configured).',
        example: 'spec:\n  template:\n    spec:\n      priorityClassName: business-critical',
        references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/'],
        options: {
            allowed: {
                type: 'string[]',
                description: 'Allowed priority class names; any name is accepted while empty.',
                default: [],
            },
        },
    },
    *check(obj, ctx) {
        if ((0,crd_templates/* isPodSpecFragment */.dp)(obj))
            return;
        const allowed = Array.isArray(ctx.options.allowed)
            ? ctx.options.allowed.filter((x) => typeof x === 'string')
            : [];
        for (const t of (0,podspec/* podTemplates */.R7)(obj)) {
            const pc = t.spec.priorityClassName;
            if (typeof pc !== 'string' || pc === '') {
                yield { path: [...t.specPath, 'priorityClassName'], message: 'pod has no priorityClassName' };
            }
            else if (allowed.length && !allowed.includes(pc)) {
                yield {
                    path: [...t.specPath, 'priorityClassName'],
                    message: `priorityClassName "${pc}" is not one of the allowed classes (${allowed.join(', ')})`,
                };
            }
        }
    },
};
const WHEN_UNSATISFIABLE = new Set(['DoNotSchedule', 'ScheduleAnyway']);
const topologySpreadInvalid = {
    meta: {
        id: 'topology-spread-invalid',
        title: 'Invalid topology spread constraint',
        severity: 'low',
        enabledByDefault: true,
        category: 'availability',
        rationale: "A topologySpreadConstraint whose labelSelector matches none of the pods (typically not even the workload's own) counts nothing and spreads nothing; a malformed one is rejected by the API server.",
        remediation: "Give every constraint `maxSkew` ≥ 1, a `topologyKey`, `whenUnsatisfiable` (DoNotSchedule or ScheduleAnyway) and a `labelSelector` matching the pod's own labels.",
        example: 'topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: ScheduleAnyway\n  labelSelector:\n    matchLabels: { app: web }',
        references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/'],
    },
    *check(obj, ctx) {
        for (const t of (0,podspec/* podTemplates */.R7)(obj)) {
            const list = t.spec.topologySpreadConstraints;
            if (!Array.isArray(list))
                continue;
            const own = labelsOf(t.metadata.labels);
            for (let i = 0; i < list.length; i++) {
                const c = list[i];
                const base = [...t.specPath, 'topologySpreadConstraints', i];
                if (!(0,podspec/* isObj */.sA)(c)) {
                    yield { path: base, message: 'topology spread constraint is not an object' };
                    continue;
                }
                const skew = (0,podspec/* numOf */.og)(c.maxSkew);
                if (skew === undefined || skew < 1)
                    yield { path: [...base, 'maxSkew'], message: 'topology spread constraint needs maxSkew ≥ 1' };
                if (typeof c.topologyKey !== 'string' || c.topologyKey === '')
                    yield { path: [...base, 'topologyKey'], message: 'topology spread constraint has no topologyKey' };
                if (typeof c.whenUnsatisfiable !== 'string' || !WHEN_UNSATISFIABLE.has(c.whenUnsatisfiable))
                    yield {
                        path: [...base, 'whenUnsatisfiable'],
                        message: 'whenUnsatisfiable must be DoNotSchedule or ScheduleAnyway',
                    };
                const sel = c.labelSelector;
                if (!(0,podspec/* isObj */.sA)(sel)) {
                    yield {
                        path: [...base, 'labelSelector'],
                        message: 'topology spread constraint has no labelSelector: it counts no pods',
                    };
                    continue;
                }
                if (matchesSelector(sel, own))
                    continue;
                // matchLabelKeys adds the pod's own values for these keys: judge on the selector alone
                if (inventory(ctx).workloadsSelectedBy(sel, obj.ref.namespace).length)
                    continue;
                yield {
                    path: [...base, 'labelSelector'],
                    message: 'topology spread labelSelector matches neither this pod template nor any workload in the scanned set',
                };
            }
        }
    },
};
const cronjobConfig = {
    meta: {
        id: 'cronjob-config',
        title: 'CronJob misconfigured',
        severity: 'low',
        enabledByDefault: true,
        category: 'availability',
        rationale: 'Without `startingDeadlineSeconds`, a CronJob controller that missed more than 100 schedules (after downtime) stops scheduling the job altogether; a Job pod template must use restartPolicy OnFailure or Never (Always, and unset, are rejected).',
        remediation: 'Set `spec.startingDeadlineSeconds` and `spec.jobTemplate.spec.template.spec.restartPolicy: OnFailure` (or Never).',
        example: 'spec:\n  schedule: "*/15 * * * *"\n  startingDeadlineSeconds: 300\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure',
        references: ['https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#job-creation'],
    },
    *check(obj) {
        if (obj.ref.kind !== 'CronJob')
            return;
        if ((0,podspec/* numOf */.og)((0,podspec/* get */.Jt)(obj.data, ['spec', 'startingDeadlineSeconds'])) === undefined)
            yield { path: ['spec', 'startingDeadlineSeconds'], message: 'CronJob has no startingDeadlineSeconds' };
        const rpPath = ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'restartPolicy'];
        const rp = (0,podspec/* get */.Jt)(obj.data, rpPath);
        if (rp !== 'OnFailure' && rp !== 'Never')
            yield {
                path: rpPath,
                message: rp === undefined
                    ? 'CronJob pod template has no restartPolicy (defaults to Always, which Jobs reject): use OnFailure or Never'
                    : `CronJob pod template restartPolicy "${String(rp)}" is invalid for Jobs: use OnFailure or Never`,
            };
    },
};
const statefulsetServiceName = {
    meta: {
        id: 'statefulset-service-name',
        title: 'StatefulSet serviceName is not a headless Service',
        severity: 'low',
        enabledByDefault: true,
        category: 'availability',
        rationale: "A StatefulSet's pods get stable DNS names only through the headless Service named in `serviceName` that selects them; without it peers cannot find each other.",
        remediation: 'Set `spec.serviceName` to a Service with `clusterIP: None` whose selector matches the pod labels.',
        example: 'apiVersion: v1\nkind: Service\nmetadata: { name: db }\nspec:\n  clusterIP: None\n  selector: { app: db }\n  ports: [{ port: 5432 }]',
        references: ['https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id'],
    },
    *checkAll(ctx) {
        const inv = inventory(ctx);
        for (const w of inv.workloads) {
            if (w.kind !== 'StatefulSet')
                continue;
            const sn = (0,podspec/* get */.Jt)(w.obj.data, ['spec', 'serviceName']);
            if (typeof sn !== 'string' || sn === '') {
                yield { object: w.obj, path: ['spec', 'serviceName'], message: 'StatefulSet has no serviceName' };
                continue;
            }
            const svcs = inv.find('Service', sn, w.namespace).filter((s) => s.ref.apiVersion === 'v1');
            if (!svcs.length) {
                yield {
                    object: w.obj,
                    path: ['spec', 'serviceName'],
                    message: `Service "${sn}" is not in the scanned set (it may be outside the scanned set)`,
                };
                continue;
            }
            const headless = svcs.filter((s) => (0,podspec/* get */.Jt)(s.data, ['spec', 'clusterIP']) === 'None');
            if (!headless.length) {
                yield {
                    object: w.obj,
                    path: ['spec', 'serviceName'],
                    message: `Service "${sn}" is not headless (clusterIP: None)`,
                };
                continue;
            }
            if (!headless.some((s) => matchesSelector((0,podspec/* get */.Jt)(s.data, ['spec', 'selector']), w.podLabels))) {
                yield {
                    object: w.obj,
                    path: ['spec', 'serviceName'],
                    message: `headless Service "${sn}" does not select this StatefulSet's pods`,
                };
            }
        }
    },
};
const resources_rules = [
    cpuRequests,
    memoryRequests,
    cpuLimits,
    memoryLimits,
    resourceBounds,
    ephemeralStorage,
    livenessProbe,
    readinessProbe,
    probesIdentical,
    probePort,
    replicasMinimum,
    antiAffinity,
    pdbMissing,
    pdbBlocksEviction,
    pdbPolicy,
    hpaDangling,
    hpaReplicasConflict,
    selectorMismatch,
    jobTtl,
    nakedPod,
    rolloutStrategy,
    priorityClass,
    requestsEqualLimits,
    topologySpreadInvalid,
    cronjobConfig,
    statefulsetServiceName,
];

;// CONCATENATED MODULE: ./src/core/rules/service-accounts.ts



const SA_DOC = 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/';
/** Pod templates that are full pod specs (not Argo Workflows fragments). */
function podSpecs(obj) {
    return (0,crd_templates/* isPodSpecFragment */.dp)(obj) ? [] : (0,podspec/* podTemplates */.R7)(obj);
}
/** The service account a pod template runs as, and where it is set. */
function serviceAccountOf(t) {
    const san = t.spec.serviceAccountName;
    if (typeof san === 'string' && san !== '')
        return { name: san, path: [...t.specPath, 'serviceAccountName'], explicit: true };
    const sa = t.spec.serviceAccount;
    if (typeof sa === 'string' && sa !== '')
        return { name: sa, path: [...t.specPath, 'serviceAccount'], explicit: true };
    return { name: 'default', path: [...t.specPath, 'serviceAccountName'], explicit: false };
}
/** ServiceAccount name -> namespaces of RoleBinding/ClusterRoleBinding subjects naming it. */
function boundServiceAccounts(ctx) {
    return ctx.memo('service-accounts:bound', () => {
        const inv = inventory(ctx);
        const m = new Map();
        for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
            for (const b of inv.byKind(kind)) {
                const subjects = b.data.subjects;
                if (!Array.isArray(subjects))
                    continue;
                for (const s of subjects) {
                    if (!(0,podspec/* isObj */.sA)(s) || s.kind !== 'ServiceAccount' || typeof s.name !== 'string')
                        continue;
                    const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : b.ref.namespace;
                    let l = m.get(s.name);
                    if (!l)
                        m.set(s.name, (l = []));
                    l.push(ns);
                }
            }
        }
        return m;
    });
}
const automountServiceAccountToken = {
    meta: {
        id: 'automount-service-account-token',
        title: 'Service account token automounted but not needed',
        severity: 'medium',
        enabledByDefault: true,
        category: 'service-accounts',
        cis: '5.1.6',
        rationale: "Every pod gets its service account's API token mounted unless told otherwise. A pod that does not talk to the Kubernetes API gains nothing from it, but an attacker who compromises the pod gets a credential to the API server.",
        remediation: 'Set `automountServiceAccountToken: false` on the pod (or on its ServiceAccount). Pods that need the API should use a dedicated ServiceAccount bound to a minimal Role. The rule treats the token as needed when a RoleBinding or ClusterRoleBinding in the scanned set grants the service account something.',
        example: 'spec:\n  serviceAccountName: web\n  automountServiceAccountToken: false',
        references: [
            `${SA_DOC}#opt-out-of-api-credential-automounting`,
            'https://kubernetes.io/docs/concepts/security/service-accounts/',
        ],
    },
    *check(obj, ctx) {
        const ts = podSpecs(obj);
        if (!ts.length)
            return;
        const inv = inventory(ctx);
        const bound = boundServiceAccounts(ctx);
        for (const t of ts) {
            const path = [...t.specPath, 'automountServiceAccountToken'];
            const podValue = (0,podspec/* boolOf */.Ul)(t.spec.automountServiceAccountToken);
            if (podValue === false)
                continue;
            const sa = serviceAccountOf(t);
            const saObjs = inv.find('ServiceAccount', sa.name, obj.ref.namespace);
            if (podValue === undefined) {
                if (saObjs.length && saObjs.every((s) => (0,podspec/* boolOf */.Ul)(s.data.automountServiceAccountToken) === false))
                    continue;
                // A named service account outside the set: we cannot tell how it is configured.
                if (sa.name !== 'default' && !saObjs.length)
                    continue;
            }
            if ((bound.get(sa.name) ?? []).some((ns) => sameNamespace(ns, obj.ref.namespace)))
                continue;
            yield {
                path,
                message: `pod automounts the API token of ServiceAccount "${sa.name}"${podValue === true ? ' (automountServiceAccountToken: true)' : ''}, and no RoleBinding or ClusterRoleBinding in the scanned set grants it anything`,
                fix: { description: 'set automountServiceAccountToken: false', set: [{ path, value: false }] },
            };
        }
    },
};
const defaultServiceAccount = {
    meta: {
        id: 'default-service-account',
        title: 'Pod runs as the default service account',
        severity: 'medium',
        enabledByDefault: true,
        category: 'service-accounts',
        cis: '5.1.5',
        rationale: 'The `default` ServiceAccount is shared by every pod in the namespace that names no other: any permission granted to it (often by a careless binding) is granted to all of them, and its token cannot be scoped to one workload.',
        remediation: 'Create a dedicated ServiceAccount per workload and set `serviceAccountName`; leave `default` without permissions.',
        example: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: web }\nautomountServiceAccountToken: false\n---\n# in the pod spec\nserviceAccountName: web',
        references: [SA_DOC],
    },
    *check(obj) {
        for (const t of podSpecs(obj)) {
            const sa = serviceAccountOf(t);
            if (sa.name !== 'default')
                continue;
            yield {
                path: sa.path,
                message: sa.explicit
                    ? 'pod runs as the "default" ServiceAccount'
                    : 'pod sets no serviceAccountName, so it runs as "default"',
            };
        }
    },
};
const deprecatedServiceAccountField = {
    meta: {
        id: 'deprecated-service-account-field',
        title: 'Deprecated serviceAccount field',
        severity: 'low',
        enabledByDefault: true,
        category: 'service-accounts',
        rationale: '`spec.serviceAccount` is a deprecated alias of `serviceAccountName`. When both are set and differ, which one wins surprises people; tools that read only `serviceAccountName` misjudge the pod.',
        remediation: 'Replace `serviceAccount` with `serviceAccountName`.',
        example: 'spec:\n  serviceAccountName: web',
        references: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security'],
    },
    *check(obj) {
        for (const t of podSpecs(obj)) {
            const sa = t.spec.serviceAccount;
            if (sa === undefined || sa === null)
                continue;
            const path = [...t.specPath, 'serviceAccount'];
            const san = t.spec.serviceAccountName;
            yield {
                path,
                message: typeof san === 'string' && san !== '' && san !== sa
                    ? `pod sets the deprecated serviceAccount "${String(sa)}", which differs from serviceAccountName "${san}"`
                    : `pod uses the deprecated serviceAccount field; use serviceAccountName`,
                ...(typeof sa === 'string' && (san === undefined || san === sa)
                    ? {
                        fix: {
                            description: 'rename serviceAccount to serviceAccountName',
                            set: [{ path: [...t.specPath, 'serviceAccountName'], value: sa }],
                            remove: [path],
                        },
                    }
                    : {}),
            };
        }
    },
};
const missingServiceAccount = {
    meta: {
        id: 'missing-service-account',
        title: 'ServiceAccount not in the set',
        severity: 'low',
        enabledByDefault: true,
        category: 'service-accounts',
        rationale: 'A pod that names a ServiceAccount that does not exist is not created (the ReplicaSet keeps failing). When manifests are applied together, a missing ServiceAccount is usually a typo or a forgotten file.',
        remediation: 'Add the ServiceAccount to the manifests, fix the name, or ignore the finding when the account is created elsewhere.',
        example: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop',
        references: [SA_DOC],
    },
    *check(obj, ctx) {
        const ts = podSpecs(obj);
        if (!ts.length)
            return;
        const inv = inventory(ctx);
        for (const t of ts) {
            const sa = serviceAccountOf(t);
            if (sa.name === 'default' || isPlaceholder(sa.name))
                continue;
            if (inv.find('ServiceAccount', sa.name, obj.ref.namespace).length)
                continue;
            yield {
                path: sa.path,
                message: `ServiceAccount "${sa.name}" is not in the scanned set (it may be outside the scanned set)`,
            };
        }
    },
};
const secretEnvReference = {
    meta: {
        id: 'secret-env-reference',
        title: 'Secret consumed as an environment variable',
        severity: 'low',
        enabledByDefault: true,
        category: 'configuration',
        cis: '5.4.1',
        rationale: 'Environment variables leak: they are inherited by child processes, printed by crash handlers and debug endpoints, visible in `/proc/<pid>/environ`, and often logged. Secrets mounted as files do not, and can be rotated without a restart.',
        remediation: 'Mount the Secret as a volume (`readOnly: true`) and read it from the file.',
        example: 'volumes:\n- name: db\n  secret: { secretName: db-credentials }\ncontainers:\n- name: app\n  volumeMounts:\n  - { name: db, mountPath: /var/run/secrets/db, readOnly: true }',
        references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod'],
    },
    *check(obj) {
        for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
            const env = c.container.env;
            if (Array.isArray(env))
                for (let i = 0; i < env.length; i++) {
                    const ref = (0,podspec/* get */.Jt)(env[i], ['valueFrom', 'secretKeyRef']);
                    if (!(0,podspec/* isObj */.sA)(ref))
                        continue;
                    const name = (0,podspec/* get */.Jt)(env[i], ['name']);
                    yield {
                        path: [...c.path, 'env', i, 'valueFrom', 'secretKeyRef'],
                        message: `${c.type} "${c.name}" reads Secret "${String(ref.name ?? '')}" into env var ${String(name ?? '')}`,
                    };
                }
            const envFrom = c.container.envFrom;
            if (Array.isArray(envFrom))
                for (let i = 0; i < envFrom.length; i++) {
                    const ref = (0,podspec/* get */.Jt)(envFrom[i], ['secretRef']);
                    if (!(0,podspec/* isObj */.sA)(ref))
                        continue;
                    yield {
                        path: [...c.path, 'envFrom', i, 'secretRef'],
                        message: `${c.type} "${c.name}" loads every key of Secret "${String(ref.name ?? '')}" as env vars`,
                    };
                }
        }
    },
};
function collectReferences(obj) {
    const out = [];
    const add = (kind, ref, nameField, path, keysField) => {
        if (!(0,podspec/* isObj */.sA)(ref) || typeof ref[nameField] !== 'string' || ref[nameField] === '')
            return;
        const keys = [];
        if (keysField === 'key' && typeof ref.key === 'string')
            keys.push({ key: ref.key, path: [...path, 'key'] });
        if (keysField === 'items' && Array.isArray(ref.items))
            ref.items.forEach((it, i) => {
                if ((0,podspec/* isObj */.sA)(it) && typeof it.key === 'string')
                    keys.push({ key: it.key, path: [...path, 'items', i, 'key'] });
            });
        out.push({
            kind,
            name: ref[nameField],
            keys,
            path: [...path, nameField],
            optional: (0,podspec/* boolOf */.Ul)(ref.optional) === true,
        });
    };
    const fragment = (0,crd_templates/* isPodSpecFragment */.dp)(obj);
    for (const t of (0,podspec/* podTemplates */.R7)(obj)) {
        for (const c of (0,podspec/* containersOf */.Mz)(t)) {
            const env = c.container.env;
            if (Array.isArray(env))
                env.forEach((e, i) => {
                    const base = [...c.path, 'env', i, 'valueFrom'];
                    add('Secret', (0,podspec/* get */.Jt)(e, ['valueFrom', 'secretKeyRef']), 'name', [...base, 'secretKeyRef'], 'key');
                    add('ConfigMap', (0,podspec/* get */.Jt)(e, ['valueFrom', 'configMapKeyRef']), 'name', [...base, 'configMapKeyRef'], 'key');
                });
            const envFrom = c.container.envFrom;
            if (Array.isArray(envFrom))
                envFrom.forEach((e, i) => {
                    const base = [...c.path, 'envFrom', i];
                    add('Secret', (0,podspec/* get */.Jt)(e, ['secretRef']), 'name', [...base, 'secretRef']);
                    add('ConfigMap', (0,podspec/* get */.Jt)(e, ['configMapRef']), 'name', [...base, 'configMapRef']);
                });
        }
        if (fragment)
            continue;
        const vols = t.spec.volumes;
        if (!Array.isArray(vols))
            continue;
        vols.forEach((v, i) => {
            if (!(0,podspec/* isObj */.sA)(v))
                return;
            const base = [...t.specPath, 'volumes', i];
            add('Secret', v.secret, 'secretName', [...base, 'secret'], 'items');
            add('ConfigMap', v.configMap, 'name', [...base, 'configMap'], 'items');
            const sources = (0,podspec/* get */.Jt)(v, ['projected', 'sources']);
            if (Array.isArray(sources))
                sources.forEach((s, j) => {
                    const sb = [...base, 'projected', 'sources', j];
                    add('Secret', (0,podspec/* get */.Jt)(s, ['secret']), 'name', [...sb, 'secret'], 'items');
                    add('ConfigMap', (0,podspec/* get */.Jt)(s, ['configMap']), 'name', [...sb, 'configMap'], 'items');
                });
        });
    }
    return out;
}
/** Names of Secrets that other objects in the set create (cert-manager, SealedSecrets, ExternalSecrets). */
function generatedSecrets(ctx) {
    return ctx.memo('service-accounts:generated-secrets', () => {
        const inv = inventory(ctx);
        const m = new Map();
        const add = (name, ns) => {
            if (typeof name !== 'string' || !name)
                return;
            let l = m.get(name);
            if (!l)
                m.set(name, (l = []));
            l.push(ns);
        };
        for (const c of inv.byKind('Certificate'))
            add((0,podspec/* get */.Jt)(c.data, ['spec', 'secretName']), c.ref.namespace);
        for (const s of inv.byKind('SealedSecret'))
            add((0,podspec/* get */.Jt)(s.data, ['spec', 'template', 'metadata', 'name']) ?? s.ref.name, s.ref.namespace);
        for (const s of inv.byKind('ExternalSecret'))
            add((0,podspec/* get */.Jt)(s.data, ['spec', 'target', 'name']) ?? s.ref.name, s.ref.namespace);
        return m;
    });
}
function keysOf(o) {
    const keys = new Set();
    for (const f of ['data', 'stringData', 'binaryData']) {
        const d = o.data[f];
        if ((0,podspec/* isObj */.sA)(d))
            for (const k of Object.keys(d))
                keys.add(k);
    }
    return keys;
}
/** ConfigMaps Kubernetes creates in every namespace. */
const BUILTIN_CONFIGMAPS = new Set(['kube-root-ca.crt']);
const danglingReference = {
    meta: {
        id: 'dangling-reference',
        title: 'Reference to a missing Secret or ConfigMap',
        severity: 'low',
        enabledByDefault: true,
        category: 'configuration',
        rationale: 'A pod that references a Secret or ConfigMap (or a key in one) that does not exist does not start (CreateContainerConfigError, or a volume that never mounts), unless the reference is optional.',
        remediation: 'Add the missing object or key, fix the name, or mark the reference `optional: true` when the pod can run without it. Ignore the finding when the object is created outside these manifests.',
        example: 'envFrom:\n- configMapRef:\n    name: web-config\n    optional: true',
        references: [
            'https://kubernetes.io/docs/concepts/configuration/secret/',
            'https://kubernetes.io/docs/concepts/configuration/configmap/',
        ],
    },
    *check(obj, ctx) {
        const refs = collectReferences(obj);
        if (!refs.length)
            return;
        const inv = inventory(ctx);
        const generated = generatedSecrets(ctx);
        // live verification lists Secrets only when asked (least privilege): a kind that was not
        // listed at all says nothing about whether a reference dangles
        const listed = ctx.memo('dangling-reference:listedKinds', () => new Set(ctx.objects.map((o) => o.ref.kind)));
        for (const r of refs) {
            if (r.optional || isPlaceholder(r.name))
                continue;
            if (ctx.mode === 'live' && !listed.has(r.kind))
                continue;
            if (r.kind === 'ConfigMap' && BUILTIN_CONFIGMAPS.has(r.name))
                continue;
            const found = inv.find(r.kind, r.name, obj.ref.namespace);
            if (!found.length) {
                if (r.kind === 'Secret' && (generated.get(r.name) ?? []).some((ns) => sameNamespace(ns, obj.ref.namespace)))
                    continue;
                yield {
                    path: r.path,
                    message: `${r.kind} "${r.name}" is not in the scanned set (it may be outside the scanned set)`,
                };
                continue;
            }
            if (!r.keys.length)
                continue;
            const keys = new Set();
            for (const f of found)
                for (const k of keysOf(f))
                    keys.add(k);
            for (const k of r.keys) {
                if (keys.has(k.key))
                    continue;
                yield { path: k.path, message: `${r.kind} "${r.name}" has no key "${k.key}"` };
            }
        }
    },
};
const duplicateEnv = {
    meta: {
        id: 'duplicate-env',
        title: 'Duplicate environment variable',
        severity: 'low',
        enabledByDefault: true,
        category: 'configuration',
        rationale: 'When a container lists the same env name twice, the last one silently wins; `kubectl apply` merges such lists unpredictably. It is almost always a copy-paste mistake.',
        remediation: 'Keep one entry per name.',
        example: 'env:\n- { name: LOG_LEVEL, value: info }',
        references: ['https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/'],
    },
    *check(obj) {
        for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
            const env = c.container.env;
            if (!Array.isArray(env))
                continue;
            const seen = new Map();
            env.forEach((e, i) => {
                const n = (0,podspec/* get */.Jt)(e, ['name']);
                if (typeof n !== 'string')
                    return;
                if (!seen.has(n))
                    seen.set(n, i);
            });
            for (let i = 0; i < env.length; i++) {
                const n = (0,podspec/* get */.Jt)(env[i], ['name']);
                if (typeof n !== 'string')
                    continue;
                const first = seen.get(n);
                if (first === i)
                    continue;
                yield {
                    path: [...c.path, 'env', i, 'name'],
                    message: `${c.type} "${c.name}" sets env var ${n} again (first at env[${first}]); the last one wins`,
                };
            }
        }
    },
};
const service_accounts_rules = [
    automountServiceAccountToken,
    defaultServiceAccount,
    deprecatedServiceAccountField,
    missingServiceAccount,
    secretEnvReference,
    danglingReference,
    duplicateEnv,
];

;// CONCATENATED MODULE: ./src/core/secrets/names.ts
/**
 * Does a key name (env var, ConfigMap key, annotation, Secret key, CLI flag) say it holds a secret?
 * Word-boundary aware: `DB_PASSWORD`, `apiKey`, `client-secret` are secret names; `TOKEN_URL`,
 * `PASSWORD_FILE`, `SECRET_NAME`, `*_PATH`, `*_REF`, `AUTH_ENABLED` are not.
 */
/** Splits `dbPassword`, `DB_PASSWORD`, `db-password`, `a.b/c` into lower-case words. */
function words(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
}
/** Single words that name a secret by themselves. */
const STRONG = {
    password: 'password',
    passwd: 'password',
    pwd: 'password',
    pass: 'password',
    passphrase: 'passphrase',
    passcode: 'password',
    secret: 'secret',
    secrets: 'secret',
    token: 'token',
    tokens: 'token',
    apikey: 'API key',
    apitoken: 'API token',
    credentials: 'credentials',
    credential: 'credentials',
    creds: 'credentials',
    privatekey: 'private key',
    secretkey: 'secret key',
    accesskey: 'access key',
    clientsecret: 'client secret',
    authtoken: 'token',
    bearer: 'token',
    dsn: 'connection string',
    connectionstring: 'connection string',
    connstr: 'connection string',
    htpasswd: 'password',
    requirepass: 'password',
    masterauth: 'password',
    masterpassword: 'password',
    kubeconfig: 'kubeconfig',
};
/** Words that make a following `key` a secret: api key, private key, signing key ... */
const KEY_QUALIFIERS = new Set([
    'api',
    'private',
    'secret',
    'access',
    'signing',
    'sign',
    'encryption',
    'encrypt',
    'master',
    'session',
    'auth',
    'ssh',
    'client',
    'app',
    'hmac',
    'jwt',
    'crypt',
    'cipher',
    'aes',
    'rsa',
    'account',
    'storage',
    'license',
    'service',
    'subscription',
    'shared',
    'webhook',
    'cookie',
]);
/** Words that, following the secret word, turn the name into a reference or a setting. */
const ALLOWED_AFTER = new Set([
    'key',
    'value',
    'data',
    'string',
    'str',
    'b64',
    'base64',
    'plain',
    'plaintext',
    'raw',
    'text',
    'secret',
    'token',
    'password',
    'pass',
    'pwd',
    'v1',
    'v2',
    'v3',
    'old',
    'new',
    'current',
    'previous',
    'prev',
    'primary',
    'secondary',
    'admin',
    'root',
    'base',
    'hash', // handled below: hashes are not secrets
]);
/** Names that end in these words hold something else: a hash, a reference, a setting. */
const NOT_SECRET_TAIL = new Set([
    'hash',
    'sha',
    'sha1',
    'sha256',
    'sha512',
    'md5',
    'checksum',
    'digest',
    'hashed',
    'bcrypt',
]);
/** Whole names that look secret but are conventional non-secrets. */
const EXCEPTIONS = new Set(['pwd', 'oldpwd', 'key', 'keys', 'public key', 'publickey']);
const nameCache = new Map();
/** What a key name says about its value (cached: the same names recur across manifests). */
function secretName(name) {
    if (nameCache.has(name))
        return nameCache.get(name);
    const r = judgeName(name);
    if (nameCache.size > 50000)
        nameCache.clear();
    nameCache.set(name, r);
    return r;
}
function judgeName(name) {
    const w = words(name);
    if (!w.length)
        return undefined;
    if (EXCEPTIONS.has(w.join(' ')))
        return w.join(' ') === 'key' || w.join(' ') === 'keys' ? { strength: 'weak', what: 'key' } : undefined;
    if (NOT_SECRET_TAIL.has(w[w.length - 1]))
        return undefined;
    if (w.includes('public') || w.includes('pub'))
        return undefined;
    // find the last secret word; everything after it must be allowed continuation
    let found;
    let at = -1;
    for (let i = 0; i < w.length; i++) {
        const cur = w[i];
        const joined = i + 1 < w.length ? cur + w[i + 1] : '';
        if (STRONG[joined]) {
            found = { strength: 'strong', what: STRONG[joined] };
            at = i + 1;
            i++;
        }
        else if (STRONG[cur]) {
            found = { strength: 'strong', what: STRONG[cur] };
            at = i;
        }
        else if (cur === 'key' && i > 0 && KEY_QUALIFIERS.has(w[i - 1])) {
            found = { strength: 'strong', what: w[i - 1] === 'api' ? 'API key' : `${w[i - 1]} key` };
            at = i;
        }
        else if (cur === 'auth' ||
            cur === 'authorization' ||
            cur === 'key' ||
            cur === 'pat' ||
            cur === 'sig' ||
            cur === 'signature') {
            found = {
                strength: 'weak',
                what: cur === 'key'
                    ? 'key'
                    : cur === 'pat'
                        ? 'token'
                        : cur === 'sig' || cur === 'signature'
                            ? 'signature'
                            : 'credentials',
            };
            at = i;
        }
    }
    if (found && found.what === 'access key' && w.includes('secret'))
        found = { ...found, what: 'secret access key' };
    if (!found) {
        // concatenated names: azurestorageaccountkey, dbpassword, apitoken
        const last = w[w.length - 1];
        const m = /(password|passwd|secret|token|apikey|accesskey|secretkey|privatekey)$/.exec(last);
        if (m && last !== m[1])
            return { strength: 'strong', what: STRONG[m[1]] ?? m[1] };
        if (last.endsWith('key') && last.length > 6 && !/(monkey|hockey|turkey|jockey|donkey)$/.test(last))
            return { strength: 'weak', what: 'key' };
        return undefined;
    }
    for (let j = at + 1; j < w.length; j++) {
        if (!ALLOWED_AFTER.has(w[j]) && !/^\d+$/.test(w[j]))
            return undefined;
    }
    return found;
}

;// CONCATENATED MODULE: ./src/core/secrets/text.ts
/**
 * Value heuristics shared by the detectors: entropy by charset, placeholders, and values that look
 * like secrets but are not (paths, URLs without credentials, UUIDs, digests, checksums, certificates).
 */
/** Shannon entropy in bits per character. */
function shannonEntropy(s) {
    if (!s)
        return 0;
    const counts = new Map();
    for (const ch of s)
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const n = s.length;
    let h = 0;
    for (const c of counts.values()) {
        const p = c / n;
        h -= p * Math.log2(p);
    }
    return h;
}
const HEX = /^[0-9a-fA-F]+$/;
const B64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
function charsetOf(s) {
    if (HEX.test(s))
        return 'hex';
    if (B64.test(s))
        return 'base64';
    return 'other';
}
/**
 * Does this single token look randomly generated? Thresholds per charset (as truffleHog and
 * detect-secrets use): hex >= 3.0 bits/char over >= 20 chars, base64 >= 4.2 over >= 20 chars with
 * mixed character classes, other printable >= 4.0 over >= 16 chars with mixed classes.
 */
function looksRandom(s) {
    if (s.length < 16 || /\s/.test(s))
        return false;
    const cs = charsetOf(s);
    const h = shannonEntropy(s);
    const classes = (/[a-z]/.test(s) ? 1 : 0) + (/[A-Z]/.test(s) ? 1 : 0) + (/[0-9]/.test(s) ? 1 : 0);
    if (cs === 'hex')
        return s.length >= 20 && h >= 3.0;
    if (cs === 'base64')
        return s.length >= 20 && classes >= 3 && h >= 4.2;
    return classes >= 2 && h >= 4.0;
}
/** Does this value look like a password someone chose (not a word, path or identifier)? */
function looksLikePassword(s) {
    if (s.length < 6 || /\s/.test(s))
        return false;
    const classes = (/[a-z]/.test(s) ? 1 : 0) +
        (/[A-Z]/.test(s) ? 1 : 0) +
        (/[0-9]/.test(s) ? 1 : 0) +
        (/[^A-Za-z0-9]/.test(s) ? 1 : 0);
    return classes >= 2 || looksRandom(s);
}
const PLACEHOLDER_WORDS = new Set([
    'changeme',
    'change-me',
    'change_me',
    'changeit',
    'replace_me',
    'replaceme',
    'replace-me',
    'todo',
    'tbd',
    'fixme',
    'example',
    'sample',
    'dummy',
    'placeholder',
    'password',
    'passwd',
    'secret',
    'token',
    'apikey',
    'api_key',
    'api-key',
    'key',
    'none',
    'null',
    'nil',
    'undefined',
    'true',
    'false',
    'yes',
    'no',
    'on',
    'off',
    'enabled',
    'disabled',
    'redacted',
    'hidden',
    'masked',
    'required',
    'optional',
    'empty',
    'default',
    'test',
    'foo',
    'bar',
    'foobar',
    'insert_here',
    'your_password',
    'your-password',
    'yourpassword',
    'mypassword',
    'my-password',
    'my_password',
    'secretpassword',
    'mysecret',
    'my-secret',
    'supersecret',
]);
/**
 * Placeholders, templates and references: `changeme`, `<...>`, `${VAR}`, `$(VAR)`, `$VAR`,
 * `{{ .. }}`, `%VAR%`, empty, `REPLACE_ME`, `xxx`, `TODO`, `example`, `true/false`, short numbers.
 */
function text_isPlaceholder(raw) {
    const v = raw.trim().replace(/^["']|["']$/g, '');
    if (v === '')
        return true;
    const lower = v.toLowerCase();
    if (PLACEHOLDER_WORDS.has(lower))
        return true;
    if (/^\d{1,5}$/.test(v))
        return true;
    if (/^(.)\1*$/.test(v))
        return true; // xxxx, ****, ....
    if (/^x{3,}/i.test(v) && /^[x\-_.*]+$/i.test(v))
        return true;
    if (/^<[^<>]*>$/.test(v) || /^\[[^[\]]*\]$/.test(v))
        return true;
    if (/\$\{[^}]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\{\{.*?\}\}|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v))
        return true;
    if (/^\$[A-Za-z_][\w-]*$|^__[A-Za-z0-9_]+__$|^@@[\w-]+@@$/.test(v))
        return true;
    // an environment-variable-like name used as a value (HF_TOKEN: "HF_TOKEN", API_KEY_VAL)
    if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v))
        return true;
    // vendor prefix + upper-case word: nvapi-NVKEY, sk-YOURKEY
    if (/^[a-z]{2,8}[-_][A-Z]{3,}$/.test(v))
        return true;
    if (/^(ref|vault|secret|env|file|awssm|azkv|gcpsm|op|sops|arn):/i.test(v))
        return true;
    if (/change[-_ ]?me|replace[-_ ]?(me|this|with)|^your[-_ ]|^my[-_]?(secret|password|token)|placeholder|(?:^|[-_ ])example(?:[-_ ]|$)|^sample|^dummy|^fake|insert[-_ ]|redacted|^todo|not[-_ ]?set|^none$/i.test(v))
        return true;
    // a base64-encoded placeholder (Secret data, sample configs): "cGFzc3dvcmQ=" is "password"
    if (v.length >= 8 && v.length <= 64 && /^[A-Za-z0-9+/]+={0,2}$/.test(v) && v.length % 4 === 0) {
        const dec = Buffer.from(v, 'base64').toString('utf8');
        if (/^[\x20-\x7e]+$/.test(dec) && dec !== v && text_isPlaceholder(dec))
            return true;
    }
    return false;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGEST = /^(sha256|sha384|sha512|sha1|md5):[0-9a-f]{32,128}$/i;
const IMAGE_WITH_DIGEST = /^[\w.\-/:]+@sha256:[0-9a-f]{64}$/;
const CHECKSUM_HEX = /^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$|^[0-9a-f]{128}$/i;
const PATHLIKE = /^(\/|~\/|\.\.?\/)[^\s]*$|^[A-Za-z]:\\/;
const URL_RE = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i;
const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
/** A value that is code or an expression, not a literal: os.environ["X"], getenv("X"), process.env.X. */
function isExpression(v) {
    return /environ|getenv|process\.env|[([{]$|^\w+\(|\)$/.test(v);
}
function isUuid(v) {
    return UUID.test(v);
}
/** A bare hex checksum or git SHA (md5, sha1, sha256, sha512 lengths). */
function isChecksum(v) {
    return CHECKSUM_HEX.test(v) || DIGEST.test(v);
}
/** A URL with a password in its userinfo: `scheme://user:pass@host`. Returns the password. */
function urlPassword(v) {
    const m = /([a-z][a-z0-9+.-]*):\/\/([^\s/:@"'<>]*):([^\s/@"'<>]+)@[^\s/@"'<>]/i.exec(v);
    if (!m)
        return undefined;
    const pw = m[3];
    if (text_isPlaceholder(pw) || (text_isPlaceholder(m[2] ?? '') && text_isPlaceholder(pw)))
        return undefined;
    return pw;
}
/**
 * Values that are clearly not secrets whatever their key says: paths, URLs without credentials,
 * UUIDs, image digests, checksums, public certificates, booleans and plain numbers.
 */
function isBenignValue(raw) {
    const v = raw.trim();
    if (UUID.test(v) || DIGEST.test(v) || IMAGE_WITH_DIGEST.test(v))
        return true;
    if (/-----BEGIN (CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL|CERTIFICATE REQUEST|NEW CERTIFICATE REQUEST|DH PARAMETERS|EC PARAMETERS|PGP PUBLIC KEY BLOCK|PGP SIGNATURE)-----/.test(v) &&
        !/PRIVATE KEY-----/.test(v))
        return true;
    if (PATHLIKE.test(v))
        return true;
    if (URL_RE.test(v) && urlPassword(v) === undefined)
        return true;
    if (/^-?\d+(\.\d+)?$/.test(v) && v.length < 12)
        return true;
    return false;
}
/** A Kubernetes-style resource name (DNS label/subdomain) that mentions a secret word: a reference, not a value. */
function looksLikeResourceName(v) {
    const parts = v.split('/');
    if (parts.length > 2 || !parts.every((p) => DNS_NAME.test(p)))
        return false;
    return v.length <= 253 && /secret|token|password|passwd|cred|key|auth|cert|tls|ssl/.test(v) && /[-./]/.test(v);
}

;// CONCATENATED MODULE: ./src/core/secrets/patterns.ts
/**
 * Known token formats, matched synchronously over candidate strings. Documented patterns only:
 * each entry names the vendor's format. Matches carry the secret material for redaction; callers
 * never print it.
 */

function b64urlJson(s) {
    try {
        return JSON.parse(Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    }
    catch {
        return undefined;
    }
}
const GITHUB_TYPES = {
    ghp: 'GitHub personal access token',
    gho: 'GitHub OAuth access token',
    ghu: 'GitHub user-to-server token',
    ghs: 'GitHub server-to-server token',
    ghr: 'GitHub refresh token',
};
const TOKEN_PATTERNS = [
    {
        kind: 'private-key',
        label: (m) => `${m[1] ? m[1].trim() + ' ' : ''}private key`,
        // PEM private key blocks (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8, PGP)
        re: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?)PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
        hint: 'PRIVATE KEY',
        accept: (m) => /[A-Za-z0-9+/=]{40}/.test(m[0].replace(/\\n|\s/g, '')),
    },
    {
        kind: 'aws-access-key-id',
        label: 'AWS access key ID',
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
        re: /(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Z0-9])/g,
        group: 1,
        hint: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
        accept: (m) => !/EXAMPLE$/.test(m[1]),
    },
    {
        kind: 'aws-secret-access-key',
        label: 'AWS secret access key',
        re: /aws.{0,20}?secret.{0,20}?["'`]?\s*[:=]\s*["'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
        group: 1,
        hint: ['aws', 'AWS', 'Aws'],
        accept: (m) => looksRandom(m[1]) && !/EXAMPLEKEY$/.test(m[1]),
    },
    {
        kind: 'gcp-service-account',
        label: 'GCP service-account key',
        re: /"type"\s*:\s*"service_account"[\s\S]{0,4000}?"private_key"\s*:\s*"(-----BEGIN[^"]+)"/g,
        group: 1,
        hint: 'service_account',
    },
    {
        kind: 'gcp-api-key',
        label: 'Google API key',
        re: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g,
        group: 1,
        hint: 'AIza',
    },
    {
        kind: 'azure-storage-key',
        label: 'Azure storage account key',
        // DefaultEndpointsProtocol=...;AccountName=...;AccountKey=<88 base64 chars>
        re: /AccountKey\s*=\s*([A-Za-z0-9+/]{86}==)/g,
        group: 1,
        hint: 'AccountKey',
    },
    {
        kind: 'azure-sas',
        label: 'Azure shared access signature',
        re: /(?:SharedAccessKey|sig)=([A-Za-z0-9%+/]{40,}={0,2})/g,
        group: 1,
        hint: ['SharedAccessKey', 'sig='],
        accept: (m) => looksRandom(decodeURIComponent(m[1])),
    },
    {
        kind: 'github-token',
        label: (m) => GITHUB_TYPES[m[1].slice(0, 3)] ?? 'GitHub token',
        // https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
        re: /(?<![A-Za-z0-9_])((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
        group: 1,
        hint: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    },
    {
        kind: 'github-token',
        label: 'GitHub fine-grained personal access token',
        re: /(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
        group: 1,
        hint: 'github_pat_',
    },
    {
        kind: 'gitlab-token',
        label: 'GitLab personal access token',
        re: /(?<![A-Za-z0-9_-])(glpat-[A-Za-z0-9_-]{20,128})(?![A-Za-z0-9_-])/g,
        group: 1,
        hint: 'glpat-',
    },
    {
        kind: 'slack-token',
        label: 'Slack token',
        re: /(?<![A-Za-z0-9-])(xox[baprs]-[0-9A-Za-z-]{10,250})(?![A-Za-z0-9-])/g,
        group: 1,
        hint: 'xox',
        accept: (m) => /\d/.test(m[1]) && m[1].length >= 20,
    },
    {
        kind: 'slack-webhook',
        label: 'Slack incoming webhook URL',
        re: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/(T[A-Z0-9]{6,}\/[A-Z0-9]{6,}\/[A-Za-z0-9]{20,})/g,
        group: 1,
        hint: 'hooks.slack.com',
    },
    {
        kind: 'stripe-key',
        label: (m) => (m[1].includes('_live_') ? 'Stripe live secret key' : 'Stripe test secret key'),
        re: /(?<![A-Za-z0-9_])((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,99})(?![A-Za-z0-9_])/g,
        group: 1,
        hint: ['k_live_', 'k_test_'],
    },
    {
        kind: 'npm-token',
        label: 'npm access token',
        re: /(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
        group: 1,
        hint: 'npm_',
    },
    {
        kind: 'npm-token',
        label: 'npm auth token in .npmrc',
        re: /:_authToken=([A-Za-z0-9\-_.]{20,})/g,
        group: 1,
        hint: '_authToken',
    },
    {
        kind: 'sendgrid-key',
        label: 'SendGrid API key',
        re: /(?<![A-Za-z0-9_])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
        group: 1,
        hint: 'SG.',
    },
    {
        kind: 'jwt',
        label: 'JSON Web Token',
        re: /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/g,
        group: 1,
        hint: 'eyJ',
        accept: (m) => {
            const h = b64urlJson(m[1].split('.')[0]);
            return typeof h === 'object' && h !== null && 'alg' in h;
        },
    },
    {
        kind: 'connection-string',
        label: 'connection string with a password',
        // ADO.NET / ODBC / JDBC style: Password=...; Pwd=...; password=... in a query string
        re: /(?:^|[;?&\s"'])(?:password|pwd)\s*=\s*([^;&\s"'<>]{4,})/gi,
        group: 1,
        hint: ['assword', 'ASSWORD', 'pwd', 'Pwd', 'PWD'],
        accept: (m) => !text_isPlaceholder(m[1]) && !/^\$|^%|^\{/.test(m[1]),
    },
];
/** Every literal our patterns need (plus the URL marker of basic-auth URLs). */
function patternHints() {
    const out = new Set(['://']);
    for (const p of TOKEN_PATTERNS) {
        if (!p.hint)
            return [];
        for (const h of typeof p.hint === 'string' ? [p.hint] : p.hint)
            out.add(h);
    }
    return [...out];
}
/** Every known-format token in a text. */
function findTokens(text) {
    const out = [];
    for (const p of TOKEN_PATTERNS) {
        if (p.hint && (typeof p.hint === 'string' ? !text.includes(p.hint) : !p.hint.some((h) => text.includes(h))))
            continue;
        p.re.lastIndex = 0;
        let m;
        while ((m = p.re.exec(text))) {
            if (m[0] === '') {
                p.re.lastIndex++;
                continue;
            }
            if (p.accept && !p.accept(m))
                continue;
            const secret = m[p.group ?? 0];
            out.push({
                kind: p.kind,
                label: typeof p.label === 'string' ? p.label : p.label(m),
                secret,
                index: m.index + m[0].indexOf(secret),
            });
        }
    }
    // URLs with basic auth: scheme://user:password@host
    if (text.includes('@') && text.includes('://')) {
        const re = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@"'<>]*:[^\s/@"'<>]+@[^\s/@"'<>]+/gi;
        let m;
        while ((m = re.exec(text))) {
            const pw = urlPassword(m[0]);
            if (pw === undefined)
                continue;
            if (out.some((o) => o.secret === pw))
                continue;
            out.push({
                kind: 'url-credentials',
                label: 'password in a URL (basic auth)',
                secret: pw,
                index: m.index + m[0].indexOf(pw),
            });
        }
    }
    return out;
}

// EXTERNAL MODULE: ./node_modules/@secretlint/secretlint-rule-preset-recommend/module/index.js
var secretlint_rule_preset_recommend_module = __webpack_require__(31577);
;// CONCATENATED MODULE: ./src/core/secrets/secretlint.ts
/**
 * secretlint's recommended rules, run synchronously on candidate strings.
 *
 * `@secretlint/core`'s `lintSource` is async (a promise per source), while kubeward's rules are
 * synchronous. The preset's scanner rules themselves are plain `create(context) -> { file(source) }`
 * objects whose `file` handlers report synchronously, so we instantiate them once with a minimal
 * context that records only the rule id, message id and range (never the message text, which
 * embeds the secret) and call `file` per candidate string. `lintWithSecretlintCore` runs the same
 * preset through `@secretlint/core` (async) and is used by the tests to check the two paths agree.
 */

/** Rules whose job is not detection (comment filters) or that our own detectors already cover better. */
const SKIP = new Set(['@secretlint/secretlint-rule-filter-comments']);
/**
 * Cheap gates: a secretlint rule only runs on a string that contains its format's literal prefix
 * (taken from each rule's documented pattern). Rules not listed always run. This keeps secretlint
 * at a few milliseconds over the whole corpus instead of ~150 ms.
 */
const GATES = {
    '@secretlint/secretlint-rule-aws': [
        'AKIA',
        'ASIA',
        'aws',
        'AWS',
        'Aws',
        'ecret_access',
        'ECRET_ACCESS',
        'ecretAccess',
    ],
    '@secretlint/secretlint-rule-gcp': ['private_key', 'service_account'],
    '@secretlint/secretlint-rule-privatekey': ['PRIVATE KEY'],
    '@secretlint/secretlint-rule-npm': ['npm_', '_authToken'],
    '@secretlint/secretlint-rule-basicauth': ['://'],
    '@secretlint/secretlint-rule-slack': ['xox', 'xapp', 'hooks.slack'],
    '@secretlint/secretlint-rule-sendgrid': ['SG.'],
    '@secretlint/secretlint-rule-shopify': ['shppa_', 'shpca_', 'shpat_', 'shpss_'],
    '@secretlint/secretlint-rule-github': ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    '@secretlint/secretlint-rule-gitlab': ['glpat-'],
    '@secretlint/secretlint-rule-grafana': ['glc_', 'glsa_'],
    '@secretlint/secretlint-rule-openai': ['sk-'],
    '@secretlint/secretlint-rule-anthropic': ['sk-ant-'],
    '@secretlint/secretlint-rule-groq': ['gsk_'],
    '@secretlint/secretlint-rule-huggingface': ['hf_'],
    '@secretlint/secretlint-rule-linear': ['lin_api_'],
    '@secretlint/secretlint-rule-notion': ['ntn_', 'secret_', 'PRIVATE KEY'],
    '@secretlint/secretlint-rule-1password': ['ops_'],
    '@secretlint/secretlint-rule-database-connection-string': ['://'],
    '@secretlint/secretlint-rule-hashicorp-vault': ['hvs.', 'hvb.'],
    '@secretlint/secretlint-rule-vercel': ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    '@secretlint/secretlint-rule-databricks': ['dapi'],
    '@secretlint/secretlint-rule-docker': ['dckr_pat_'],
    '@secretlint/secretlint-rule-figma': ['figd_'],
};
let current;
let handlers;
function load() {
    if (handlers)
        return handlers;
    handlers = [];
    for (const r of secretlint_rule_preset_recommend_module/* rules */.a) {
        if (r.meta.type !== 'scanner' || SKIP.has(r.meta.id))
            continue;
        const id = r.meta.id;
        const ctx = {
            sharedOptions: {},
            createTranslator: () => (messageId) => ({ message: messageId, messageId }),
            report: (d) => current?.out.push({ id, messageId: d.message?.messageId ?? '', range: d.range }),
            ignore: () => { },
        };
        try {
            const h = r.create(ctx, {});
            if (h.file)
                handlers.push({ id, gate: GATES[id], file: h.file });
        }
        catch {
            // a rule that cannot be instantiated this way is skipped; our own detectors still run
        }
    }
    return handlers;
}
/**
 * Every literal any loaded secretlint rule needs, or undefined when some rule has no gate (it
 * must then run on every string).
 */
function secretlintGates() {
    const hs = load();
    if (hs.some((h) => !h.gate))
        return undefined;
    return [...new Set(hs.flatMap((h) => h.gate ?? []))];
}
/** Runs secretlint's recommended scanner rules synchronously over one string. */
function secretlintSync(text) {
    const source = { content: text, filePath: 'value', ext: '', contentType: 'text' };
    current = { id: '', out: [] };
    try {
        for (const h of load()) {
            if (h.gate && !h.gate.some((g) => text.includes(g)))
                continue;
            try {
                const r = h.file(source);
                // an async handler's later reports are dropped by clearing `current` below
                if (r && typeof r.then === 'function')
                    r.catch(() => { });
            }
            catch {
                // one rule failing on odd input must not stop the others
            }
        }
        return current.out.map((o) => ({
            ruleId: o.id.replace(/^@secretlint\//, ''),
            messageId: o.messageId,
            secret: text.slice(o.range[0], o.range[1]),
            index: o.range[0],
        }));
    }
    finally {
        current = undefined;
    }
}
/**
 * The same preset through `@secretlint/core`'s async `lintSource` (masked messages). Returns the
 * matched ranges by rule. Used to cross-check the synchronous path.
 */
async function lintWithSecretlintCore(text) {
    const { lintSource } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(198)]).then(__webpack_require__.bind(__webpack_require__, 198));
    const res = await lintSource({
        source: { content: text, filePath: 'value.txt', ext: '.txt', contentType: 'text' },
        options: {
            config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: presetCreator }] },
            maskSecrets: true,
        },
    });
    return res.messages
        .filter((m) => m.ruleId !== '@secretlint/secretlint-rule-filter-comments')
        .map((m) => ({ ruleId: m.ruleId.replace(/^@secretlint\//, ''), range: m.range }));
}

;// CONCATENATED MODULE: ./src/core/secrets/redact.ts
/**
 * Redaction: the only form in which a detected secret leaves the detectors. A preview shows at most
 * four leading characters (only a known public type prefix such as `ghp_` or `AKIA`, and only for
 * values long enough that the prefix gives nothing away) and the length.
 */
/** Public type prefixes of well-known token formats (what the first characters say, not the secret). */
const TYPE_PREFIXES = [
    'github_pat_',
    'ghp_',
    'gho_',
    'ghu_',
    'ghs_',
    'ghr_',
    'glpat-',
    'xoxb-',
    'xoxa-',
    'xoxp-',
    'xoxr-',
    'xoxs-',
    'sk_live_',
    'rk_live_',
    'sk_test_',
    'rk_test_',
    'npm_',
    'AKIA',
    'ASIA',
    'AIza',
    'eyJ',
    'SG.',
    'sk-',
];
/** Values shorter than this get no leading characters at all. */
const MIN_PREFIX_LENGTH = 16;
/** The known type prefix a value starts with, cut to at most 4 characters. */
function typePrefix(value) {
    if (value.length < MIN_PREFIX_LENGTH)
        return undefined;
    for (const p of TYPE_PREFIXES)
        if (value.startsWith(p))
            return p.slice(0, 4);
    return undefined;
}
/**
 * A preview such as `ghp_…(40 chars)`, or `…(12 chars)` when the type is unknown. Never more than
 * four leading characters; none for short values.
 */
function redact(value) {
    const n = [...value].length;
    const prefix = typePrefix(value) ?? '';
    return `${prefix}…(${n} chars)`;
}

;// CONCATENATED MODULE: ./src/core/secrets/detect.ts
/**
 * High-level detectors: a literal value under a key name, free text (config files, scripts),
 * container argv, and the entries of a Secret object. Every detection carries the secret material
 * only so it can be redacted and compared; messages are built from `label`, never from `secret`.
 */





/** secretlint rule id -> label, for formats our own patterns do not cover. */
const SECRETLINT_LABELS = {
    'secretlint-rule-aws': 'AWS credential',
    'secretlint-rule-gcp': 'GCP credential',
    'secretlint-rule-npm': 'npm token',
    'secretlint-rule-slack': 'Slack token',
    'secretlint-rule-basicauth': 'password in a URL (basic auth)',
    'secretlint-rule-openai': 'OpenAI API key',
    'secretlint-rule-anthropic': 'Anthropic API key',
    'secretlint-rule-groq': 'Groq API key',
    'secretlint-rule-huggingface': 'Hugging Face token',
    'secretlint-rule-linear': 'Linear API key',
    'secretlint-rule-notion': 'Notion token',
    'secretlint-rule-privatekey': 'private key',
    'secretlint-rule-sendgrid': 'SendGrid API key',
    'secretlint-rule-shopify': 'Shopify token',
    'secretlint-rule-github': 'GitHub token',
    'secretlint-rule-gitlab': 'GitLab token',
    'secretlint-rule-grafana': 'Grafana token',
    'secretlint-rule-1password': '1Password service-account token',
    'secretlint-rule-database-connection-string': 'database connection string with a password',
    'secretlint-rule-hashicorp-vault': 'HashiCorp Vault token',
    'secretlint-rule-vercel': 'Vercel token',
    'secretlint-rule-databricks': 'Databricks token',
    'secretlint-rule-docker': 'Docker Hub token',
    'secretlint-rule-figma': 'Figma token',
};
function make(kind, label, secret, confidence, index) {
    return { kind, label, secret, preview: redact(secret), confidence, ...(index !== undefined ? { index } : {}) };
}
/** Values too short or too simple to be worth running the format detectors on. */
function worthScanning(text) {
    return text.length >= 12;
}
/** Known token formats in a text: our own patterns, then secretlint's recommended rules. */
function detectFormats(text, cache) {
    if (!worthScanning(text))
        return [];
    const hit = cache?.get(text);
    if (hit)
        return hit;
    const out = detectFormatsUncached(text);
    cache?.set(text, out);
    return out;
}
let anyHint;
/**
 * One regex over the literals every detector needs: texts that contain none of them (most values)
 * skip the ~60 per-detector gates. null when some detector has no gate.
 */
function anyHintRegex() {
    if (anyHint !== undefined)
        return anyHint;
    const ours = patternHints();
    const theirs = secretlintGates();
    if (!ours.length || !theirs)
        return (anyHint = null);
    const esc = (h) => h.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    return (anyHint = new RegExp([...new Set([...ours, ...theirs])].map(esc).join('|')));
}
function detectFormatsUncached(text) {
    const re = anyHintRegex();
    if (re && !re.test(text))
        return [];
    const out = [];
    for (const t of findTokens(text)) {
        const end = t.index + t.secret.length;
        if (out.some((o) => o.index !== undefined && o.index < end && t.index < o.index + o.secret.length))
            continue;
        out.push(make(t.kind, t.label, t.secret, 'high', t.index));
    }
    for (const s of secretlintSync(text)) {
        // the same material (or an overlapping span) found by our own pattern: keep ours
        const end = s.index + s.secret.length;
        if (out.some((o) => o.index !== undefined && o.index < end && s.index < o.index + o.secret.length))
            continue;
        if (s.ruleId === 'secretlint-rule-privatekey' && !/[A-Za-z0-9+/=]{40}/.test(s.secret.replace(/\\n|\s/g, '')))
            continue;
        let secret = s.secret;
        // secretlint's URL rules match the whole URL: keep only the password part when we can
        const pw = /:\/\/[^\s/:@]*:([^\s/@]+)@/.exec(secret);
        if (pw) {
            if (text_isPlaceholder(pw[1]))
                continue;
            secret = pw[1];
        }
        if (text_isPlaceholder(secret))
            continue;
        out.push(make(s.ruleId.replace(/^secretlint-rule-/, ''), SECRETLINT_LABELS[s.ruleId] ?? 'credential', secret, 'high', s.index));
    }
    return out;
}
/** Is this value a literal secret-looking value rather than a placeholder, reference or benign value? */
function isLiteralCandidate(value, opts) {
    const v = value.trim();
    if (text_isPlaceholder(v) || isBenignValue(v))
        return false;
    if (opts.resourceNames?.has(v))
        return false;
    if (looksLikeResourceName(v))
        return false;
    // prose (help text, descriptions) is not a credential
    if (v.split(/\s+/).length > 3)
        return false;
    return true;
}
/**
 * A literal value under a key name (env var, ConfigMap key, annotation): known formats anywhere
 * in it, else the name says secret and the value is a literal, else (optionally) entropy alone.
 */
function detectNamedValue(name, value, opts = {}) {
    const formats = detectFormats(value, opts.cache);
    if (formats.length)
        return formats;
    const byName = detectByName(name, value, opts);
    if (byName)
        return [byName];
    if (opts.entropy !== false) {
        const v = value.trim();
        if (v.length >= 24 &&
            v.length <= 200 &&
            looksRandom(v) &&
            !isChecksum(v) &&
            !isUuid(v) &&
            !/^[0-9a-f]+$/i.test(v) &&
            /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) &&
            Math.max(...v.split(/[-_/.:]/).map((p) => p.length)) >= 16 &&
            isLiteralCandidate(v, opts)) {
            return [make('high-entropy', 'high-entropy string', v, 'low')];
        }
    }
    return [];
}
/** The name says secret and the value is a literal (not a placeholder, reference or benign value). */
function detectByName(name, value, opts = {}, inText = false) {
    const sn = secretName(name);
    if (!sn)
        return undefined;
    const v = value.trim();
    if (!isLiteralCandidate(v, opts))
        return undefined;
    // inside files and scripts, `passwd: files` or `token=os.environ[...]` are settings and code
    if (inText && (!looksLikePassword(v) || isExpression(v)))
        return undefined;
    if (sn.strength === 'weak') {
        const basic = /^(basic|bearer|token)\s+\S{8,}$/i.test(v) || /^[^\s:]+:[^\s:]{6,}$/.test(v);
        if (!basic && !looksRandom(v))
            return undefined;
        if (!basic && (isChecksum(v) || isUuid(v)))
            return undefined;
    }
    else if (v.length < 4) {
        return undefined;
    }
    const kind = sn.what === 'password' || sn.what === 'passphrase' ? 'password' : 'named-secret';
    return make(kind, sn.what, v, 'medium');
}
/** Words a secret-named key contains (a cheap filter before the name is judged). */
const SECRET_HINT = /pass|pwd|secret|token|cred|auth|dsn|conn|bearer|api[-_.]?key|(?:private|access|signing|encryption|master|session|hmac|jwt|client|app|account|storage|license|shared|webhook|cookie|ssh|aes|rsa)[-_.]?key/i;
// key = value, key: value, "key": "value" (config files, properties, .env, shell)
const ASSIGNMENT = /(?:^|[\s{,;&?(]|--?)["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?:=|:(?!\/\/))[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s,;#'"&)\]]+))/gm;
// --password secret, -password secret (flag and value separated by blanks)
const FLAG_SPACE = /(?:^|\s)--?([A-Za-z][A-Za-z0-9_-]*)[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|([^\s-][^\s]*))/gm;
// `requirepass S3cret` (redis.conf, pgbouncer, many daemons' config): a directive and one value
const DIRECTIVE = /^[ \t]*([A-Za-z_][A-Za-z0-9_.-]*)[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s"'#]+)[ \t]*;?[ \t]*$/gm;
// <password>S3cret</password>
const XML_ELEMENT = /<([A-Za-z_][\w.-]*)>([^<\n]{1,200})<\/\1>/g;
// mysql -pSECRET / -p SECRET, redis-cli -a SECRET
const MYSQL = /\b(?:mysql|mysqladmin|mysqldump|mariadb|mysqlsh)\b[^\n|;&]*?\s-p(?:[ \t]+)?([^\s-][^\s]*)/g;
const REDIS = /\bredis-cli\b[^\n|;&]*?\s-a[ \t]+([^\s-][^\s]*)/g;
/**
 * Free text: known formats anywhere, plus `key=value` assignments and `--flag value` pairs whose
 * key says secret, plus database client password flags.
 */
function detectInText(text, opts = {}) {
    const out = [...detectFormats(text, opts.cache)]; // a copy: the cached array is shared
    const seen = new Set(out.map((d) => d.secret));
    const add = (d) => {
        if (!d || seen.has(d.secret))
            return;
        if (out.some((o) => o.secret.includes(d.secret) || d.secret.includes(o.secret)))
            return;
        seen.add(d.secret);
        out.push(d);
    };
    for (const re of [MYSQL, REDIS]) {
        if (!/mysql|mariadb|redis-cli/.test(text))
            break;
        re.lastIndex = 0;
        let m;
        while ((m = re.exec(text))) {
            const v = m[1].replace(/^["']|["']$/g, '');
            if (isLiteralCandidate(v, opts) && !/^\d+$/.test(v) && v.length >= 4)
                add(make('password', 'database password', v, 'medium', m.index + m[0].lastIndexOf(m[1])));
        }
    }
    if (!SECRET_HINT.test(text))
        return out;
    // only lines that mention a secret word can hold a secret-named assignment: scan those lines
    const hint = new RegExp(SECRET_HINT.source, 'gi');
    let lastLineStart = -1;
    let h;
    while ((h = hint.exec(text))) {
        const start = text.lastIndexOf('\n', h.index) + 1;
        if (start === lastLineStart)
            continue;
        lastLineStart = start;
        let end = text.indexOf('\n', h.index);
        if (end === -1)
            end = text.length;
        hint.lastIndex = end;
        const line = text.slice(start, end);
        for (const re of [ASSIGNMENT, FLAG_SPACE, DIRECTIVE, XML_ELEMENT]) {
            re.lastIndex = 0;
            let m;
            while ((m = re.exec(line))) {
                if (!SECRET_HINT.test(m[1]))
                    continue;
                let value = m[2] ?? m[3] ?? m[4] ?? '';
                if (re === DIRECTIVE)
                    value = value.replace(/^(["'])(.*)\1$/, '$2');
                // an unquoted value in a flow mapping ends at its closing brace, unless it opened one
                if (m[4] !== undefined && value.endsWith('}') && !value.includes('{'))
                    value = value.replace(/}+$/, '');
                const after = line[m.index + m[0].length] ?? '';
                if (m[4] !== undefined && /[[(.]/.test(after))
                    continue;
                const d = detectByName(m[1], value, opts, true);
                if (d)
                    add({ ...d, index: start + m.index + m[0].lastIndexOf(value) });
            }
        }
    }
    return out;
}
const MYSQL_CLIENT = /(?:^|\/)(?:mysql|mysqladmin|mysqldump|mariadb|mysqlsh)$/;
const REDIS_CLIENT = /(?:^|\/)redis-cli$/;
/**
 * Container command + args (one list): each element as text, `--secret-flag value` pairs across
 * elements, and `-p value` / `-a value` for database clients. Returns the index of the element
 * holding the secret.
 */
function detectInArgv(argv, opts = {}) {
    const out = [];
    const strs = argv.map((a) => (typeof a === 'string' ? a : typeof a === 'number' ? String(a) : ''));
    // the short flag that takes a password: mysql -p, redis-cli -a
    const pwFlag = strs.some((s) => MYSQL_CLIENT.test(s)) ? 'p' : strs.some((s) => REDIS_CLIENT.test(s)) ? 'a' : '';
    for (let i = 0; i < strs.length; i++) {
        const s = strs[i];
        for (const d of detectInText(s, opts))
            out.push({ index: i, detection: d });
        const next = strs[i + 1];
        if (next === undefined || next.startsWith('-') || s.includes('='))
            continue;
        const flag = /^--?([A-Za-z][A-Za-z0-9_-]*)$/.exec(s);
        if (!flag)
            continue;
        if (detectFormats(next, opts.cache).length)
            continue; // the value's own format detection reports it
        let d;
        if (flag[1].length > 1)
            d = detectByName(flag[1], next, opts);
        else if (flag[1] === pwFlag && isLiteralCandidate(next, opts) && !/^\d+$/.test(next))
            d = make('password', 'database password', next, 'medium');
        else if (flag[1] === 'p' &&
            isLiteralCandidate(next, opts) &&
            looksLikePassword(next) &&
            !/^[\d:.\-/]+(?:\/?(tcp|udp|sctp))?$/i.test(next) &&
            !/^[a-z0-9][a-z0-9.-]*$/.test(next))
            d = make('password', 'password', next, 'medium');
        if (d && !out.some((o) => o.detection.secret === d.secret))
            out.push({ index: i + 1, detection: d });
    }
    return out;
}
/** Keys of a Secret that hold non-secret identifiers. */
const NON_SECRET_KEYS = /(?:^|[._-])(user(name)?(_?in)?|known_hosts|login|email|e-?mail|host(name)?|server|port|db|database|dbname|db[-_]?name|region|zone|endpoint|url|uri|namespace|name|project(_?id)?|account(_?id)?|client[-_]?id|app[-_]?id|tenant[-_]?id|bucket|ca\.crt|ca|tls\.crt|.*\.crt|.*\.pem\.pub|.*\.pub|type|kind|mode|version)$/i;
function dockerConfigRegistries(json) {
    let cfg;
    try {
        cfg = JSON.parse(json);
    }
    catch {
        return undefined;
    }
    if (typeof cfg !== 'object' || cfg === null)
        return undefined;
    const root = cfg;
    const auths = (typeof root.auths === 'object' && root.auths !== null ? root.auths : root);
    const regs = [];
    for (const [reg, a] of Object.entries(auths)) {
        if (typeof a !== 'object' || a === null)
            continue;
        const e = a;
        const cred = [e.auth, e.password, e.identitytoken, e.registrytoken].find((x) => typeof x === 'string' && x !== '');
        if (typeof cred !== 'string')
            continue;
        if (typeof e.auth === 'string' && e.auth) {
            const dec = Buffer.from(e.auth, 'base64').toString('utf8');
            const pw = dec.slice(dec.indexOf(':') + 1);
            if (dec.indexOf(':') > 0 && text_isPlaceholder(pw))
                continue;
        }
        else if (text_isPlaceholder(cred))
            continue;
        regs.push(reg);
    }
    return regs;
}
/**
 * What kind of secret one entry of a committed Secret holds, or undefined when it holds nothing
 * worth reporting (empty, placeholder, public certificate, plain identifier).
 */
function classifySecretEntry(key, value, secretType = 'Opaque', opts = {}) {
    const v = value.trim();
    if (text_isPlaceholder(v))
        return undefined;
    if (/"type"\s*:\s*"service_account"/.test(v) && /"private_key"\s*:\s*"-----BEGIN/.test(v))
        return make('gcp-service-account', 'GCP service-account key (JSON with a private key)', v, 'high');
    if (/PRIVATE KEY(?: BLOCK)?-----/.test(v)) {
        const tls = secretType === 'kubernetes.io/tls' || /^tls\.key$/.test(key);
        return make('private-key', tls ? 'TLS private key' : 'private key', v, 'high');
    }
    if (/-----BEGIN (CERTIFICATE|PUBLIC KEY)/.test(v))
        return undefined;
    if (key === '.dockerconfigjson' || key === '.dockercfg' || secretType.startsWith('kubernetes.io/docker')) {
        const regs = dockerConfigRegistries(v);
        if (!regs)
            return undefined;
        if (!regs.length)
            return undefined;
        return make('docker-config', `registry credentials (dockerconfigjson) for ${regs.slice(0, 3).join(', ')}`, v, 'high');
    }
    if (secretType === 'kubernetes.io/service-account-token') {
        if (key === 'token')
            return make('service-account-token', 'service-account token', v, 'high');
        return undefined;
    }
    if (secretType === 'kubernetes.io/basic-auth' && key === 'password')
        return make('password', 'password', v, 'medium');
    if (secretType === 'kubernetes.io/ssh-auth' && key === 'ssh-privatekey')
        return make('private-key', 'SSH private key', v, 'high');
    const formats = detectFormats(v, opts.cache);
    if (formats.length)
        return { ...formats[0], secret: v, preview: redact(v) };
    if (/client-key-data:|client-certificate-data:|\btoken:\s*\S{16,}/.test(v) && /clusters:/.test(v))
        return make('kubeconfig', 'kubeconfig with credentials', v, 'high');
    const sn = secretName(key);
    if (sn) {
        if (isBenignValue(v))
            return undefined;
        // a bare `key` names many things (a Redis key, a cache key): only random-looking values count
        if (sn.strength === 'weak' && (!looksRandom(v) || isChecksum(v) || isUuid(v)))
            return undefined;
        return make(sn.what === 'password' ? 'password' : 'api-token', sn.what === 'password' ? 'password' : sn.what === 'token' || sn.what === 'API key' ? 'API token' : sn.what, v, 'medium');
    }
    if (NON_SECRET_KEYS.test(key))
        return undefined;
    if (/\n/.test(v)) {
        // a config file: report what is inside it, if anything
        const inner = detectInText(v, opts);
        if (inner.length)
            return { ...inner[0], label: `${inner[0].label} in a config file`, secret: v, preview: redact(v) };
        return undefined;
    }
    if (isBenignValue(v) || v.length < 6)
        return undefined;
    // an unrecognised key: report only values that look generated (keys, tokens), not settings
    if (looksRandom(v) && !isChecksum(v) && !isUuid(v))
        return make('secret-value', 'random-looking secret value', v, 'medium');
    return undefined;
}
/** Decodes a Secret `data` value (base64); undefined when it is not valid base64. */
function decodeBase64(v) {
    const s = v.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1)
        return undefined;
    return Buffer.from(s, 'base64').toString('utf8');
}

;// CONCATENATED MODULE: ./src/core/secrets/index.ts
/** Secret detection and redaction: detectors for known token formats and Kubernetes context. */







;// CONCATENATED MODULE: ./src/core/rules/secrets.ts


const K8S_SECRETS = 'https://kubernetes.io/docs/concepts/configuration/secret/';
const K8S_SECRET_GOOD_PRACTICES = 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/';
const SEALED_SECRETS = 'https://github.com/bitnami-labs/sealed-secrets';
const ESO = 'https://external-secrets.io/';
const VAULT = 'https://developer.hashicorp.com/vault/docs/platform/k8s';
const OWASP_SECRETS = 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html';
const CWE_798 = 'https://cwe.mitre.org/data/definitions/798.html';
const STORE_ADVICE = 'Keep the value out of the repository: create it as a Kubernetes Secret from a secret store, delivered by Sealed Secrets, the External Secrets Operator or the Vault agent/CSI provider, and rotate the exposed value, since it is already in the git history.';
const SECRET_KEY_REF_EXAMPLE = `env:
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: db-credentials   # created by External Secrets / Sealed Secrets / Vault
      key: password`;
/** Names of Secrets in the scanned set, per run: a value equal to one is a reference. */
function secretNames(ctx) {
    return ctx.memo('secrets:secret-names', () => {
        const s = new Set();
        for (const o of ctx.objects)
            if (o.ref.kind === 'Secret' && o.ref.name)
                s.add(o.ref.name);
        return s;
    });
}
function opts(ctx) {
    return ctx.memo('secrets:detect-options', () => ({ resourceNames: secretNames(ctx), cache: new Map() }));
}
/** The severity of a detection: entropy-only hunches are reported low, whatever the rule's default. */
function severityOf(d) {
    return d.confidence === 'low' ? 'low' : undefined;
}
/** `a GitHub personal access token`, `a password`, `an API key`. */
function article(label) {
    if (/^(registry )?credentials\b/.test(label))
        return label;
    const vowelSound = /^[aeiouAEIOU]|^(npm|ssh|hmac|rsa|html|sdk|x509)\b/i.test(label) && !/^(one|user|uni)/i.test(label);
    return vowelSound ? `an ${label}` : `a ${label}`;
}
function secrets_describe(ds) {
    const labels = [...new Set(ds.map((d) => d.label))];
    const first = article(labels[0]);
    return labels.length === 1 ? first : `${first} and ${labels.length - 1} more kind(s) of secret`;
}
function best(ds) {
    const rank = { high: 2, medium: 1, low: 0 };
    return [...ds].sort((a, b) => rank[b.confidence] - rank[a.confidence])[0];
}
/**
 * One violation for the detections in one value. For a multi-line value (a file in a ConfigMap, a
 * script in args) `details.lineInValue` says on which line of the value the secret sits.
 */
function violation(path, message, ds, text) {
    const d = best(ds);
    const sev = ds.some((x) => x.confidence !== 'low') ? undefined : severityOf(d);
    const details = { secretKind: d.kind, confidence: d.confidence };
    if (text !== undefined && d.index !== undefined && text.includes('\n')) {
        let line = 1;
        for (let i = text.indexOf('\n'); i !== -1 && i < d.index; i = text.indexOf('\n', i + 1))
            line++;
        details.lineInValue = String(line);
    }
    return { path, message, secretPreview: d.preview, ...(sev ? { severity: sev } : {}), details };
}
function str(v) {
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' && Number.isFinite(v))
        return String(v);
    return undefined;
}
// ---------------------------------------------------------------------------------------------
// secret-in-env
const secretInEnv = {
    meta: {
        id: 'secret-in-env',
        title: 'Plaintext secret in container env, args or command',
        severity: 'critical',
        enabledByDefault: true,
        category: 'secrets',
        cis: '5.4.1',
        rationale: 'A password, token or key written as an env `value`, or passed on the command line, is stored in plain text in the repository, in the object in etcd (readable by anyone who can read the workload), and in every rendered manifest and CI log. Command-line arguments are also visible in the process list of the node. Anyone with read access to the repository or the workload can use it.',
        remediation: `Move the value into a Kubernetes Secret and reference it with \`valueFrom.secretKeyRef\` (or mount it as a file). ${STORE_ADVICE} For command-line flags, read the value from an env var set by secretKeyRef (\`--password=$(DB_PASSWORD)\`) or from a mounted file.`,
        example: SECRET_KEY_REF_EXAMPLE,
        references: [K8S_SECRETS, K8S_SECRET_GOOD_PRACTICES, SEALED_SECRETS, ESO, VAULT, OWASP_SECRETS, CWE_798],
    },
    *check(obj, ctx) {
        const o = opts(ctx);
        for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
            const env = c.container.env;
            if (Array.isArray(env)) {
                for (let i = 0; i < env.length; i++) {
                    const e = env[i];
                    if (!(0,podspec/* isObj */.sA)(e) || e.valueFrom !== undefined)
                        continue;
                    const name = typeof e.name === 'string' ? e.name : '';
                    const value = str(e.value);
                    if (value === undefined)
                        continue;
                    const ds = detectNamedValue(name, value, o);
                    if (!ds.length)
                        continue;
                    yield violation([...c.path, 'env', i, 'value'], `${c.type} "${c.name}" sets env ${name || `[${i}]`} to ${secrets_describe(ds)} in plain text`, ds);
                }
            }
            const command = Array.isArray(c.container.command) ? c.container.command : [];
            const args = Array.isArray(c.container.args) ? c.container.args : [];
            const argv = [...command, ...args];
            const byIndex = new Map();
            for (const { index, detection } of detectInArgv(argv, o)) {
                const list = byIndex.get(index) ?? [];
                list.push(detection);
                byIndex.set(index, list);
            }
            for (const [index, ds] of [...byIndex].sort((a, b) => a[0] - b[0])) {
                const field = index < command.length ? 'command' : 'args';
                const j = index < command.length ? index : index - command.length;
                yield violation([...c.path, field, j], `${c.type} "${c.name}" passes ${secrets_describe(ds)} in plain text in ${field}[${j}]`, ds, typeof argv[index] === 'string' ? argv[index] : undefined);
            }
        }
    },
};
// ---------------------------------------------------------------------------------------------
// secret-in-configmap
/** Detections in one ConfigMap-style entry: the key name with a one-line value, or a file's content. */
function entryDetections(key, value, o) {
    if (!value.includes('\n')) {
        const named = detectNamedValue(key, value, o);
        if (named.length)
            return named;
    }
    // a file, or a one-line `a=b;password=c` / `{"password": "c"}` value: judge what is inside
    return detectInText(value, o);
}
function printable(s) {
    if (!s)
        return false;
    let bad = 0;
    for (let i = 0; i < Math.min(s.length, 4096); i++) {
        const c = s.charCodeAt(i);
        if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13))
            bad++;
    }
    return bad / Math.min(s.length, 4096) < 0.02;
}
const secretInConfigMap = {
    meta: {
        id: 'secret-in-configmap',
        title: 'Secret in a ConfigMap',
        severity: 'high',
        enabledByDefault: true,
        category: 'secrets',
        rationale: 'ConfigMaps are meant for non-confidential configuration: they are readable by far more principals than Secrets (many roles grant `get configmaps`), are not encrypted at rest by the usual EncryptionConfiguration, and are printed freely by tooling. A credential in a ConfigMap is exposed to all of them, and to everyone who can read the repository.',
        remediation: `Move the credential into a Secret and mount or reference it from there (\`secretKeyRef\`, a \`secret\` volume, or \`envFrom.secretRef\`); keep only non-secret settings in the ConfigMap. ${STORE_ADVICE}`,
        example: `apiVersion: v1
kind: Secret
metadata:
  name: app-credentials   # generated by External Secrets / Sealed Secrets, not committed
type: Opaque
---
# in the pod
envFrom:
- configMapRef: { name: app-config }
- secretRef: { name: app-credentials }`,
        references: [
            K8S_SECRETS,
            'https://kubernetes.io/docs/concepts/configuration/configmap/',
            SEALED_SECRETS,
            ESO,
            VAULT,
            CWE_798,
        ],
    },
    *check(obj, ctx) {
        if (obj.ref.kind !== 'ConfigMap')
            return;
        const o = opts(ctx);
        const data = obj.data.data;
        if ((0,podspec/* isObj */.sA)(data)) {
            for (const [key, raw] of Object.entries(data)) {
                const value = str(raw);
                if (value === undefined)
                    continue;
                const ds = entryDetections(key, value, o);
                if (ds.length)
                    yield violation(['data', key], `ConfigMap key "${key}" holds ${secrets_describe(ds)}`, ds, value);
            }
        }
        const bin = obj.data.binaryData;
        if ((0,podspec/* isObj */.sA)(bin)) {
            for (const [key, raw] of Object.entries(bin)) {
                if (typeof raw !== 'string')
                    continue;
                const decoded = decodeBase64(raw);
                if (decoded === undefined || !printable(decoded))
                    continue;
                const ds = entryDetections(key, decoded, o);
                if (ds.length)
                    yield violation(['binaryData', key], `ConfigMap binaryData key "${key}" holds ${secrets_describe(ds)} (base64-encoded)`, ds, decoded);
            }
        }
    },
};
// ---------------------------------------------------------------------------------------------
// secret-in-annotation
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Detections inside an object embedded in last-applied-configuration, with their inner paths. */
function* embedded(data, o) {
    if (!(0,podspec/* isObj */.sA)(data))
        return;
    if (data.kind === 'Secret') {
        const type = typeof data.type === 'string' ? data.type : 'Opaque';
        for (const field of ['data', 'stringData']) {
            const m = data[field];
            if (!(0,podspec/* isObj */.sA)(m))
                continue;
            for (const [k, raw] of Object.entries(m)) {
                if (typeof raw !== 'string')
                    continue;
                const value = field === 'data' ? decodeBase64(raw) : raw;
                if (value === undefined)
                    continue;
                const d = classifySecretEntry(k, value, type, o);
                if (d)
                    yield { path: [field, k], ds: [d] };
            }
        }
        return;
    }
    yield* walk(data, [], '', o);
}
/** Walks any JSON value, judging each string leaf by its key (env entries by their `name`). */
function* walk(v, path, key, o) {
    if (typeof v === 'string') {
        const ds = v.includes('\n') ? detectInText(v, o) : detectNamedValue(key, v, o);
        if (ds.length)
            yield { path, ds };
        return;
    }
    if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++)
            yield* walk(v[i], [...path, i], key, o);
        return;
    }
    if (!(0,podspec/* isObj */.sA)(v))
        return;
    if (typeof v.name === 'string' && v.value !== undefined && v.valueFrom === undefined) {
        const value = str(v.value);
        if (value !== undefined) {
            const ds = detectNamedValue(v.name, value, o);
            if (ds.length)
                yield { path: [...path, 'value'], ds };
        }
        return;
    }
    for (const [k, child] of Object.entries(v)) {
        if (k === 'valueFrom' || k === 'secretKeyRef')
            continue;
        yield* walk(child, [...path, k], k, o);
    }
}
function annotationSets(obj) {
    const out = [];
    const md = obj.data.metadata;
    if ((0,podspec/* isObj */.sA)(md) && (0,podspec/* isObj */.sA)(md.annotations))
        out.push({ path: ['metadata', 'annotations'], annotations: md.annotations });
    for (const t of (0,podspec/* podTemplates */.R7)(obj)) {
        if ((0,podspec/* isObj */.sA)(t.metadata.annotations) && t.metaPath.length > 1)
            out.push({ path: [...t.metaPath, 'annotations'], annotations: t.metadata.annotations });
    }
    return out;
}
const secretInAnnotation = {
    meta: {
        id: 'secret-in-annotation',
        title: 'Secret in an annotation',
        severity: 'high',
        enabledByDefault: true,
        category: 'secrets',
        rationale: "Annotations are metadata: every tool that lists an object prints them, and whoever can read the object can read them. A credential placed in an annotation, or left in `kubectl.kubernetes.io/last-applied-configuration` (which `kubectl apply` fills with the whole applied object, including a Secret's data), is exposed in plain text even when the Secret itself is protected.",
        remediation: `Remove the value from the annotation and keep it in a Secret that the consumer reads by reference. For last-applied-configuration, do not \`kubectl apply\` Secrets with data from the repository; use server-side apply, or let Sealed Secrets / External Secrets / Vault create them. ${STORE_ADVICE}`,
        example: `metadata:
  annotations:
    # reference the credential, do not inline it
    example.com/credentials-secret: app-credentials`,
        references: [
            'https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/',
            'https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/',
            K8S_SECRET_GOOD_PRACTICES,
            SEALED_SECRETS,
            ESO,
            CWE_798,
        ],
    },
    *check(obj, ctx) {
        const o = opts(ctx);
        for (const set of annotationSets(obj)) {
            for (const [key, raw] of Object.entries(set.annotations)) {
                const value = str(raw);
                if (value === undefined)
                    continue;
                const base = [...set.path, key];
                if (key === LAST_APPLIED) {
                    let parsed;
                    try {
                        parsed = JSON.parse(value);
                    }
                    catch {
                        parsed = undefined;
                    }
                    if (parsed !== undefined) {
                        for (const { path, ds } of embedded(parsed, o)) {
                            const inner = path
                                .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
                                .join('')
                                .replace(/^\./, '');
                            yield violation([...base, ...path], `annotation ${LAST_APPLIED} embeds ${secrets_describe(ds)} at ${inner}`, ds);
                        }
                        continue;
                    }
                }
                const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
                const ds = entryDetections(name, value, o);
                if (ds.length)
                    yield violation(base, `annotation "${key}" holds ${secrets_describe(ds)}`, ds, value);
            }
        }
    },
};
// ---------------------------------------------------------------------------------------------
// secret-committed
const secretCommitted = {
    meta: {
        id: 'secret-committed',
        title: 'Secret with data committed to the repository',
        severity: 'high',
        enabledByDefault: true,
        category: 'secrets',
        rationale: 'A Secret manifest with `data` or `stringData` stores the credential in the repository: base64 is an encoding, not encryption. Everyone with read access to the repository, its forks, CI logs and history holds the TLS key, registry password or token, and it stays in the git history after it is removed.',
        remediation: `Do not commit Secret values. Commit an encrypted SealedSecret (Sealed Secrets), an ExternalSecret that points at a secret store (External Secrets Operator), or inject the value with Vault; for TLS keys let cert-manager issue them. Rotate every value that was committed. ${STORE_ADVICE}`,
        example: `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: db-credentials
spec:
  secretStoreRef: { name: vault, kind: ClusterSecretStore }
  target: { name: db-credentials }
  data:
  - secretKey: password
    remoteRef: { key: prod/db, property: password }`,
        references: [
            K8S_SECRETS,
            K8S_SECRET_GOOD_PRACTICES,
            SEALED_SECRETS,
            ESO,
            VAULT,
            'https://cert-manager.io/docs/',
            CWE_798,
        ],
    },
    *check(obj, ctx) {
        if (obj.ref.kind !== 'Secret')
            return;
        // in a cluster a Secret is where the data belongs: only a committed manifest is a leak
        if (ctx.mode === 'live' || obj.origin !== 'manifest')
            return;
        const o = opts(ctx);
        const type = typeof obj.data.type === 'string' ? obj.data.type : 'Opaque';
        const name = obj.ref.name || '(unnamed)';
        for (const field of ['data', 'stringData']) {
            const m = obj.data[field];
            if (!(0,podspec/* isObj */.sA)(m))
                continue;
            for (const [key, raw] of Object.entries(m)) {
                const rawStr = str(raw);
                if (rawStr === undefined || rawStr.trim() === '')
                    continue;
                const value = field === 'data' ? decodeBase64(rawStr) : rawStr;
                // data that is not base64 is invalid for the API server; judge the raw text instead
                const d = classifySecretEntry(key, value ?? rawStr, type, o);
                if (!d)
                    continue;
                yield violation([field, key], `Secret "${name}" commits ${article(d.label)} in ${field} key "${key}"${field === 'data' ? ' (base64 is not encryption)' : ''}`, [d]);
            }
        }
    },
};
function nsOf(o) {
    return o.ref.namespace ?? '';
}
function controlled(obj) {
    const md = obj.data.metadata;
    if (!(0,podspec/* isObj */.sA)(md) || !Array.isArray(md.ownerReferences))
        return false;
    return md.ownerReferences.some((r) => (0,podspec/* isObj */.sA)(r) && r.controller === true);
}
function secretIndex(ctx) {
    return ctx.memo('secrets:secret-uses', () => {
        const idx = { uses: new Map(), saRefs: new Map(), secrets: new Map() };
        const add = (ns, name, u) => {
            if (typeof name !== 'string' || !name)
                return;
            const k = `${ns}/${name}`;
            const list = idx.uses.get(k) ?? [];
            list.push(u);
            idx.uses.set(k, list);
        };
        for (const obj of ctx.objects) {
            const ns = nsOf(obj);
            if (obj.ref.kind === 'Secret' && obj.ref.name)
                idx.secrets.set(`${ns}/${obj.ref.name}`, obj);
            if (obj.ref.kind === 'ServiceAccount' && obj.ref.name) {
                for (const field of ['secrets', 'imagePullSecrets']) {
                    const list = obj.data[field];
                    if (!Array.isArray(list))
                        continue;
                    for (const r of list) {
                        if (!(0,podspec/* isObj */.sA)(r) || typeof r.name !== 'string')
                            continue;
                        const k = `${ns}/${r.name}`;
                        const s = idx.saRefs.get(k) ?? new Set();
                        s.add(obj.ref.name);
                        idx.saRefs.set(k, s);
                    }
                }
            }
            // a Pod or ReplicaSet run by a controller (live inventories) is counted through its controller
            if (controlled(obj))
                continue;
            for (const t of (0,podspec/* podTemplates */.R7)(obj)) {
                const spec = t.spec;
                const sa = typeof spec.serviceAccountName === 'string'
                    ? spec.serviceAccountName
                    : typeof spec.serviceAccount === 'string'
                        ? spec.serviceAccount
                        : 'default';
                const use = (path) => ({ workload: obj, path, serviceAccount: sa });
                if (Array.isArray(spec.imagePullSecrets))
                    spec.imagePullSecrets.forEach((r, i) => (0,podspec/* isObj */.sA)(r) && add(ns, r.name, use([...t.specPath, 'imagePullSecrets', i, 'name'])));
                if (Array.isArray(spec.volumes)) {
                    spec.volumes.forEach((v, i) => {
                        if (!(0,podspec/* isObj */.sA)(v))
                            return;
                        if ((0,podspec/* isObj */.sA)(v.secret))
                            add(ns, v.secret.secretName, use([...t.specPath, 'volumes', i, 'secret', 'secretName']));
                        if ((0,podspec/* isObj */.sA)(v.projected) && Array.isArray(v.projected.sources))
                            v.projected.sources.forEach((s, j) => {
                                if ((0,podspec/* isObj */.sA)(s) && (0,podspec/* isObj */.sA)(s.secret))
                                    add(ns, s.secret.name, use([...t.specPath, 'volumes', i, 'projected', 'sources', j, 'secret', 'name']));
                            });
                    });
                }
                for (const c of allContainersOf(t)) {
                    const env = c.container.env;
                    if (Array.isArray(env))
                        env.forEach((e, i) => {
                            if ((0,podspec/* isObj */.sA)(e) && (0,podspec/* isObj */.sA)(e.valueFrom) && (0,podspec/* isObj */.sA)(e.valueFrom.secretKeyRef))
                                add(ns, e.valueFrom.secretKeyRef.name, use([...c.path, 'env', i, 'valueFrom', 'secretKeyRef', 'name']));
                        });
                    const envFrom = c.container.envFrom;
                    if (Array.isArray(envFrom))
                        envFrom.forEach((e, i) => {
                            if ((0,podspec/* isObj */.sA)(e) && (0,podspec/* isObj */.sA)(e.secretRef))
                                add(ns, e.secretRef.name, use([...c.path, 'envFrom', i, 'secretRef', 'name']));
                        });
                }
            }
        }
        return idx;
    });
}
function allContainersOf(t) {
    const out = [];
    for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
        const list = t.spec[field];
        if (!Array.isArray(list))
            continue;
        list.forEach((c, i) => (0,podspec/* isObj */.sA)(c) && out.push({ container: c, path: [...t.specPath, field, i] }));
    }
    return out;
}
function workloadId(o) {
    return `${o.ref.kind}/${o.ref.name || '(unnamed)'}`;
}
const secretOverShared = {
    meta: {
        id: 'secret-over-shared',
        title: 'Secret shared by many workloads',
        severity: 'medium',
        enabledByDefault: true,
        category: 'secrets',
        rationale: 'A Secret mounted or referenced by many workloads, or by workloads running as different service accounts, widens its blast radius: the compromise of any one of them discloses a credential the others depend on, rotation touches all of them, and per-workload audit or revocation becomes impossible.',
        remediation: 'Give each workload (or each service account) its own credential in its own Secret, scoped to what that workload needs, so that one can be rotated or revoked without the others. With External Secrets or Vault, issue separate (ideally dynamic, short-lived) credentials per workload. Raise the `threshold` option for Secrets that are shared by design (e.g. a registry pull secret).',
        example: `# one Secret per workload
envFrom:
- secretRef: { name: billing-db-credentials }   # not a shared "db-credentials"`,
        references: [K8S_SECRET_GOOD_PRACTICES, ESO, VAULT, OWASP_SECRETS],
        options: {
            threshold: {
                type: 'number',
                description: 'Report a Secret referenced by at least this many workloads.',
                default: 3,
            },
            serviceAccountThreshold: {
                type: 'number',
                description: 'Report a Secret used by (or listed in) at least this many distinct service accounts.',
                default: 3,
            },
        },
    },
    *checkAll(ctx) {
        const threshold = typeof ctx.options.threshold === 'number' ? ctx.options.threshold : 3;
        const saThreshold = typeof ctx.options.serviceAccountThreshold === 'number' ? ctx.options.serviceAccountThreshold : 3;
        const idx = secretIndex(ctx);
        const keys = new Set([...idx.uses.keys(), ...idx.saRefs.keys()]);
        for (const key of [...keys].sort()) {
            const uses = idx.uses.get(key) ?? [];
            const workloads = new Map();
            for (const u of uses)
                if (!workloads.has(workloadId(u.workload)))
                    workloads.set(workloadId(u.workload), u);
            const sas = new Set([...uses.map((u) => u.serviceAccount), ...(idx.saRefs.get(key) ?? [])]);
            if (workloads.size < threshold && sas.size < saThreshold)
                continue;
            const name = key.slice(key.indexOf('/') + 1);
            const names = [...workloads.keys()];
            const listed = names.slice(0, 5).join(', ') + (names.length > 5 ? `, +${names.length - 5} more` : '');
            const message = `Secret "${name}" is referenced by ${workloads.size} workload(s) (${listed || 'none'}) ` +
                `across ${sas.size} service account(s)`;
            const details = { workloads: String(workloads.size), serviceAccounts: String(sas.size) };
            const secret = idx.secrets.get(key);
            const first = [...workloads.values()][0];
            if (secret)
                yield { object: secret, path: ['metadata', 'name'], message, details };
            else if (first)
                yield { object: first.workload, path: first.path, message, details };
        }
    },
};
const secrets_rules = [secretInEnv, secretInConfigMap, secretInAnnotation, secretCommitted, secretOverShared];

// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(72020);
;// CONCATENATED MODULE: ./src/core/rules/selectors.ts

/** The apiVersion group ('' for the core group). */
function groupOf(apiVersion) {
    const i = apiVersion.indexOf('/');
    return i === -1 ? '' : apiVersion.slice(0, i);
}
/** Is the object of this kind, in this API group? */
function isKind(obj, kind, group) {
    if (obj.ref.kind !== kind)
        return false;
    const g = groupOf(obj.ref.apiVersion);
    return typeof group === 'string' ? g === group : group.includes(g);
}
/** spec as an object ({} when missing). */
function specOf(obj) {
    return (0,podspec/* isObj */.sA)(obj.data.spec) ? obj.data.spec : {};
}
/** An array field, [] when missing or not an array. */
function arr(v) {
    return Array.isArray(v) ? v : [];
}
/** Array of strings from a field (non-strings dropped). */
function strs(v) {
    return arr(v).filter((x) => typeof x === 'string');
}
/** String values of a map field. */
function stringMap(v) {
    const out = {};
    if ((0,podspec/* isObj */.sA)(v))
        for (const [k, x] of Object.entries(v))
            if (x !== null && typeof x !== 'object')
                out[k] = String(x);
    return out;
}
/** `Kind ns/name` for messages. */
function label(obj) {
    return `${obj.ref.kind} ${obj.ref.namespace ? `${obj.ref.namespace}/` : ''}${obj.ref.name || '(unnamed)'}`;
}
/** Joins a list for messages, at most `max` items then "and N more". */
function list(items, max = 3) {
    if (items.length <= max)
        return items.join(', ');
    return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
/** Edit distance (for "did you mean" suggestions). */


;// CONCATENATED MODULE: ./src/core/rules/network.ts



const NETPOL_DOC = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';
const SVC_DOC = 'https://kubernetes.io/docs/concepts/services-networking/service/';
const ING_DOC = 'https://kubernetes.io/docs/concepts/services-networking/ingress/';
const DIRECTIONS = ['Ingress', 'Egress'];
/** The policy types of a NetworkPolicy as the API server defaults them. */
function policyTypes(spec) {
    const out = new Set();
    if (Array.isArray(spec.policyTypes)) {
        for (const t of spec.policyTypes)
            if (t === 'Ingress' || t === 'Egress')
                out.add(t);
        return out;
    }
    out.add('Ingress');
    if (Array.isArray(spec.egress) && spec.egress.length > 0)
        out.add('Egress');
    return out;
}
function policies(ctx) {
    return ctx.memo('network:policies', () => inventory(ctx)
        .byKind('NetworkPolicy')
        .filter((o) => groupOf(o.ref.apiVersion) === 'networking.k8s.io' || groupOf(o.ref.apiVersion) === 'extensions')
        .map((obj) => {
        const spec = specOf(obj);
        // a missing podSelector is read as {} (selects every pod of the namespace)
        const podSelector = spec.podSelector === undefined || spec.podSelector === null ? {} : spec.podSelector;
        return { obj, spec, podSelector, types: policyTypes(spec) };
    }));
}
/** Core v1 Services (not Knative Services). */
function services(ctx) {
    return ctx.memo('network:services', () => inventory(ctx)
        .byKind('Service')
        .filter((o) => groupOf(o.ref.apiVersion) === ''));
}
/** Labels the controller adds to the pods (job-name, statefulset pod-name ...) that selectors may use. */
function controllerLabels(w, selector) {
    // only Jobs and StatefulSets add labels: the others are matched on their own map, uncopied
    // (this runs for every Service x workload pair)
    if (w.kind !== 'Job' && w.kind !== 'StatefulSet')
        return w.podLabels;
    const out = { ...w.podLabels };
    if (w.kind === 'Job') {
        out['job-name'] = w.name;
        out['batch.kubernetes.io/job-name'] = w.name;
    }
    if (w.kind === 'StatefulSet') {
        const pod = selector['statefulset.kubernetes.io/pod-name'];
        if (pod && pod.startsWith(`${w.name}-`) && /^\d+$/.test(pod.slice(w.name.length + 1)))
            out['statefulset.kubernetes.io/pod-name'] = pod;
        const idx = selector['apps.kubernetes.io/pod-index'];
        if (idx && /^\d+$/.test(idx))
            out['apps.kubernetes.io/pod-index'] = idx;
    }
    return out;
}
/** StatefulSet pod labels whose value depends on the selector asking (see controllerLabels). */
const SELECTOR_DEPENDENT = new Set(['statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index']);
/** Workloads by each `key=value` of their pod labels (controller-added Job labels included). */
function workloadsByLabel(ctx) {
    return ctx.memo('network:workloadsByLabel', () => {
        const index = new Map();
        for (const w of inventory(ctx).workloads) {
            for (const [k, v] of Object.entries(controllerLabels(w, {}))) {
                const key = `${k}\0${v}`;
                const list = index.get(key);
                if (list)
                    list.push(w);
                else
                    index.set(key, [w]);
            }
        }
        return index;
    });
}
/**
 * Workloads whose pods a Service's plain-map selector selects (controller-added labels included).
 * Several rules ask for the same Services: computed once per Service, from the workloads that
 * carry one of the selector's labels rather than from every workload.
 */
function serviceTargets(ctx, svc) {
    const cache = ctx.memo('network:serviceTargets', () => new Map());
    const hit = cache.get(svc);
    if (hit)
        return hit;
    const sel = specOf(svc).selector;
    let out = [];
    if ((0,podspec/* isObj */.sA)(sel) && Object.keys(sel).length) {
        const map = stringMap(sel);
        const indexed = Object.entries(map).find(([k]) => !SELECTOR_DEPENDENT.has(k));
        const candidates = indexed
            ? (workloadsByLabel(ctx).get(`${indexed[0]}\0${indexed[1]}`) ?? [])
            : inventory(ctx).workloads;
        out = candidates.filter((w) => sameNamespace(w.namespace, svc.ref.namespace) && matchesSelector(map, controllerLabels(w, map)));
    }
    cache.set(svc, out);
    return out;
}
/** API groups served by Kubernetes itself (everything else with a dot is a custom resource). */
const BUILTIN_GROUPS = new Set([
    'admissionregistration.k8s.io',
    'apiextensions.k8s.io',
    'apiregistration.k8s.io',
    'authentication.k8s.io',
    'authorization.k8s.io',
    'certificates.k8s.io',
    'coordination.k8s.io',
    'discovery.k8s.io',
    'events.k8s.io',
    'flowcontrol.apiserver.k8s.io',
    'internal.apiserver.k8s.io',
    'networking.k8s.io',
    'node.k8s.io',
    'rbac.authorization.k8s.io',
    'resource.k8s.io',
    'scheduling.k8s.io',
    'storage.k8s.io',
    'storagemigration.k8s.io',
]);
function operatorHints(ctx) {
    return ctx.memo('network:operatorHints', () => {
        const out = { names: [], kinds: new Set() };
        for (const o of ctx.objects) {
            const g = groupOf(o.ref.apiVersion);
            if (!g.includes('.') || BUILTIN_GROUPS.has(g) || o.ref.kind === 'CustomResourceDefinition')
                continue;
            if (o.ref.name)
                out.names.push({ name: o.ref.name, namespace: o.ref.namespace });
            out.kinds.add(o.ref.kind.toLowerCase());
        }
        return out;
    });
}
/**
 * Might pods with these labels be created by an operator from a custom resource in the set
 * (Prometheus, CloudNativePG Cluster, LeaderWorkerSet ...)? True when a selector value is the
 * name of a custom resource in the namespace, or the kind of one (`app.kubernetes.io/name: prometheus`).
 */
function operatorManaged(ctx, labels, namespace) {
    const hints = operatorHints(ctx);
    const values = Object.values(labels);
    if (!values.length)
        return false;
    if (values.some((v) => hints.kinds.has(v.toLowerCase())))
        return true;
    return hints.names.some((n) => values.includes(n.name) && sameNamespace(n.namespace, namespace));
}
/** matchLabels (and In-expressions with one value) of a LabelSelector, or a plain map selector. */
function selectorValues(sel) {
    if (!(0,podspec/* isObj */.sA)(sel))
        return {};
    if (!('matchLabels' in sel || 'matchExpressions' in sel))
        return stringMap(sel);
    const out = stringMap(sel.matchLabels);
    for (const e of arr(sel.matchExpressions)) {
        if ((0,podspec/* isObj */.sA)(e) && typeof e.key === 'string' && e.operator === 'In' && arr(e.values).length === 1)
            out[e.key] = String(arr(e.values)[0]);
    }
    return out;
}
function workloadsIn(ctx) {
    return inventory(ctx).workloads;
}
/** Kinds that only hold a template for pods that something else creates. */
const TEMPLATE_KINDS = new Set(['PodTemplate', 'WorkflowTemplate', 'ClusterWorkflowTemplate']);
/** Objects a controller owns (live ReplicaSets and Pods): their owner is reported instead. */
function network_controlled(obj) {
    const md = obj.data.metadata;
    return (0,podspec/* isObj */.sA)(md) && arr(md.ownerReferences).some((o) => (0,podspec/* isObj */.sA)(o) && (0,podspec/* boolOf */.Ul)(o.controller) === true);
}
/** Pods of a workload run on the host network (NetworkPolicies do not apply to them). */
function hostNetwork(w) {
    return (0,podspec/* boolOf */.Ul)(w.template.spec.hostNetwork) === true;
}
/** Does the workload's pod template get selected by the policy? */
function selects(p, w) {
    return sameNamespace(p.obj.ref.namespace, w.namespace) && matchesSelector(p.podSelector, w.podLabels);
}
/** "in the scanned set" for manifests, "in the cluster" for live objects. */
function inSet(ctx) {
    return ctx.mode === 'live' ? 'in the cluster' : 'in the scanned set';
}
/** The hint that a referenced object may simply not be part of the scan (manifest mode only). */
function outside(ctx, what) {
    return ctx.mode === 'live' ? '' : ` (${what} may be defined outside the set)`;
}
function optList(ctx, key, fallback) {
    const v = ctx.options[key];
    return Array.isArray(v) ? v.map(String) : fallback;
}
function directionsOption(ctx) {
    const wanted = optList(ctx, 'directions', DIRECTIONS).map((d) => d.toLowerCase());
    return DIRECTIONS.filter((d) => wanted.includes(d.toLowerCase()));
}
const directionsOpt = {
    type: 'string[]',
    description: 'Traffic directions that must be covered: Ingress, Egress.',
    default: ['Ingress', 'Egress'],
};
// ---------- network-policy-missing ----------
const networkPolicyMissing = {
    meta: {
        id: 'network-policy-missing',
        title: 'Workload not isolated by a NetworkPolicy',
        severity: 'medium',
        enabledByDefault: true,
        category: 'network',
        cis: '5.3.2',
        rationale: 'Pods that no NetworkPolicy selects accept traffic from, and send traffic to, any pod in the cluster. One compromised pod can then reach every service, and exfiltrate data anywhere.',
        remediation: 'Add a NetworkPolicy in the namespace whose podSelector matches the workload, with policyTypes Ingress and Egress and the narrowest rules the workload needs (a default-deny policy plus allow rules).',
        example: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: { app: web }\n  policyTypes: [Ingress, Egress]\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: { app: frontend }\n  egress:\n  - to:\n    - podSelector:\n        matchLabels: { app: db }',
        references: [NETPOL_DOC],
        options: { directions: directionsOpt },
    },
    *checkAll(ctx) {
        const wanted = directionsOption(ctx);
        if (!wanted.length)
            return;
        const pols = policies(ctx);
        for (const w of workloadsIn(ctx)) {
            if (hostNetwork(w) || TEMPLATE_KINDS.has(w.kind) || network_controlled(w.obj))
                continue;
            const covered = new Set();
            for (const p of pols)
                if (selects(p, w))
                    for (const t of p.types)
                        covered.add(t);
            const missing = wanted.filter((d) => !covered.has(d));
            if (!missing.length)
                continue;
            const what = missing.map((d) => d.toLowerCase()).join(' or ');
            yield {
                object: w.obj,
                path: [...w.template.metaPath, 'labels'],
                message: `${label(w.obj)}: no NetworkPolicy ${inSet(ctx)} selects its pods for ${what}, so ${missing.length === 2 ? 'all traffic is' : `all ${what} traffic is`} allowed`,
                details: { missing: missing.join(',') },
            };
        }
    },
};
// ---------- namespace-default-deny ----------
function isDefaultDeny(p, d) {
    if (!isEmptySelector(p.podSelector))
        return false;
    if (d === 'Ingress')
        return p.types.has('Ingress') && arr(p.spec.ingress).length === 0;
    return p.types.has('Egress') && arr(p.spec.egress).length === 0;
}
const namespaceDefaultDeny = {
    meta: {
        id: 'namespace-default-deny',
        title: 'Namespace without a default-deny NetworkPolicy',
        severity: 'medium',
        enabledByDefault: true,
        category: 'network',
        cis: '5.3.2',
        rationale: 'Without a default-deny policy, every new workload in the namespace starts fully reachable until someone writes a policy for it. A default-deny policy makes isolation the default and allow rules explicit.',
        remediation: 'Add a NetworkPolicy with an empty podSelector and policyTypes [Ingress, Egress] and no rules to each namespace, then allow the traffic each workload needs with further policies.',
        example: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
        references: [`${NETPOL_DOC}#default-policies`],
        options: {
            directions: directionsOpt,
            exemptNamespaces: {
                type: 'string[]',
                description: 'Namespaces that need no default-deny policy.',
                default: ['kube-system', 'kube-public', 'kube-node-lease'],
            },
        },
    },
    *checkAll(ctx) {
        const wanted = directionsOption(ctx);
        if (!wanted.length)
            return;
        const exempt = new Set(optList(ctx, 'exemptNamespaces', []));
        const inv = inventory(ctx);
        const pols = policies(ctx);
        // namespaces present in the set: Namespace objects, else the first workload naming one
        const namespaces = new Map();
        for (const o of inv.byKind('Namespace')) {
            if (groupOf(o.ref.apiVersion) !== '' || !o.ref.name)
                continue;
            if (!namespaces.has(o.ref.name))
                namespaces.set(o.ref.name, { obj: o, path: ['metadata', 'name'] });
        }
        for (const w of inv.workloads) {
            const ns = w.namespace;
            if (ns && !namespaces.has(ns))
                namespaces.set(ns, { obj: w.obj, path: ['metadata', 'namespace'] });
        }
        for (const [ns, at] of namespaces) {
            if (exempt.has(ns))
                continue;
            // a policy without a namespace is applied to whatever namespace the set is deployed to
            const inNs = pols.filter((p) => sameNamespace(p.obj.ref.namespace, ns));
            const missing = wanted.filter((d) => !inNs.some((p) => isDefaultDeny(p, d)));
            if (!missing.length)
                continue;
            yield {
                object: at.obj,
                path: at.path,
                message: `namespace "${ns}" has no default-deny NetworkPolicy for ${missing.map((d) => d.toLowerCase()).join(' or ')} ${inSet(ctx)}`,
                details: { namespace: ns, missing: missing.join(',') },
            };
        }
    },
};
// ---------- network-policy-allow-all ----------
const ANY_CIDR = new Set(['0.0.0.0/0', '::/0']);
function peerAllowsAll(peer) {
    if (!(0,podspec/* isObj */.sA)(peer))
        return undefined;
    const ip = peer.ipBlock;
    if ((0,podspec/* isObj */.sA)(ip)) {
        if (typeof ip.cidr === 'string' && ANY_CIDR.has(ip.cidr.trim()) && arr(ip.except).length === 0)
            return `ipBlock ${ip.cidr} without except`;
        return undefined;
    }
    const ns = peer.namespaceSelector;
    const pod = peer.podSelector;
    if (isEmptySelector(ns) && (pod === undefined || pod === null || isEmptySelector(pod)))
        return 'an empty namespaceSelector (every pod in every namespace)';
    return undefined;
}
function ruleIsEmpty(rule, peersKey) {
    if (rule === null)
        return true;
    if (!(0,podspec/* isObj */.sA)(rule))
        return false;
    return arr(rule[peersKey]).length === 0 && arr(rule.ports).length === 0;
}
const networkPolicyAllowAll = {
    meta: {
        id: 'network-policy-allow-all',
        title: 'NetworkPolicy allows all traffic',
        severity: 'medium',
        enabledByDefault: true,
        category: 'network',
        cis: '5.3.2',
        rationale: 'A rule `- {}`, an empty namespaceSelector or an ipBlock of 0.0.0.0/0 without exceptions allows traffic from (or to) everything, which undoes the isolation the policy appears to give.',
        remediation: 'List the peers the workload actually talks to: podSelector and namespaceSelector with labels, or ipBlock CIDRs narrower than 0.0.0.0/0 (with except for internal ranges), and restrict ports.',
        example: 'ingress:\n- from:\n  - namespaceSelector:\n      matchLabels: { kubernetes.io/metadata.name: frontend }\n    podSelector:\n      matchLabels: { app: web }\n  ports:\n  - port: 8080',
        references: [NETPOL_DOC],
    },
    *check(obj) {
        if (!isKind(obj, 'NetworkPolicy', ['networking.k8s.io', 'extensions']))
            return;
        const spec = specOf(obj);
        const types = policyTypes(spec);
        for (const [dir, key, peersKey] of [
            ['Ingress', 'ingress', 'from'],
            ['Egress', 'egress', 'to'],
        ]) {
            if (!types.has(dir))
                continue;
            const rules = arr(spec[key]);
            for (let i = 0; i < rules.length; i++) {
                const r = rules[i];
                if (ruleIsEmpty(r, peersKey)) {
                    yield {
                        path: ['spec', key, i],
                        message: `${key} rule ${i} is empty and allows all ${key} traffic on every port`,
                    };
                    continue;
                }
                if (!(0,podspec/* isObj */.sA)(r))
                    continue;
                const peers = arr(r[peersKey]);
                for (let j = 0; j < peers.length; j++) {
                    const why = peerAllowsAll(peers[j]);
                    if (why) {
                        yield {
                            path: ['spec', key, i, peersKey, j],
                            message: `${key} rule ${i} allows ${dir === 'Ingress' ? 'from' : 'to'} ${why}`,
                        };
                    }
                }
            }
        }
    },
};
// ---------- network-policy-cross-namespace ----------
/** The namespaces a namespaceSelector is limited to by name, if it is. */
function namesOfNamespaceSelector(sel) {
    if (!(0,podspec/* isObj */.sA)(sel))
        return undefined;
    const ml = stringMap(sel.matchLabels);
    if (ml['kubernetes.io/metadata.name'])
        return [ml['kubernetes.io/metadata.name']];
    for (const e of arr(sel.matchExpressions)) {
        if ((0,podspec/* isObj */.sA)(e) && e.key === 'kubernetes.io/metadata.name' && e.operator === 'In')
            return strs(e.values);
    }
    return undefined;
}
const networkPolicyCrossNamespace = {
    meta: {
        id: 'network-policy-cross-namespace',
        title: 'NetworkPolicy allows ingress from other namespaces',
        severity: 'medium',
        enabledByDefault: false,
        category: 'network',
        rationale: 'Where namespaces separate teams or tenants, ingress from other namespaces should be the exception. A namespaceSelector (or a rule without peers) opens the workload to pods of other namespaces.',
        remediation: 'Limit ingress peers to podSelectors in the same namespace, or name the allowed namespaces explicitly with `kubernetes.io/metadata.name` and list them in the rule option `allowedNamespaces`.',
        example: 'ingress:\n- from:\n  - podSelector:\n      matchLabels: { app: frontend }',
        references: [NETPOL_DOC],
        options: {
            allowedNamespaces: {
                type: 'string[]',
                description: 'Namespaces from which ingress is acceptable (e.g. the ingress controller namespace).',
                default: [],
            },
        },
    },
    *check(obj, ctx) {
        if (!isKind(obj, 'NetworkPolicy', ['networking.k8s.io', 'extensions']))
            return;
        const spec = specOf(obj);
        if (!policyTypes(spec).has('Ingress'))
            return;
        const allowed = new Set(optList(ctx, 'allowedNamespaces', []));
        if (obj.ref.namespace)
            allowed.add(obj.ref.namespace);
        const rules = arr(spec.ingress);
        for (let i = 0; i < rules.length; i++) {
            const r = rules[i];
            const peers = (0,podspec/* isObj */.sA)(r) ? arr(r.from) : [];
            if (!peers.length) {
                yield { path: ['spec', 'ingress', i], message: `ingress rule ${i} has no peers: it allows every namespace` };
                continue;
            }
            for (let j = 0; j < peers.length; j++) {
                const p = peers[j];
                if (!(0,podspec/* isObj */.sA)(p))
                    continue;
                if ((0,podspec/* isObj */.sA)(p.ipBlock))
                    continue;
                if (p.namespaceSelector === undefined || p.namespaceSelector === null)
                    continue;
                const names = namesOfNamespaceSelector(p.namespaceSelector);
                if (names && names.every((n) => allowed.has(n)))
                    continue;
                yield {
                    path: ['spec', 'ingress', i, 'from', j, 'namespaceSelector'],
                    message: names
                        ? `ingress rule ${i} allows namespaces ${list(names.filter((n) => !allowed.has(n)))}`
                        : `ingress rule ${i} allows pods of other namespaces (namespaceSelector by label)`,
                };
            }
        }
    },
};
// ---------- network-policy-dangling ----------
const networkPolicyDangling = {
    meta: {
        id: 'network-policy-dangling',
        title: 'NetworkPolicy selector matches no workload',
        severity: 'low',
        enabledByDefault: true,
        category: 'network',
        rationale: 'A policy whose podSelector matches no pod protects nothing, usually because of a label typo; the workload it was meant for stays unisolated. Peer selectors that match nothing silently block the traffic they were meant to allow.',
        remediation: 'Fix the labels in the podSelector (or the peer podSelector) to match the pod template labels of the intended workload, or remove the stale policy.',
        example: 'spec:\n  podSelector:\n    matchLabels: { app: web }   # the Deployment template has labels { app: web }',
        references: [NETPOL_DOC],
    },
    *checkAll(ctx) {
        const inv = inventory(ctx);
        if (!inv.workloads.length)
            return;
        const hint = `${inSet(ctx)}${outside(ctx, 'its pods')}`;
        for (const p of policies(ctx)) {
            const ns = p.obj.ref.namespace;
            if (!isEmptySelector(p.podSelector) &&
                !inv.workloadsSelectedBy(p.podSelector, ns).length &&
                !operatorManaged(ctx, selectorValues(p.podSelector), ns)) {
                yield {
                    object: p.obj,
                    path: ['spec', 'podSelector'],
                    message: `podSelector of ${label(p.obj)} matches no workload ${hint}`,
                };
            }
            for (const [key, peersKey] of [
                ['ingress', 'from'],
                ['egress', 'to'],
            ]) {
                const rules = arr(p.spec[key]);
                for (let i = 0; i < rules.length; i++) {
                    const r = rules[i];
                    if (!(0,podspec/* isObj */.sA)(r))
                        continue;
                    const peers = arr(r[peersKey]);
                    for (let j = 0; j < peers.length; j++) {
                        const peer = peers[j];
                        // peers with a namespaceSelector may select pods of namespaces outside the set
                        if (!(0,podspec/* isObj */.sA)(peer) || peer.namespaceSelector !== undefined || !(0,podspec/* isObj */.sA)(peer.podSelector))
                            continue;
                        if (isEmptySelector(peer.podSelector))
                            continue;
                        if (inv.workloadsSelectedBy(peer.podSelector, ns).length)
                            continue;
                        if (operatorManaged(ctx, selectorValues(peer.podSelector), ns))
                            continue;
                        yield {
                            object: p.obj,
                            path: ['spec', key, i, peersKey, j, 'podSelector'],
                            message: `${key} peer podSelector matches no workload ${hint}`,
                        };
                    }
                }
            }
        }
    },
};
// ---------- service-exposed ----------
const serviceExposed = {
    meta: {
        id: 'service-exposed',
        title: 'Service exposed outside the cluster',
        severity: 'low',
        enabledByDefault: true,
        category: 'network',
        rationale: 'NodePort Services open a port on every node and LoadBalancer Services get an external address: both expose the workload beyond the cluster network, often bypassing the ingress layer that does TLS and authentication.',
        remediation: 'Use a ClusterIP Service behind an Ingress or Gateway. If external exposure is intended, restrict it with `loadBalancerSourceRanges` and list the type in the rule option `allowedTypes`.',
        example: 'spec:\n  type: ClusterIP',
        references: [`${SVC_DOC}#publishing-services-service-types`],
        options: {
            allowedTypes: {
                type: 'string[]',
                description: 'Service types that are acceptable (NodePort, LoadBalancer).',
                default: [],
            },
        },
    },
    *check(obj, ctx) {
        if (!isKind(obj, 'Service', ''))
            return;
        const t = specOf(obj).type;
        if (t !== 'NodePort' && t !== 'LoadBalancer')
            return;
        if (optList(ctx, 'allowedTypes', []).includes(t))
            return;
        yield { path: ['spec', 'type'], message: `Service type ${t} exposes the workload outside the cluster` };
    },
};
// ---------- service-external-ips ----------
const serviceExternalIps = {
    meta: {
        id: 'service-external-ips',
        title: 'Service with externalIPs',
        severity: 'high',
        enabledByDefault: true,
        category: 'network',
        rationale: 'Anyone who can create a Service with externalIPs can intercept traffic to those addresses from inside the cluster (CVE-2020-8554): cluster nodes route traffic for the IP to the Service.',
        remediation: 'Remove `externalIPs`; use a LoadBalancer Service or an Ingress instead, and block externalIPs cluster-wide with an admission policy (the DenyServiceExternalIPs admission plugin).',
        example: 'spec:\n  type: LoadBalancer\n  ports:\n  - port: 443',
        references: ['https://github.com/kubernetes/kubernetes/issues/97076', `${SVC_DOC}#external-ips`],
    },
    *check(obj) {
        if (!isKind(obj, 'Service', ''))
            return;
        const ips = arr(specOf(obj).externalIPs);
        if (!ips.length)
            return;
        yield {
            path: ['spec', 'externalIPs'],
            message: `Service sets externalIPs ${list(ips.map(String))} (CVE-2020-8554: traffic to these IPs can be intercepted)`,
        };
    },
};
// ---------- service-dangling ----------
const serviceDangling = {
    meta: {
        id: 'service-dangling',
        title: 'Service selects no workload',
        severity: 'low',
        enabledByDefault: true,
        category: 'network',
        rationale: 'A Service whose selector matches no pod has no endpoints: clients get connection errors, usually because the selector and the pod template labels drifted apart.',
        remediation: 'Make the Service selector match the pod template labels of the workload that serves it.',
        example: 'kind: Service\nspec:\n  selector: { app: web }   # Deployment template: labels { app: web }\n  ports:\n  - port: 80\n    targetPort: http',
        references: [SVC_DOC],
    },
    *checkAll(ctx) {
        const inv = inventory(ctx);
        if (!inv.workloads.length)
            return;
        for (const s of services(ctx)) {
            const spec = specOf(s);
            if (spec.type === 'ExternalName')
                continue;
            const sel = spec.selector;
            if (!(0,podspec/* isObj */.sA)(sel) || !Object.keys(sel).length)
                continue;
            if (serviceTargets(ctx, s).length)
                continue;
            if (operatorManaged(ctx, stringMap(sel), s.ref.namespace))
                continue;
            yield {
                object: s,
                path: ['spec', 'selector'],
                message: `selector ${Object.entries(stringMap(sel))
                    .map(([k, v]) => `${k}=${v}`)
                    .join(',')} of ${label(s)} matches no workload ${inSet(ctx)}${outside(ctx, 'its pods')}`,
            };
        }
    },
};
// ---------- servicemonitor-dangling ----------
const serviceMonitorDangling = {
    meta: {
        id: 'servicemonitor-dangling',
        title: 'ServiceMonitor selects no Service',
        severity: 'low',
        enabledByDefault: true,
        category: 'network',
        rationale: 'A Prometheus-operator ServiceMonitor that selects no Service scrapes nothing: metrics and the alerts built on them silently disappear.',
        remediation: 'Make spec.selector match the labels of the Service (not the pods), and spec.namespaceSelector include its namespace (`any: true` or `matchNames`).',
        example: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nspec:\n  selector:\n    matchLabels: { app: web }   # labels of the Service\n  namespaceSelector:\n    matchNames: [shop]\n  endpoints:\n  - port: metrics',
        references: ['https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor'],
    },
    *checkAll(ctx) {
        const svcs = services(ctx);
        if (!svcs.length)
            return;
        for (const m of inventory(ctx).byKind('ServiceMonitor')) {
            if (groupOf(m.ref.apiVersion) !== 'monitoring.coreos.com')
                continue;
            const spec = specOf(m);
            const sel = spec.selector;
            if (!(0,podspec/* isObj */.sA)(sel))
                continue;
            const nsSel = (0,podspec/* isObj */.sA)(spec.namespaceSelector) ? spec.namespaceSelector : {};
            const any = (0,podspec/* boolOf */.Ul)(nsSel.any) === true;
            const names = strs(nsSel.matchNames);
            const inScope = (s) => {
                if (any)
                    return true;
                if (names.length)
                    return s.ref.namespace === undefined || names.includes(s.ref.namespace);
                return sameNamespace(s.ref.namespace, m.ref.namespace);
            };
            // a LabelSelector: plain-map shape is not valid here, only matchLabels/matchExpressions
            const labelSel = 'matchLabels' in sel || 'matchExpressions' in sel ? sel : { matchLabels: {} };
            if (svcs.some((s) => inScope(s) &&
                matchesSelector(labelSel, stringMap(s.data.metadata && s.data.metadata.labels))))
                continue;
            yield {
                object: m,
                path: ['spec', 'selector'],
                message: `${label(m)} selects no Service ${inSet(ctx)}${names.length ? ` (namespaces ${list(names)})` : any ? '' : ' (same namespace)'}${outside(ctx, 'the Service')}`,
            };
        }
    },
};
// ---------- ingress-tls ----------
function isIngress(obj) {
    return isKind(obj, 'Ingress', ['networking.k8s.io', 'extensions']);
}
/** Cloud load balancer controllers that terminate TLS with certificates named in annotations. */
const TLS_ANNOTATIONS = new Set([
    'networking.gke.io/managed-certificates',
    'ingress.gcp.kubernetes.io/pre-shared-cert',
    'alb.ingress.kubernetes.io/certificate-arn',
    'appgw.ingress.kubernetes.io/appgw-ssl-certificate',
    'service.beta.kubernetes.io/aws-load-balancer-ssl-cert',
]);
const ingressTls = {
    meta: {
        id: 'ingress-tls',
        title: 'Ingress without TLS',
        severity: 'medium',
        enabledByDefault: true,
        category: 'network',
        rationale: 'An Ingress without a `tls` section serves its hosts over plain HTTP: credentials, cookies and data cross the network unencrypted and can be read or altered in transit.',
        remediation: 'Add a `tls` section naming the hosts and a Secret holding the certificate (cert-manager can issue and renew it). Certificates attached by cloud load balancer annotations (GKE managed certificates, AWS certificate-arn, ...) count as TLS.',
        example: 'spec:\n  tls:\n  - hosts: [shop.example.com]\n    secretName: shop-tls',
        references: [`${ING_DOC}#tls`],
    },
    *check(obj) {
        if (!isIngress(obj))
            return;
        if (arr(specOf(obj).tls).length)
            return;
        const ann = stringMap((0,podspec/* isObj */.sA)(obj.data.metadata) ? obj.data.metadata.annotations : undefined);
        if (Object.keys(ann).some((k) => TLS_ANNOTATIONS.has(k)))
            return;
        yield { path: ['spec', 'tls'], message: `${label(obj)} has no tls section: its hosts are served over plain HTTP` };
    },
};
// ---------- ingress-nginx-snippet ----------
const SNIPPET = /^(?:nginx\.ingress\.kubernetes\.io\/[a-z-]*snippet|nginx\.org\/(?:server|location)-snippets)$/;
const ingressNginxSnippet = {
    meta: {
        id: 'ingress-nginx-snippet',
        title: 'ingress-nginx snippet annotation',
        severity: 'high',
        enabledByDefault: true,
        category: 'network',
        rationale: 'Snippet annotations inject raw NGINX configuration into the shared controller. Whoever can create an Ingress can read the controller service account token and every Secret in the cluster with them (CVE-2021-25742, CVE-2023-5044, CVE-2025-1974 family).',
        remediation: 'Replace configuration-snippet, server-snippet, auth-snippet and similar annotations with the dedicated annotations of ingress-nginx, and keep `allow-snippet-annotations: "false"` in the controller ConfigMap.',
        example: 'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-body-size: 8m   # dedicated annotation instead of a snippet',
        references: [
            'https://github.com/kubernetes/ingress-nginx/issues/7837',
            'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/',
        ],
    },
    *check(obj) {
        if (isKind(obj, 'ConfigMap', '') && (0,podspec/* isObj */.sA)(obj.data.data)) {
            // the controller ConfigMap: snippet annotations allowed for every Ingress author
            const v = obj.data.data['allow-snippet-annotations'];
            if ((0,podspec/* boolOf */.Ul)(v) === true)
                yield {
                    path: ['data', 'allow-snippet-annotations'],
                    message: 'ingress-nginx controller ConfigMap allows snippet annotations on every Ingress',
                };
            return;
        }
        if (!isIngress(obj))
            return;
        const ann = obj.data.metadata && obj.data.metadata.annotations;
        if (!(0,podspec/* isObj */.sA)(ann))
            return;
        for (const k of Object.keys(ann)) {
            if (!SNIPPET.test(k))
                continue;
            yield {
                path: ['metadata', 'annotations', k],
                message: `annotation ${k} injects raw NGINX configuration into the ingress controller`,
            };
        }
    },
};
function backendsOf(obj) {
    const spec = specOf(obj);
    const out = [];
    const add = (b, path) => {
        if (!(0,podspec/* isObj */.sA)(b))
            return;
        if ((0,podspec/* isObj */.sA)(b.service) && typeof b.service.name === 'string') {
            const port = (0,podspec/* isObj */.sA)(b.service.port) ? (b.service.port.number ?? b.service.port.name) : undefined;
            const key = (0,podspec/* isObj */.sA)(b.service.port) ? (b.service.port.number !== undefined ? 'number' : 'name') : undefined;
            out.push({
                path: [...path, 'service', 'name'],
                service: b.service.name,
                port,
                portPath: key ? [...path, 'service', 'port', key] : [...path, 'service'],
            });
        }
        else if (typeof b.serviceName === 'string') {
            out.push({
                path: [...path, 'serviceName'],
                service: b.serviceName,
                port: b.servicePort,
                portPath: [...path, 'servicePort'],
            });
        }
    };
    add(spec.defaultBackend, ['spec', 'defaultBackend']);
    add(spec.backend, ['spec', 'backend']);
    arr(spec.rules).forEach((r, i) => {
        if (!(0,podspec/* isObj */.sA)(r) || !(0,podspec/* isObj */.sA)(r.http))
            return;
        arr(r.http.paths).forEach((p, j) => {
            if ((0,podspec/* isObj */.sA)(p))
                add(p.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend']);
        });
    });
    return out;
}
function servicePortMatches(svc, port) {
    if (port === undefined || port === null || port === '')
        return true;
    for (const p of arr(specOf(svc).ports)) {
        if (!(0,podspec/* isObj */.sA)(p))
            continue;
        if (typeof port === 'number' && Number(p.port) === port)
            return true;
        if (typeof port === 'string' && (p.name === port || String(p.port) === port))
            return true;
    }
    return false;
}
const ingressDangling = {
    meta: {
        id: 'ingress-dangling',
        title: 'Ingress backend Service or port missing',
        severity: 'low',
        enabledByDefault: true,
        category: 'network',
        rationale: 'An Ingress path whose backend Service (or port) does not exist returns 503 errors; often the Service was renamed or its port name changed.',
        remediation: 'Point the backend at an existing Service in the same namespace and at one of its port numbers or names.',
        example: 'backend:\n  service:\n    name: web      # a Service in the namespace\n    port:\n      name: http   # one of its ports',
        references: [ING_DOC],
    },
    *checkAll(ctx) {
        const svcs = services(ctx);
        if (!svcs.length)
            return;
        const inv = inventory(ctx);
        for (const ing of [...inv.byKind('Ingress')].filter(isIngress)) {
            for (const b of backendsOf(ing)) {
                // AWS Load Balancer Controller actions: the "service" is an annotation-defined action
                if (b.port === 'use-annotation')
                    continue;
                const found = inv.find('Service', b.service, ing.ref.namespace).filter((s) => groupOf(s.ref.apiVersion) === '');
                if (!found.length) {
                    yield {
                        object: ing,
                        path: b.path,
                        message: `backend Service "${b.service}" is not ${inSet(ctx)}${outside(ctx, 'it')}`,
                    };
                }
                else if (!found.some((s) => servicePortMatches(s, b.port))) {
                    yield {
                        object: ing,
                        path: b.portPath,
                        message: `backend Service "${b.service}" has no port ${JSON.stringify(b.port)}`,
                    };
                }
            }
        }
    },
};
// ---------- invalid-target-port ----------
/** Why a port name is not a valid IANA_SVC_NAME, or undefined when it is. */
function ianaSvcNameProblem(name) {
    if (name.length === 0)
        return 'is empty';
    if (name.length > 15)
        return 'is longer than 15 characters';
    if (!/^[a-z0-9-]+$/.test(name))
        return 'may contain only lowercase letters, digits and "-"';
    if (!/[a-z]/.test(name))
        return 'must contain at least one letter';
    if (name.startsWith('-') || name.endsWith('-'))
        return 'must not begin or end with "-"';
    if (name.includes('--'))
        return 'must not contain "--"';
    return undefined;
}
const invalidTargetPort = {
    meta: {
        id: 'invalid-target-port',
        title: 'Invalid or unknown port name',
        severity: 'low',
        enabledByDefault: true,
        category: 'network',
        rationale: 'A named targetPort must be one of the selected pods’ container port names, and port names must be valid IANA service names (at most 15 lowercase letters, digits and dashes, with a letter). Otherwise the Service has no working endpoints, or the manifest is rejected.',
        remediation: 'Name container ports with valid IANA service names and refer to one of them (or to a port number) in the Service targetPort. A quoted number such as "8080" is read as a name: write it unquoted.',
        example: 'containers:\n- name: web\n  ports:\n  - name: http\n    containerPort: 8080\n---\nkind: Service\nspec:\n  ports:\n  - port: 80\n    targetPort: http',
        references: [`${SVC_DOC}#field-spec-ports`, 'https://www.rfc-editor.org/rfc/rfc6335#section-5.1'],
    },
    *checkAll(ctx) {
        const inv = inventory(ctx);
        const out = [];
        // container port names
        for (const w of inv.workloads) {
            for (const t of [w.template])
                for (const c of (0,podspec/* containersOf */.Mz)(t)) {
                    arr(c.container.ports).forEach((p, i) => {
                        if (!(0,podspec/* isObj */.sA)(p) || typeof p.name !== 'string')
                            return;
                        const why = ianaSvcNameProblem(p.name);
                        if (why)
                            out.push({
                                object: w.obj,
                                path: [...c.path, 'ports', i, 'name'],
                                message: `port name "${p.name}" of container "${c.name}" ${why}`,
                            });
                    });
                }
        }
        // Service targetPorts
        for (const s of services(ctx)) {
            const spec = specOf(s);
            const selected = serviceTargets(ctx, s);
            arr(spec.ports).forEach((p, i) => {
                if (!(0,podspec/* isObj */.sA)(p) || typeof p.targetPort !== 'string')
                    return;
                const name = p.targetPort;
                const path = ['spec', 'ports', i, 'targetPort'];
                if (/^\d+$/.test(name)) {
                    out.push({
                        object: s,
                        path,
                        message: `targetPort "${name}" is a quoted number, which Kubernetes reads as a port name; write it unquoted`,
                    });
                    return;
                }
                const why = ianaSvcNameProblem(name);
                if (why) {
                    out.push({ object: s, path, message: `targetPort name "${name}" ${why}` });
                    return;
                }
                if (!selected.length)
                    return;
                const names = new Set();
                for (const w of selected)
                    for (const c of (0,podspec/* containersOf */.Mz)(w.template)) {
                        if (c.type !== 'container')
                            continue;
                        for (const cp of arr(c.container.ports))
                            if ((0,podspec/* isObj */.sA)(cp) && typeof cp.name === 'string')
                                names.add(cp.name);
                    }
                if (names.has(name))
                    return;
                out.push({
                    object: s,
                    path,
                    message: `targetPort "${name}" is not a container port name of the selected pods (${list(selected.map((w) => label(w.obj)))})${names.size ? `; names: ${list([...names].sort())}` : ''}`,
                });
            });
        }
        yield* out;
    },
};
const network_rules = [
    networkPolicyMissing,
    namespaceDefaultDeny,
    networkPolicyAllowAll,
    networkPolicyCrossNamespace,
    networkPolicyDangling,
    serviceExposed,
    serviceExternalIps,
    serviceDangling,
    serviceMonitorDangling,
    ingressTls,
    ingressNginxSnippet,
    ingressDangling,
    invalidTargetPort,
];

;// CONCATENATED MODULE: ./src/core/rules/rbac.ts



const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_DOC = 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/';
const GOOD_PRACTICES = 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/';
function isRbac(o) {
    return groupOf(o.ref.apiVersion) === RBAC_GROUP;
}
function isSystemName(name) {
    return name.startsWith('system:');
}
/** What the built-in `edit` ClusterRole grants that the RBAC rules judge. */
const EDIT_RULES = [
    {
        apiGroups: [''],
        resources: ['secrets', 'pods', 'pods/exec', 'pods/attach'],
        verbs: ['get', 'list', 'watch', 'create', 'delete', 'patch', 'update'],
    },
    {
        apiGroups: ['apps'],
        resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'],
        verbs: ['create', 'update', 'patch', 'delete'],
    },
    { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
    { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
];
/** Built-in user-facing ClusterRoles, used when a binding refers to one that is not in the set. */
const BUILTIN_ROLES = {
    'cluster-admin': [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['*'] },
    ],
    // admin aggregates edit, plus managing Roles and RoleBindings in the namespace
    admin: [
        ...EDIT_RULES,
        { apiGroups: [RBAC_GROUP], resources: ['roles', 'rolebindings'], verbs: ['create', 'update', 'patch', 'delete'] },
    ],
    edit: EDIT_RULES,
    view: [
        {
            apiGroups: ['', 'apps', 'batch'],
            resources: ['pods', 'services', 'deployments', 'jobs'],
            verbs: ['get', 'list', 'watch'],
        },
    ],
};
function builtinRole(name) {
    const rules = BUILTIN_ROLES[name];
    if (!rules)
        return undefined;
    const role = {
        obj: undefined,
        kind: 'ClusterRole',
        name,
        namespace: undefined,
        labels: {},
        own: [],
        effective: [],
        aggregatedInto: [],
        bindings: [],
    };
    role.own = rules.map((rule, index) => ({ rule, role, index }));
    role.effective = role.own;
    return role;
}
function buildIndex(ctx) {
    const inv = inventory(ctx);
    const roles = [];
    for (const kind of ['Role', 'ClusterRole']) {
        for (const obj of inv.byKind(kind)) {
            if (!isRbac(obj))
                continue;
            const md = (0,podspec/* isObj */.sA)(obj.data.metadata) ? obj.data.metadata : {};
            const role = {
                obj,
                kind,
                name: obj.ref.name,
                namespace: kind === 'Role' ? obj.ref.namespace : undefined,
                labels: stringMap(md.labels),
                own: [],
                effective: [],
                aggregatedInto: [],
                bindings: [],
            };
            role.own = arr(obj.data.rules).flatMap((rule, index) => ((0,podspec/* isObj */.sA)(rule) ? [{ rule, role, index }] : []));
            roles.push(role);
        }
    }
    const clusterRoles = roles.filter((r) => r.kind === 'ClusterRole');
    for (const r of roles) {
        r.effective = [...r.own];
        if (r.kind !== 'ClusterRole' || !r.obj)
            continue;
        const agg = r.obj.data.aggregationRule;
        if (!(0,podspec/* isObj */.sA)(agg))
            continue;
        const selectors = arr(agg.clusterRoleSelectors);
        for (const other of clusterRoles) {
            if (other === r)
                continue;
            if (!selectors.some((s) => matchesSelector(s, other.labels)))
                continue;
            r.effective.push(...other.own);
            other.aggregatedInto.push(r);
        }
    }
    const builtins = new Map();
    const bindings = [];
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
        for (const obj of inv.byKind(kind)) {
            if (!isRbac(obj))
                continue;
            const ref = (0,podspec/* isObj */.sA)(obj.data.roleRef) ? obj.data.roleRef : {};
            const roleRefKind = typeof ref.kind === 'string' ? ref.kind : '';
            const roleRefName = typeof ref.name === 'string' ? ref.name : '';
            let candidates = [];
            if (roleRefKind === 'Role' && kind === 'RoleBinding') {
                candidates = roles.filter((r) => r.kind === 'Role' &&
                    r.name === roleRefName &&
                    (r.namespace === undefined || obj.ref.namespace === undefined || r.namespace === obj.ref.namespace));
            }
            else if (roleRefKind === 'ClusterRole') {
                candidates = roles.filter((r) => r.kind === 'ClusterRole' && r.name === roleRefName);
                if (!candidates.length && BUILTIN_ROLES[roleRefName]) {
                    if (!builtins.has(roleRefName))
                        builtins.set(roleRefName, builtinRole(roleRefName));
                    candidates = [builtins.get(roleRefName)];
                }
            }
            // the same role may be defined in several files: prefer the one next to the binding
            const role = candidates.find((r) => r.obj?.file !== undefined && r.obj.file === obj.file) ?? candidates[0];
            const b = {
                obj,
                subjects: arr(obj.data.subjects).filter(podspec/* isObj */.sA),
                role,
                roleRefKind,
                roleRefName,
            };
            bindings.push(b);
            if (!isSystemName(obj.ref.name))
                for (const r of candidates)
                    r.bindings.push(b);
        }
    }
    return { roles, bindings };
}
function rbacIndex(ctx) {
    return ctx.memo('rbac:index', () => buildIndex(ctx));
}
/** `ServiceAccount shop/web`, `User alice`, `Group devs`. */
function describeSubject(s, bindingNs) {
    const kind = typeof s.kind === 'string' ? s.kind : 'Subject';
    const name = typeof s.name === 'string' ? s.name : '?';
    if (kind === 'ServiceAccount') {
        const ns = typeof s.namespace === 'string' ? s.namespace : bindingNs;
        return `ServiceAccount ${ns ? `${ns}/` : ''}${name}`;
    }
    return `${kind} ${name}`;
}
/** Joins phrases, merging ones that share their first word: "create pods", "create jobs" -> "create pods, jobs". */
function joinWhats(whats, max = 6) {
    const groups = new Map();
    for (const w of whats) {
        const sp = w.indexOf(' ');
        const head = sp === -1 ? w : w.slice(0, sp);
        const rest = sp === -1 ? '' : w.slice(sp + 1);
        const g = groups.get(head) ?? [];
        if (rest && !g.includes(rest))
            g.push(rest);
        groups.set(head, g);
    }
    const parts = [...groups].map(([head, rests]) => (rests.length ? `${head} ${list(rests, max)}` : head));
    return parts.join('; ');
}
function subjectsText(b) {
    if (!b.subjects.length)
        return 'no subjects';
    return list(b.subjects.map((s) => describeSubject(s, b.obj.ref.namespace)));
}
// ---------- matching helpers ----------
function has(values, v) {
    return values.includes('*') || values.includes(v);
}
function view(rule) {
    return {
        verbs: strs(rule.verbs),
        groups: strs(rule.apiGroups),
        resources: strs(rule.resources),
        resourceNames: strs(rule.resourceNames),
        nonResourceURLs: strs(rule.nonResourceURLs),
    };
}
/** Does the rule cover resource `res` (e.g. 'pods/exec') in one of `groups`? */
function coversResource(r, groups, res) {
    if (!groups.some((g) => has(r.groups, g)))
        return false;
    if (has(r.resources, res))
        return true;
    const slash = res.indexOf('/');
    // `pods/*` covers every subresource of pods
    return slash !== -1 && r.resources.includes(`${res.slice(0, slash)}/*`);
}
function anyVerb(r, verbs) {
    if (r.verbs.includes('*'))
        return ['*'];
    return verbs.filter((v) => r.verbs.includes(v));
}
// ---------- the reporting skeleton ----------
/** cluster-admin is reported once, by rbac-cluster-admin-binding. */
function skip(role) {
    return role.kind === 'ClusterRole' && role.name === 'cluster-admin';
}
function rbacRule(meta, detect) {
    return {
        meta,
        *checkAll(ctx) {
            const idx = rbacIndex(ctx);
            const out = [];
            const grantsOf = (role) => {
                const found = [];
                for (const pr of role.effective)
                    for (const g of detect(view(pr.rule), ctx))
                        found.push({ pr, g });
                return found;
            };
            for (const b of idx.bindings) {
                const role = b.role;
                if (!role || isSystemName(b.obj.ref.name) || isSystemName(role.name))
                    continue;
                if (skip(role))
                    continue;
                const found = grantsOf(role);
                if (!found.length)
                    continue;
                const whats = [...new Set(found.map((f) => f.g.what))];
                const where = [
                    ...new Set(found.map((f) => f.pr.role === role ? `rules[${f.pr.index}]` : `${f.pr.role.name} rules[${f.pr.index}] (aggregated)`)),
                ];
                out.push({
                    object: b.obj,
                    path: ['roleRef', 'name'],
                    message: `${subjectsText(b)} can ${joinWhats(whats)} through ${role.kind} "${role.name}"${role.obj ? ` (${list(where)})` : ' (built-in)'}`,
                    details: { subjects: subjectsText(b), role: `${role.kind}/${role.name}` },
                });
            }
            // roles granted by no binding in the set: report on the role's rules
            for (const role of idx.roles) {
                if (!role.obj || isSystemName(role.name) || skip(role))
                    continue;
                if (role.bindings.length)
                    continue;
                if (role.aggregatedInto.some((a) => a.bindings.length && !isSystemName(a.name)))
                    continue;
                const byPath = new Map();
                for (const pr of role.own) {
                    for (const g of detect(view(pr.rule), ctx)) {
                        const path = ['rules', pr.index, g.field];
                        const k = `${pr.index}.${g.field}`;
                        const e = byPath.get(k) ?? { path, whats: new Set() };
                        e.whats.add(g.what);
                        byPath.set(k, e);
                    }
                }
                for (const { path, whats } of byPath.values()) {
                    out.push({
                        object: role.obj,
                        path,
                        message: `${label(role.obj)} grants the permission to ${joinWhats([...whats])} (bound by no binding ${ctx.mode === 'live' ? 'in the cluster' : 'in the scanned set'})`,
                    });
                }
            }
            yield* out;
        },
    };
}
// ---------- the rules ----------
const rbacWildcard = rbacRule({
    id: 'rbac-wildcard',
    title: 'RBAC wildcard',
    severity: 'high',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.3',
    rationale: 'A `*` in verbs, resources or apiGroups grants every current and future permission of that dimension, including ones added later by CRDs and new Kubernetes versions (escalate, impersonate, secrets ...).',
    remediation: 'List the exact verbs, resources and API groups the subject needs instead of `*`.',
    example: 'rules:\n- apiGroups: [apps]\n  resources: [deployments]\n  verbs: [get, list, watch, update, patch]',
    references: [GOOD_PRACTICES, RBAC_DOC],
}, (r) => {
    const out = [];
    if (r.verbs.includes('*'))
        out.push({ field: 'verbs', what: 'use every verb (`*`)' });
    if (r.resources.includes('*'))
        out.push({ field: 'resources', what: 'access every resource (`*`)' });
    if (r.groups.includes('*'))
        out.push({ field: 'apiGroups', what: 'access every API group (`*`)' });
    if (r.nonResourceURLs.includes('*'))
        out.push({ field: 'nonResourceURLs', what: 'access every non-resource URL (`*`)' });
    return out;
});
const rbacClusterAdminBinding = {
    meta: {
        id: 'rbac-cluster-admin-binding',
        title: 'Binding to cluster-admin',
        severity: 'critical',
        enabledByDefault: true,
        category: 'rbac',
        cis: '5.1.1',
        rationale: 'cluster-admin is superuser access to every resource in every namespace. Bound to a workload service account, one compromised pod owns the cluster; bound to people, it bypasses every other control.',
        remediation: 'Bind a Role or ClusterRole that grants only what the subject needs; keep cluster-admin for break-glass accounts managed outside the manifests.',
        example: 'kind: RoleBinding\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit        # or a custom role\nsubjects:\n- kind: ServiceAccount\n  name: deployer\n  namespace: shop',
        references: [`${RBAC_DOC}#user-facing-roles`, GOOD_PRACTICES],
    },
    *checkAll(ctx) {
        for (const b of rbacIndex(ctx).bindings) {
            if (b.roleRefKind !== 'ClusterRole' || b.roleRefName !== 'cluster-admin' || isSystemName(b.obj.ref.name))
                continue;
            yield {
                object: b.obj,
                path: ['roleRef', 'name'],
                message: `${subjectsText(b)} ${b.subjects.length === 1 ? 'is' : 'are'} bound to cluster-admin${b.obj.ref.kind === 'RoleBinding' ? ` in namespace ${b.obj.ref.namespace ?? '(unset)'}` : ' cluster-wide'}`,
                details: { subjects: subjectsText(b) },
            };
        }
    },
};
const READ = ['get', 'list', 'watch'];
const CORE = [''];
const rbacSecretsAccess = rbacRule({
    id: 'rbac-secrets-access',
    title: 'RBAC read access to Secrets',
    severity: 'high',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.2',
    rationale: 'get, list or watch on secrets reveals every Secret in scope: service account tokens, TLS keys, database passwords. `list` and `watch` return the values too, not just the names.',
    remediation: 'Mount the Secrets the workload needs instead of reading them through the API, or restrict the rule with resourceNames to the specific Secrets.',
    example: 'rules:\n- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [app-config]\n  verbs: [get]',
    references: [GOOD_PRACTICES],
    options: {
        allowResourceNames: {
            type: 'boolean',
            description: 'Accept rules limited to specific Secrets with resourceNames.',
            default: true,
        },
    },
}, (r, ctx) => {
    if (!coversResource(r, CORE, 'secrets'))
        return [];
    if (r.resourceNames.length && ctx.options.allowResourceNames !== false)
        return [];
    const v = anyVerb(r, READ);
    return v.length ? [{ field: 'resources', what: `${v.join('/')} secrets` }] : [];
});
const WORKLOADS = [
    [[''], 'pods'],
    [[''], 'replicationcontrollers'],
    [['apps', 'extensions'], 'deployments'],
    [['apps', 'extensions'], 'replicasets'],
    [['apps', 'extensions'], 'daemonsets'],
    [['apps'], 'statefulsets'],
    [['batch'], 'jobs'],
    [['batch'], 'cronjobs'],
];
const rbacPodCreate = rbacRule({
    id: 'rbac-pod-create',
    title: 'RBAC permission to create pods or workloads',
    severity: 'medium',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.4',
    rationale: 'Whoever can create pods (directly or through Deployments, Jobs ...) in a namespace can run them as any service account of the namespace and mount its Secrets, gaining every permission those have.',
    remediation: 'Grant workload creation only to deployment pipelines and controllers that need it, in the namespaces they manage; enforce Pod Security admission on those namespaces.',
    example: 'rules:\n- apiGroups: [apps]\n  resources: [deployments]\n  verbs: [get, list, watch]',
    references: [GOOD_PRACTICES],
}, (r) => {
    const v = anyVerb(r, ['create']);
    if (!v.length)
        return [];
    return WORKLOADS.filter(([groups, name]) => coversResource(r, groups, name)).map(([, n]) => ({
        field: 'resources',
        what: `create ${n}`,
    }));
});
const rbacExec = rbacRule({
    id: 'rbac-exec',
    title: 'RBAC permission to exec or attach into pods',
    severity: 'high',
    enabledByDefault: true,
    category: 'rbac',
    rationale: 'pods/exec and pods/attach give a shell in running containers: their mounted Secrets, service account tokens and network position. The verbs `create` and `get` both grant it (websocket upgrades use GET).',
    remediation: 'Remove pods/exec and pods/attach from roles used by workloads and automation; grant them to people only through audited, time-limited access.',
    example: 'rules:\n- apiGroups: [""]\n  resources: [pods, pods/log]\n  verbs: [get, list]',
    references: [GOOD_PRACTICES],
}, (r) => {
    const v = anyVerb(r, ['create', 'get']);
    if (!v.length)
        return [];
    const res = ['pods/exec', 'pods/attach'].filter((x) => coversResource(r, CORE, x));
    return res.length ? [{ field: 'resources', what: `${v.join('/')} ${res.join(' and ')}` }] : [];
});
const ESCALATION = [
    ['bind', [RBAC_GROUP], ['roles', 'clusterroles']],
    ['escalate', [RBAC_GROUP], ['roles', 'clusterroles']],
    ['impersonate', ['', 'authentication.k8s.io'], ['users', 'groups', 'serviceaccounts', 'uids', 'userextras']],
];
const rbacEscalationVerbs = rbacRule({
    id: 'rbac-escalation-verbs',
    title: 'RBAC privilege escalation verbs',
    severity: 'critical',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.8',
    rationale: '`bind` and `escalate` on roles let a subject grant itself permissions it does not have; `impersonate` lets it act as any user, group or service account. Each is a path to cluster-admin.',
    remediation: 'Remove bind, escalate and impersonate (and `*` verbs on roles, users, groups and service accounts) from the role.',
    example: 'rules:\n- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles, rolebindings]\n  verbs: [get, list, watch]',
    references: [`${RBAC_DOC}#privilege-escalation-prevention-and-bootstrapping`, GOOD_PRACTICES],
}, (r) => {
    const out = [];
    for (const [verb, groups, resources] of ESCALATION) {
        if (r.verbs.includes(verb))
            out.push(verb);
        else if (r.verbs.includes('*') && resources.some((res) => coversResource(r, groups, res)))
            out.push(`${verb} (via \`*\`)`);
    }
    return out.length ? [{ field: 'verbs', what: out.join(', ') }] : [];
});
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const SENSITIVE = [
    {
        groups: ['admissionregistration.k8s.io'],
        resource: 'validatingwebhookconfigurations',
        verbs: WRITE,
        what: 'write validating webhook configurations',
    },
    {
        groups: ['admissionregistration.k8s.io'],
        resource: 'mutatingwebhookconfigurations',
        verbs: WRITE,
        what: 'write mutating webhook configurations',
    },
    {
        groups: ['certificates.k8s.io'],
        resource: 'certificatesigningrequests/approval',
        verbs: ['update', 'patch'],
        what: 'approve certificate signing requests',
    },
    { groups: ['certificates.k8s.io'], resource: 'signers', verbs: ['approve'], what: 'approve for signers' },
    {
        groups: [''],
        resource: 'nodes/proxy',
        verbs: ['get', 'create', 'update', 'patch', 'delete'],
        what: 'use nodes/proxy (the kubelet API)',
    },
    { groups: [''], resource: 'serviceaccounts/token', verbs: ['create'], what: 'create service account tokens' },
    { groups: [''], resource: 'persistentvolumes', verbs: ['create'], what: 'create PersistentVolumes (hostPath)' },
];
const rbacSensitiveResources = rbacRule({
    id: 'rbac-sensitive-resources',
    title: 'RBAC access to sensitive resources',
    severity: 'high',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.9, 5.1.10, 5.1.11, 5.1.12, 5.1.13',
    rationale: 'Writing admission webhooks intercepts or disables every API request; approving CSRs mints client certificates (for system:masters too); nodes/proxy reaches the kubelet API (exec in any pod on the node); creating service account tokens or PersistentVolumes (hostPath) yields other identities or the node filesystem.',
    remediation: 'Grant these permissions only to the controllers that own them (cert-manager, the webhook owner ...), scoped by resourceNames where possible.',
    example: 'rules:\n- apiGroups: [admissionregistration.k8s.io]\n  resources: [validatingwebhookconfigurations]\n  resourceNames: [my-webhook]\n  verbs: [get, update]',
    references: [GOOD_PRACTICES],
}, (r) => {
    const out = [];
    for (const s of SENSITIVE) {
        if (!coversResource(r, s.groups, s.resource))
            continue;
        if (!anyVerb(r, s.verbs).length)
            continue;
        out.push({ field: 'resources', what: s.what });
    }
    return out;
});
const SYSTEM_GROUPS = new Set(['system:anonymous', 'system:unauthenticated', 'system:authenticated', 'system:masters']);
const rbacSystemGroupBinding = {
    meta: {
        id: 'rbac-system-group-binding',
        title: 'Binding to a system group',
        severity: 'critical',
        enabledByDefault: true,
        category: 'rbac',
        cis: '5.1.7',
        rationale: 'system:anonymous and system:unauthenticated are everybody who can reach the API server; system:authenticated is every identity of every identity provider (on GKE, any Google account). system:masters bypasses RBAC entirely and cannot be revoked.',
        remediation: 'Bind specific users, groups or service accounts instead of the built-in system groups.',
        example: 'subjects:\n- kind: Group\n  apiGroup: rbac.authorization.k8s.io\n  name: platform-team',
        references: [`${RBAC_DOC}#referring-to-subjects`, GOOD_PRACTICES],
    },
    *checkAll(ctx) {
        for (const b of rbacIndex(ctx).bindings) {
            if (isSystemName(b.obj.ref.name))
                continue;
            for (let i = 0; i < b.subjects.length; i++) {
                const s = b.subjects[i];
                if ((s.kind === 'Group' || s.kind === 'User') && typeof s.name === 'string' && SYSTEM_GROUPS.has(s.name)) {
                    yield {
                        object: b.obj,
                        path: ['subjects', i, 'name'],
                        message: `${s.kind} ${s.name} is bound to ${b.roleRefKind} "${b.roleRefName}"`,
                    };
                }
            }
        }
    },
};
const rbacDefaultServiceAccount = {
    meta: {
        id: 'rbac-default-service-account',
        title: 'Permissions granted to a default ServiceAccount',
        severity: 'medium',
        enabledByDefault: true,
        category: 'rbac',
        cis: '5.1.5',
        rationale: 'Every pod that names no service account runs as `default`: permissions granted to it are granted to every such pod in the namespace, including ones that never needed them.',
        remediation: 'Create a dedicated ServiceAccount for the workload that needs the permissions and bind the role to it.',
        example: 'subjects:\n- kind: ServiceAccount\n  name: web-reader\n  namespace: shop',
        references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/', GOOD_PRACTICES],
    },
    *checkAll(ctx) {
        for (const b of rbacIndex(ctx).bindings) {
            if (isSystemName(b.obj.ref.name))
                continue;
            // a role in the set that grants nothing is harmless
            if (b.role && b.role.obj && !b.role.effective.length)
                continue;
            for (let i = 0; i < b.subjects.length; i++) {
                const s = b.subjects[i];
                if (s.kind !== 'ServiceAccount' || s.name !== 'default')
                    continue;
                yield {
                    object: b.obj,
                    path: ['subjects', i],
                    message: `${describeSubject(s, b.obj.ref.namespace)} is granted ${b.roleRefKind} "${b.roleRefName}"`,
                };
            }
        }
    },
};
const rbac_rules = [
    rbacWildcard,
    rbacClusterAdminBinding,
    rbacSecretsAccess,
    rbacPodCreate,
    rbacExec,
    rbacEscalationVerbs,
    rbacSensitiveResources,
    rbacSystemGroupBinding,
    rbacDefaultServiceAccount,
];

;// CONCATENATED MODULE: ./src/core/rules/istio.ts



const SECURITY = 'security.istio.io';
const NETWORKING = 'networking.istio.io';
const ISTIO_SECURITY_DOC = 'https://istio.io/latest/docs/reference/config/security/';
const ROOT_NAMESPACE = 'istio-system';
function isIstio(obj, kind, group) {
    return obj.ref.kind === kind && groupOf(obj.ref.apiVersion) === group;
}
function hasSelector(spec) {
    return (0,podspec/* isObj */.sA)(spec.selector) && Object.keys(stringMap(spec.selector.matchLabels)).length > 0;
}
function rootNamespace(ctx) {
    return typeof ctx.options.rootNamespace === 'string' ? ctx.options.rootNamespace : ROOT_NAMESPACE;
}
const istioMtlsPermissive = {
    meta: {
        id: 'istio-mtls-permissive',
        title: 'Istio mutual TLS not STRICT',
        severity: 'high',
        enabledByDefault: true,
        category: 'istio',
        rationale: 'In PERMISSIVE mode a workload also accepts plain-text traffic, and DISABLE turns mutual TLS off: clients outside the mesh can reach the workload without an identity, which bypasses AuthorizationPolicies based on principals, and traffic can be read on the network.',
        remediation: 'Set `mtls.mode: STRICT` on the mesh-wide PeerAuthentication in the root namespace, and remove namespace, workload and port-level exceptions once every client has a sidecar.',
        example: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT',
        references: [
            `${ISTIO_SECURITY_DOC}peer_authentication/`,
            'https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/',
        ],
        options: {
            rootNamespace: {
                type: 'string',
                description: 'Istio root namespace (mesh-wide policies).',
                default: ROOT_NAMESPACE,
            },
        },
    },
    *check(obj, ctx) {
        if (!isIstio(obj, 'PeerAuthentication', SECURITY))
            return;
        const spec = specOf(obj);
        const ns = obj.ref.namespace;
        const level = hasSelector(spec) ? 'workload' : ns === rootNamespace(ctx) ? 'mesh' : 'namespace';
        const mode = (0,podspec/* isObj */.sA)(spec.mtls) ? spec.mtls.mode : undefined;
        if (mode === 'PERMISSIVE' || mode === 'DISABLE') {
            yield { path: ['spec', 'mtls', 'mode'], message: `${level}-level PeerAuthentication sets mTLS mode ${mode}` };
        }
        else if ((mode === undefined || mode === 'UNSET') && level === 'mesh') {
            yield {
                path: ['spec', 'mtls'],
                message: 'mesh-wide PeerAuthentication leaves mTLS mode unset, which Istio treats as PERMISSIVE',
            };
        }
        const ports = spec.portLevelMtls;
        if ((0,podspec/* isObj */.sA)(ports)) {
            for (const [port, v] of Object.entries(ports)) {
                const m = (0,podspec/* isObj */.sA)(v) ? v.mode : undefined;
                if (m === 'PERMISSIVE' || m === 'DISABLE')
                    yield {
                        path: ['spec', 'portLevelMtls', port, 'mode'],
                        message: `${level}-level PeerAuthentication sets mTLS mode ${m} on port ${port}`,
                    };
            }
        }
    },
};
const istioDestinationTlsDisabled = {
    meta: {
        id: 'istio-destination-tls-disabled',
        title: 'Istio DestinationRule disables TLS',
        severity: 'high',
        enabledByDefault: true,
        category: 'istio',
        rationale: 'A DestinationRule with `tls.mode: DISABLE` makes the client sidecars send plain text to the destination, even when the server requires mutual TLS: traffic is unencrypted and unauthenticated.',
        remediation: 'Use `tls.mode: ISTIO_MUTUAL` for in-mesh destinations (or SIMPLE/MUTUAL with certificates for external ones), or remove the tls block to use auto mTLS.',
        example: 'spec:\n  host: web.shop.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL',
        references: ['https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings'],
    },
    *check(obj) {
        if (!isIstio(obj, 'DestinationRule', NETWORKING))
            return;
        const spec = specOf(obj);
        const host = typeof spec.host === 'string' ? spec.host : '(no host)';
        const out = [];
        const checkPolicy = (tp, base, where) => {
            if (!(0,podspec/* isObj */.sA)(tp))
                return;
            if ((0,podspec/* isObj */.sA)(tp.tls) && tp.tls.mode === 'DISABLE')
                out.push({ path: [...base, 'tls', 'mode'], message: `TLS disabled for ${host}${where}` });
            arr(tp.portLevelSettings).forEach((p, i) => {
                if (!(0,podspec/* isObj */.sA)(p) || !(0,podspec/* isObj */.sA)(p.tls) || p.tls.mode !== 'DISABLE')
                    return;
                const port = (0,podspec/* isObj */.sA)(p.port) ? p.port.number : undefined;
                out.push({
                    path: [...base, 'portLevelSettings', i, 'tls', 'mode'],
                    message: `TLS disabled for ${host}${where}${port !== undefined ? ` on port ${String(port)}` : ''}`,
                });
            });
        };
        checkPolicy(spec.trafficPolicy, ['spec', 'trafficPolicy'], '');
        arr(spec.subsets).forEach((s, i) => {
            if ((0,podspec/* isObj */.sA)(s))
                checkPolicy(s.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], ` (subset ${String(s.name ?? i)})`);
        });
        yield* out;
    },
};
function istio_ruleIsEmpty(r) {
    if (r === null)
        return true;
    if (!(0,podspec/* isObj */.sA)(r))
        return false;
    return arr(r.from).length === 0 && arr(r.to).length === 0 && arr(r.when).length === 0;
}
const istioAuthzAllowAll = {
    meta: {
        id: 'istio-authz-allow-all',
        title: 'Istio AuthorizationPolicy allows everything',
        severity: 'high',
        enabledByDefault: true,
        category: 'istio',
        rationale: 'An ALLOW AuthorizationPolicy with an empty rule (`rules: [{}]`) matches every request from every source: it turns off the deny-by-default that any other ALLOW policy on the workload sets up. (An ALLOW policy with no rules at all denies everything.)',
        remediation: 'Give each rule `from` (principals or namespaces), `to` (methods, paths, ports) or `when` conditions that describe the allowed callers.',
        example: 'spec:\n  action: ALLOW\n  rules:\n  - from:\n    - source:\n        principals: [cluster.local/ns/shop/sa/frontend]\n    to:\n    - operation:\n        methods: [GET]',
        references: [`${ISTIO_SECURITY_DOC}authorization-policy/`],
    },
    *check(obj) {
        if (!isIstio(obj, 'AuthorizationPolicy', SECURITY))
            return;
        const spec = specOf(obj);
        const action = spec.action ?? 'ALLOW';
        if (action !== 'ALLOW')
            return;
        const rules = arr(spec.rules);
        for (let i = 0; i < rules.length; i++) {
            if (!istio_ruleIsEmpty(rules[i]))
                continue;
            const scope = hasSelector(spec)
                ? 'the selected workloads'
                : `every workload in namespace ${obj.ref.namespace ?? '(unset)'}`;
            yield { path: ['spec', 'rules', i], message: `empty ALLOW rule ${i} allows every request to ${scope}` };
        }
    },
};
const istioSidecarInjectionDisabled = {
    meta: {
        id: 'istio-sidecar-injection-disabled',
        title: 'Istio sidecar injection disabled',
        severity: 'medium',
        enabledByDefault: true,
        category: 'istio',
        rationale: 'Pods without a sidecar are outside the mesh: no mutual TLS, no AuthorizationPolicy enforcement, no telemetry. Other workloads may need PERMISSIVE mode to keep talking to them.',
        remediation: 'Remove `istio-injection: disabled` from the namespace and `sidecar.istio.io/inject: "false"` from the pod template, or list intentional exceptions in the rule option `exemptNamespaces`.',
        example: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled',
        references: ['https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/'],
        options: {
            exemptNamespaces: {
                type: 'string[]',
                description: 'Namespaces where opting out is expected.',
                default: ['kube-system', 'kube-public', 'kube-node-lease', 'istio-system'],
            },
        },
    },
    *check(obj, ctx) {
        const exempt = new Set(Array.isArray(ctx.options.exemptNamespaces) ? ctx.options.exemptNamespaces.map(String) : []);
        if (obj.ref.kind === 'Namespace' && groupOf(obj.ref.apiVersion) === '') {
            if (exempt.has(obj.ref.name))
                return;
            const labels = stringMap((0,podspec/* isObj */.sA)(obj.data.metadata) ? obj.data.metadata.labels : undefined);
            if (labels['istio-injection'] === 'disabled')
                yield {
                    path: ['metadata', 'labels', 'istio-injection'],
                    message: `namespace ${obj.ref.name} disables Istio sidecar injection`,
                };
            return;
        }
        if (obj.ref.namespace && exempt.has(obj.ref.namespace))
            return;
        const w = inventory(ctx).workloadOf(obj);
        if (!w)
            return;
        const md = w.template.metadata;
        for (const field of ['labels', 'annotations']) {
            const m = md[field];
            if (!(0,podspec/* isObj */.sA)(m) || (0,podspec/* boolOf */.Ul)(m['sidecar.istio.io/inject']) !== false)
                continue;
            yield {
                path: [...w.template.metaPath, field, 'sidecar.istio.io/inject'],
                message: `${label(obj)} opts its pods out of Istio sidecar injection (${field.slice(0, -1)} sidecar.istio.io/inject: "false")`,
            };
        }
    },
};
const istio_rules = [
    istioMtlsPermissive,
    istioDestinationTlsDisabled,
    istioAuthzAllowAll,
    istioSidecarInjectionDisabled,
];

;// CONCATENATED MODULE: ./src/core/rules/hygiene.ts


/** Built-in cluster-scoped kinds (never namespaced). */
const CLUSTER_SCOPED_KINDS = new Set([
    'Namespace',
    'Node',
    'PersistentVolume',
    'ClusterRole',
    'ClusterRoleBinding',
    'CustomResourceDefinition',
    'StorageClass',
    'CSIDriver',
    'CSINode',
    'VolumeAttachment',
    'PriorityClass',
    'RuntimeClass',
    'IngressClass',
    'APIService',
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'MutatingAdmissionPolicy',
    'MutatingAdmissionPolicyBinding',
    'PodSecurityPolicy',
    'CertificateSigningRequest',
    'ClusterTrustBundle',
    'FlowSchema',
    'PriorityLevelConfiguration',
    'ComponentStatus',
    'SelfSubjectReview',
    'TokenReview',
    'SelfSubjectAccessReview',
    'SelfSubjectRulesReview',
    'SubjectAccessReview',
    'StorageVersion',
    'StorageVersionMigration',
    'VolumeAttributesClass',
    'DeviceClass',
    'ResourceSlice',
    'IPAddress',
    'ServiceCIDR',
    'GatewayClass',
]);
/** Built-in (and Gateway API) namespaced kinds. Kinds in neither table are skipped unless a CRD in the set says. */
const NAMESPACED_KINDS = new Set([
    'Pod',
    'PodTemplate',
    'ReplicationController',
    'Service',
    'Endpoints',
    'EndpointSlice',
    'ConfigMap',
    'Secret',
    'ServiceAccount',
    'PersistentVolumeClaim',
    'LimitRange',
    'ResourceQuota',
    'Event',
    'Deployment',
    'ReplicaSet',
    'StatefulSet',
    'DaemonSet',
    'ControllerRevision',
    'Job',
    'CronJob',
    'HorizontalPodAutoscaler',
    'PodDisruptionBudget',
    'Role',
    'RoleBinding',
    'NetworkPolicy',
    'Ingress',
    'Lease',
    'CSIStorageCapacity',
    'ResourceClaim',
    'ResourceClaimTemplate',
    'LocalSubjectAccessReview',
    'Gateway',
    'HTTPRoute',
    'GRPCRoute',
    'TLSRoute',
    'TCPRoute',
    'UDPRoute',
    'ReferenceGrant',
    'BackendTLSPolicy',
    'DeploymentConfig',
]);
function hygiene_groupOf(apiVersion) {
    const i = apiVersion.indexOf('/');
    return i === -1 ? '' : apiVersion.slice(0, i);
}
/** Scope of CRD kinds declared by CustomResourceDefinitions in the set: `group/Kind` -> namespaced? */
function crdScopes(ctx) {
    return ctx.memo('hygiene:crd-scopes', () => {
        const m = new Map();
        for (const crd of inventory(ctx).byKind('CustomResourceDefinition')) {
            const spec = crd.data.spec;
            if (!(0,podspec/* isObj */.sA)(spec))
                continue;
            const kind = (0,podspec/* get */.Jt)(spec, ['names', 'kind']);
            if (typeof spec.group !== 'string' || typeof kind !== 'string')
                continue;
            m.set(`${spec.group}/${kind}`, spec.scope !== 'Cluster');
        }
        return m;
    });
}
/** Is the object's kind namespaced? undefined when unknown (a CRD kind not declared in the set). */
function isNamespaced(obj, ctx) {
    const kind = obj.ref.kind;
    const group = hygiene_groupOf(obj.ref.apiVersion);
    const builtinGroup = group === '' || !group.includes('.') || group.endsWith('.k8s.io') || group === 'apps.openshift.io';
    if (builtinGroup || group === 'gateway.networking.k8s.io') {
        if (CLUSTER_SCOPED_KINDS.has(kind))
            return false;
        if (NAMESPACED_KINDS.has(kind))
            return true;
    }
    return crdScopes(ctx).get(`${group}/${kind}`);
}
const defaultNamespace = {
    meta: {
        id: 'default-namespace',
        title: 'Object in the default namespace',
        severity: 'low',
        enabledByDefault: true,
        category: 'hygiene',
        cis: '5.7.4',
        rationale: 'The `default` namespace is where everything without a namespace lands: workloads there share service accounts, network policies and quotas with whatever else ends up there, and RBAC cannot separate them. An object without a namespace goes wherever the current kubectl context points.',
        remediation: 'Put the object in a dedicated namespace (`metadata.namespace`, or kustomize `namespace:`). Cluster-scoped kinds and unknown custom resources are not checked.',
        example: 'metadata:\n  name: web\n  namespace: shop',
        references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
    },
    *check(obj, ctx) {
        const ns = obj.ref.namespace;
        if (ns !== undefined && ns !== '' && ns !== 'default')
            return;
        if (isNamespaced(obj, ctx) !== true)
            return;
        yield {
            path: ['metadata', 'namespace'],
            message: ns === 'default'
                ? `${obj.ref.kind} is in the default namespace`
                : `${obj.ref.kind} has no namespace: it lands in the current context's namespace (usually default)`,
        };
    },
};
/** Cluster add-ons that conventionally run in kube-system (name prefixes). */
const KUBE_SYSTEM_ADDONS = [
    'coredns',
    'kube-dns',
    'kube-proxy',
    'metrics-server',
    'kube-state-metrics',
    'cluster-autoscaler',
    'calico',
    'hubble-',
    'fluentd-elasticsearch',
    'cilium',
    'canal',
    'kube-flannel',
    'aws-node',
    'ebs-csi-',
    'efs-csi-',
    'csi-',
    'konnectivity-agent',
    'nvidia-',
    'descheduler',
    'node-local-dns',
    'sealed-secrets-controller',
];
const kubeSystemWorkload = {
    meta: {
        id: 'kube-system-workload',
        title: 'User workload in kube-system',
        severity: 'medium',
        enabledByDefault: true,
        category: 'hygiene',
        rationale: 'kube-system holds the control-plane add-ons and their highly privileged service accounts and secrets. A user workload there can read or reuse them, and policies usually exempt the namespace.',
        remediation: 'Run the workload in its own namespace. Workloads with `priorityClassName: system-cluster-critical` or `system-node-critical`, and well-known cluster add-ons (CoreDNS, kube-proxy, metrics-server, kube-state-metrics, CNI and CSI node plugins, device plugins, descheduler ...), are taken as system components and not reported.',
        example: 'metadata:\n  name: web\n  namespace: shop',
        references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces'],
    },
    *check(obj) {
        if (obj.ref.namespace !== 'kube-system')
            return;
        const ts = (0,podspec/* podTemplates */.R7)(obj);
        if (!ts.length)
            return;
        const name = obj.ref.name.toLowerCase();
        if (KUBE_SYSTEM_ADDONS.some((a) => name.startsWith(a)))
            return;
        if (ts.every((t) => typeof t.spec.priorityClassName === 'string' && t.spec.priorityClassName.startsWith('system-')))
            return;
        yield {
            path: ['metadata', 'namespace'],
            message: `${obj.ref.kind} runs in kube-system without a system priority class; user workloads belong in their own namespace`,
        };
    },
};
const hygiene_rules = [defaultNamespace, kubeSystemWorkload];

;// CONCATENATED MODULE: ./src/core/rules/data/k8s-schema.json
const k8s_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"source":"@kubernetes/client-node 2.0.1","roots":{"admissionregistration.k8s.io/v1":{"MutatingAdmissionPolicy":"V1MutatingAdmissionPolicy","MutatingAdmissionPolicyBinding":"V1MutatingAdmissionPolicyBinding","MutatingWebhookConfiguration":"V1MutatingWebhookConfiguration","ValidatingAdmissionPolicy":"V1ValidatingAdmissionPolicy","ValidatingAdmissionPolicyBinding":"V1ValidatingAdmissionPolicyBinding","ValidatingWebhookConfiguration":"V1ValidatingWebhookConfiguration"},"admissionregistration.k8s.io/v1alpha1":{"MutatingAdmissionPolicy":"V1alpha1MutatingAdmissionPolicy","MutatingAdmissionPolicyBinding":"V1alpha1MutatingAdmissionPolicyBinding"},"admissionregistration.k8s.io/v1beta1":{"MutatingAdmissionPolicy":"V1beta1MutatingAdmissionPolicy","MutatingAdmissionPolicyBinding":"V1beta1MutatingAdmissionPolicyBinding"},"apiextensions.k8s.io/v1":{"CustomResourceDefinition":"V1CustomResourceDefinition"},"apiregistration.k8s.io/v1":{"APIService":"V1APIService"},"apps/v1":{"ControllerRevision":"V1ControllerRevision","DaemonSet":"V1DaemonSet","Deployment":"V1Deployment","ReplicaSet":"V1ReplicaSet","StatefulSet":"V1StatefulSet"},"authentication.k8s.io/v1":{"SelfSubjectReview":"V1SelfSubjectReview","TokenReview":"V1TokenReview"},"authorization.k8s.io/v1":{"LocalSubjectAccessReview":"V1LocalSubjectAccessReview","SelfSubjectAccessReview":"V1SelfSubjectAccessReview","SelfSubjectRulesReview":"V1SelfSubjectRulesReview","SubjectAccessReview":"V1SubjectAccessReview"},"autoscaling/v1":{"HorizontalPodAutoscaler":"V1HorizontalPodAutoscaler"},"autoscaling/v2":{"HorizontalPodAutoscaler":"V2HorizontalPodAutoscaler"},"batch/v1":{"CronJob":"V1CronJob","Job":"V1Job"},"certificates.k8s.io/v1":{"CertificateSigningRequest":"V1CertificateSigningRequest"},"certificates.k8s.io/v1alpha1":{"ClusterTrustBundle":"V1alpha1ClusterTrustBundle"},"certificates.k8s.io/v1beta1":{"ClusterTrustBundle":"V1beta1ClusterTrustBundle","PodCertificateRequest":"V1beta1PodCertificateRequest"},"coordination.k8s.io/v1":{"Lease":"V1Lease"},"coordination.k8s.io/v1alpha2":{"LeaseCandidate":"V1alpha2LeaseCandidate"},"coordination.k8s.io/v1beta1":{"LeaseCandidate":"V1beta1LeaseCandidate"},"discovery.k8s.io/v1":{"EndpointSlice":"V1EndpointSlice"},"events.k8s.io/v1":{"Event":"EventsV1Event"},"flowcontrol.apiserver.k8s.io/v1":{"FlowSchema":"V1FlowSchema","PriorityLevelConfiguration":"V1PriorityLevelConfiguration"},"internal.apiserver.k8s.io/v1alpha1":{"StorageVersion":"V1alpha1StorageVersion"},"networking.k8s.io/v1":{"IPAddress":"V1IPAddress","Ingress":"V1Ingress","IngressClass":"V1IngressClass","NetworkPolicy":"V1NetworkPolicy","ServiceCIDR":"V1ServiceCIDR"},"networking.k8s.io/v1beta1":{"IPAddress":"V1beta1IPAddress","ServiceCIDR":"V1beta1ServiceCIDR"},"node.k8s.io/v1":{"RuntimeClass":"V1RuntimeClass"},"policy/v1":{"PodDisruptionBudget":"V1PodDisruptionBudget"},"rbac.authorization.k8s.io/v1":{"ClusterRole":"V1ClusterRole","ClusterRoleBinding":"V1ClusterRoleBinding","Role":"V1Role","RoleBinding":"V1RoleBinding"},"resource.k8s.io/v1":{"DeviceClass":"V1DeviceClass","ResourceClaim":"ResourceV1ResourceClaim","ResourceClaimTemplate":"V1ResourceClaimTemplate","ResourceSlice":"V1ResourceSlice"},"resource.k8s.io/v1alpha3":{"DeviceTaintRule":"V1alpha3DeviceTaintRule","ResourcePoolStatusRequest":"V1alpha3ResourcePoolStatusRequest"},"resource.k8s.io/v1beta1":{"DeviceClass":"V1beta1DeviceClass","ResourceClaim":"V1beta1ResourceClaim","ResourceClaimTemplate":"V1beta1ResourceClaimTemplate","ResourceSlice":"V1beta1ResourceSlice"},"resource.k8s.io/v1beta2":{"DeviceClass":"V1beta2DeviceClass","DeviceTaintRule":"V1beta2DeviceTaintRule","ResourceClaim":"V1beta2ResourceClaim","ResourceClaimTemplate":"V1beta2ResourceClaimTemplate","ResourceSlice":"V1beta2ResourceSlice"},"scheduling.k8s.io/v1":{"PriorityClass":"V1PriorityClass"},"scheduling.k8s.io/v1alpha2":{"PodGroup":"V1alpha2PodGroup","Workload":"V1alpha2Workload"},"storage.k8s.io/v1":{"CSIDriver":"V1CSIDriver","CSINode":"V1CSINode","CSIStorageCapacity":"V1CSIStorageCapacity","StorageClass":"V1StorageClass","VolumeAttachment":"V1VolumeAttachment","VolumeAttributesClass":"V1VolumeAttributesClass"},"storage.k8s.io/v1beta1":{"VolumeAttributesClass":"V1beta1VolumeAttributesClass"},"storagemigration.k8s.io/v1beta1":{"StorageVersionMigration":"V1beta1StorageVersionMigration"},"v1":{"ComponentStatus":"V1ComponentStatus","ConfigMap":"V1ConfigMap","Endpoints":"V1Endpoints","Event":"CoreV1Event","LimitRange":"V1LimitRange","Namespace":"V1Namespace","Node":"V1Node","PersistentVolume":"V1PersistentVolume","PersistentVolumeClaim":"V1PersistentVolumeClaim","Pod":"V1Pod","PodTemplate":"V1PodTemplate","ReplicationController":"V1ReplicationController","ResourceQuota":"V1ResourceQuota","Secret":"V1Secret","Service":"V1Service","ServiceAccount":"V1ServiceAccount"}},"types":{"AdmissionregistrationV1ServiceReference":{"name":"string","namespace":"string","path":"string","port":"int"},"AdmissionregistrationV1WebhookClientConfig":{"caBundle":"string","service":"AdmissionregistrationV1ServiceReference","url":"string"},"ApiextensionsV1ServiceReference":{"name":"string","namespace":"string","path":"string","port":"int"},"ApiextensionsV1WebhookClientConfig":{"caBundle":"string","service":"ApiextensionsV1ServiceReference","url":"string"},"ApiregistrationV1ServiceReference":{"name":"string","namespace":"string","port":"int"},"CoreV1EndpointPort":{"appProtocol":"string","name":"string","port":"int","protocol":"string"},"CoreV1Event":{"action":"string","apiVersion":"string","count":"int","eventTime":"date","firstTimestamp":"date","involvedObject":"V1ObjectReference","kind":"string","lastTimestamp":"date","message":"string","metadata":"V1ObjectMeta","reason":"string","related":"V1ObjectReference","reportingComponent":"string","reportingInstance":"string","series":"CoreV1EventSeries","source":"V1EventSource","type":"string"},"CoreV1EventSeries":{"count":"int","lastObservedTime":"date"},"CoreV1ResourceClaim":{"name":"string","request":"string"},"DiscoveryV1EndpointPort":{"appProtocol":"string","name":"string","port":"int","protocol":"string"},"EventsV1Event":{"action":"string","apiVersion":"string","deprecatedCount":"int","deprecatedFirstTimestamp":"date","deprecatedLastTimestamp":"date","deprecatedSource":"V1EventSource","eventTime":"date","kind":"string","metadata":"V1ObjectMeta","note":"string","reason":"string","regarding":"V1ObjectReference","related":"V1ObjectReference","reportingController":"string","reportingInstance":"string","series":"EventsV1EventSeries","type":"string"},"EventsV1EventSeries":{"count":"int","lastObservedTime":"date"},"FlowcontrolV1Subject":{"group":"V1GroupSubject","kind":"string","serviceAccount":"V1ServiceAccountSubject","user":"V1UserSubject"},"RbacV1Subject":{"apiGroup":"string","kind":"string","name":"string","namespace":"string"},"ResourceV1ResourceClaim":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1ResourceClaimSpec","status":"V1ResourceClaimStatus"},"StorageV1TokenRequest":{"audience":"string","expirationSeconds":"int"},"V1APIService":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1APIServiceSpec","status":"V1APIServiceStatus"},"V1APIServiceCondition":{"lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1APIServiceSpec":{"caBundle":"string","group":"string","groupPriorityMinimum":"int","insecureSkipTLSVerify":"boolean","service":"ApiregistrationV1ServiceReference","version":"string","versionPriority":"int"},"V1APIServiceStatus":{"conditions":"V1APIServiceCondition[]"},"V1AWSElasticBlockStoreVolumeSource":{"fsType":"string","partition":"int","readOnly":"boolean","volumeID":"string"},"V1Affinity":{"nodeAffinity":"V1NodeAffinity","podAffinity":"V1PodAffinity","podAntiAffinity":"V1PodAntiAffinity"},"V1AggregationRule":{"clusterRoleSelectors":"V1LabelSelector[]"},"V1AllocatedDeviceStatus":{"conditions":"V1Condition[]","data":"any","device":"string","driver":"string","networkData":"V1NetworkDeviceData","pool":"string","shareID":"string"},"V1AllocationResult":{"allocationTimestamp":"date","devices":"V1DeviceAllocationResult","nodeSelector":"V1NodeSelector"},"V1AppArmorProfile":{"localhostProfile":"string","type":"string"},"V1ApplyConfiguration":{"expression":"string"},"V1AttachedVolume":{"devicePath":"string","name":"string"},"V1AuditAnnotation":{"key":"string","valueExpression":"string"},"V1AzureDiskVolumeSource":{"cachingMode":"string","diskName":"string","diskURI":"string","fsType":"string","kind":"string","readOnly":"boolean"},"V1AzureFilePersistentVolumeSource":{"readOnly":"boolean","secretName":"string","secretNamespace":"string","shareName":"string"},"V1AzureFileVolumeSource":{"readOnly":"boolean","secretName":"string","shareName":"string"},"V1CELDeviceSelector":{"expression":"string"},"V1CSIDriver":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1CSIDriverSpec"},"V1CSIDriverSpec":{"attachRequired":"boolean","fsGroupPolicy":"string","nodeAllocatableUpdatePeriodSeconds":"int","podInfoOnMount":"boolean","preventPodSchedulingIfMissing":"boolean","requiresRepublish":"boolean","seLinuxMount":"boolean","serviceAccountTokenInSecrets":"boolean","storageCapacity":"boolean","tokenRequests":"StorageV1TokenRequest[]","volumeLifecycleModes":"string[]"},"V1CSINode":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1CSINodeSpec"},"V1CSINodeDriver":{"allocatable":"V1VolumeNodeResources","name":"string","nodeID":"string","topologyKeys":"string[]"},"V1CSINodeSpec":{"drivers":"V1CSINodeDriver[]"},"V1CSIPersistentVolumeSource":{"controllerExpandSecretRef":"V1SecretReference","controllerPublishSecretRef":"V1SecretReference","driver":"string","fsType":"string","nodeExpandSecretRef":"V1SecretReference","nodePublishSecretRef":"V1SecretReference","nodeStageSecretRef":"V1SecretReference","readOnly":"boolean","volumeAttributes":"map<string>","volumeHandle":"string"},"V1CSIStorageCapacity":{"apiVersion":"string","capacity":"string","kind":"string","maximumVolumeSize":"string","metadata":"V1ObjectMeta","nodeTopology":"V1LabelSelector","storageClassName":"string"},"V1CSIVolumeSource":{"driver":"string","fsType":"string","nodePublishSecretRef":"V1LocalObjectReference","readOnly":"boolean","volumeAttributes":"map<string>"},"V1Capabilities":{"add":"string[]","drop":"string[]"},"V1CapacityRequestPolicy":{"default":"string","validRange":"V1CapacityRequestPolicyRange","validValues":"string[]"},"V1CapacityRequestPolicyRange":{"max":"string","min":"string","step":"string"},"V1CapacityRequirements":{"requests":"map<string>"},"V1CephFSPersistentVolumeSource":{"monitors":"string[]","path":"string","readOnly":"boolean","secretFile":"string","secretRef":"V1SecretReference","user":"string"},"V1CephFSVolumeSource":{"monitors":"string[]","path":"string","readOnly":"boolean","secretFile":"string","secretRef":"V1LocalObjectReference","user":"string"},"V1CertificateSigningRequest":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1CertificateSigningRequestSpec","status":"V1CertificateSigningRequestStatus"},"V1CertificateSigningRequestCondition":{"lastTransitionTime":"date","lastUpdateTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1CertificateSigningRequestSpec":{"expirationSeconds":"int","extra":"map<string[]>","groups":"string[]","request":"string","signerName":"string","uid":"string","usages":"string[]","username":"string"},"V1CertificateSigningRequestStatus":{"certificate":"string","conditions":"V1CertificateSigningRequestCondition[]"},"V1CinderPersistentVolumeSource":{"fsType":"string","readOnly":"boolean","secretRef":"V1SecretReference","volumeID":"string"},"V1CinderVolumeSource":{"fsType":"string","readOnly":"boolean","secretRef":"V1LocalObjectReference","volumeID":"string"},"V1ClientIPConfig":{"timeoutSeconds":"int"},"V1ClusterRole":{"aggregationRule":"V1AggregationRule","apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","rules":"V1PolicyRule[]"},"V1ClusterRoleBinding":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","roleRef":"V1RoleRef","subjects":"RbacV1Subject[]"},"V1ClusterTrustBundleProjection":{"labelSelector":"V1LabelSelector","name":"string","optional":"boolean","path":"string","signerName":"string"},"V1ComponentCondition":{"error":"string","message":"string","status":"string","type":"string"},"V1ComponentStatus":{"apiVersion":"string","conditions":"V1ComponentCondition[]","kind":"string","metadata":"V1ObjectMeta"},"V1Condition":{"lastTransitionTime":"date","message":"string","observedGeneration":"int","reason":"string","status":"string","type":"string"},"V1ConfigMap":{"apiVersion":"string","binaryData":"map<string>","data":"map<string>","immutable":"boolean","kind":"string","metadata":"V1ObjectMeta"},"V1ConfigMapEnvSource":{"name":"string","optional":"boolean"},"V1ConfigMapKeySelector":{"key":"string","name":"string","optional":"boolean"},"V1ConfigMapNodeConfigSource":{"kubeletConfigKey":"string","name":"string","namespace":"string","resourceVersion":"string","uid":"string"},"V1ConfigMapProjection":{"items":"V1KeyToPath[]","name":"string","optional":"boolean"},"V1ConfigMapVolumeSource":{"defaultMode":"int","items":"V1KeyToPath[]","name":"string","optional":"boolean"},"V1Container":{"args":"string[]","command":"string[]","env":"V1EnvVar[]","envFrom":"V1EnvFromSource[]","image":"string","imagePullPolicy":"string","lifecycle":"V1Lifecycle","livenessProbe":"V1Probe","name":"string","ports":"V1ContainerPort[]","readinessProbe":"V1Probe","resizePolicy":"V1ContainerResizePolicy[]","resources":"V1ResourceRequirements","restartPolicy":"string","restartPolicyRules":"V1ContainerRestartRule[]","securityContext":"V1SecurityContext","startupProbe":"V1Probe","stdin":"boolean","stdinOnce":"boolean","terminationMessagePath":"string","terminationMessagePolicy":"string","tty":"boolean","volumeDevices":"V1VolumeDevice[]","volumeMounts":"V1VolumeMount[]","workingDir":"string"},"V1ContainerExtendedResourceRequest":{"containerName":"string","requestName":"string","resourceName":"string"},"V1ContainerImage":{"names":"string[]","sizeBytes":"int"},"V1ContainerPort":{"containerPort":"int","hostIP":"string","hostPort":"int","name":"string","protocol":"string"},"V1ContainerResizePolicy":{"resourceName":"string","restartPolicy":"string"},"V1ContainerRestartRule":{"action":"string","exitCodes":"V1ContainerRestartRuleOnExitCodes"},"V1ContainerRestartRuleOnExitCodes":{"operator":"string","values":"number[]"},"V1ContainerState":{"running":"V1ContainerStateRunning","terminated":"V1ContainerStateTerminated","waiting":"V1ContainerStateWaiting"},"V1ContainerStateRunning":{"startedAt":"date"},"V1ContainerStateTerminated":{"containerID":"string","exitCode":"int","finishedAt":"date","message":"string","reason":"string","signal":"int","startedAt":"date"},"V1ContainerStateWaiting":{"message":"string","reason":"string"},"V1ContainerStatus":{"allocatedResources":"map<string>","allocatedResourcesStatus":"V1ResourceStatus[]","containerID":"string","image":"string","imageID":"string","lastState":"V1ContainerState","name":"string","ready":"boolean","resources":"V1ResourceRequirements","restartCount":"int","started":"boolean","state":"V1ContainerState","stopSignal":"string","user":"V1ContainerUser","volumeMounts":"V1VolumeMountStatus[]"},"V1ContainerUser":{"linux":"V1LinuxContainerUser"},"V1ControllerRevision":{"apiVersion":"string","data":"any","kind":"string","metadata":"V1ObjectMeta","revision":"int"},"V1Counter":{"value":"string"},"V1CounterSet":{"counters":"map<V1Counter>","name":"string"},"V1CronJob":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1CronJobSpec","status":"V1CronJobStatus"},"V1CronJobSpec":{"concurrencyPolicy":"string","failedJobsHistoryLimit":"int","jobTemplate":"V1JobTemplateSpec","schedule":"string","startingDeadlineSeconds":"int","successfulJobsHistoryLimit":"int","suspend":"boolean","timeZone":"string"},"V1CronJobStatus":{"active":"V1ObjectReference[]","lastScheduleTime":"date","lastSuccessfulTime":"date"},"V1CrossVersionObjectReference":{"apiVersion":"string","kind":"string","name":"string"},"V1CustomResourceColumnDefinition":{"description":"string","format":"string","jsonPath":"string","name":"string","priority":"int","type":"string"},"V1CustomResourceConversion":{"strategy":"string","webhook":"V1WebhookConversion"},"V1CustomResourceDefinition":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1CustomResourceDefinitionSpec","status":"V1CustomResourceDefinitionStatus"},"V1CustomResourceDefinitionCondition":{"lastTransitionTime":"date","message":"string","observedGeneration":"int","reason":"string","status":"string","type":"string"},"V1CustomResourceDefinitionNames":{"categories":"string[]","kind":"string","listKind":"string","plural":"string","shortNames":"string[]","singular":"string"},"V1CustomResourceDefinitionSpec":{"conversion":"V1CustomResourceConversion","group":"string","names":"V1CustomResourceDefinitionNames","preserveUnknownFields":"boolean","scope":"string","versions":"V1CustomResourceDefinitionVersion[]"},"V1CustomResourceDefinitionStatus":{"acceptedNames":"V1CustomResourceDefinitionNames","conditions":"V1CustomResourceDefinitionCondition[]","observedGeneration":"int","storedVersions":"string[]"},"V1CustomResourceDefinitionVersion":{"additionalPrinterColumns":"V1CustomResourceColumnDefinition[]","deprecated":"boolean","deprecationWarning":"string","name":"string","schema":"V1CustomResourceValidation","selectableFields":"V1SelectableField[]","served":"boolean","storage":"boolean","subresources":"V1CustomResourceSubresources"},"V1CustomResourceSubresourceScale":{"labelSelectorPath":"string","specReplicasPath":"string","statusReplicasPath":"string"},"V1CustomResourceSubresources":{"scale":"V1CustomResourceSubresourceScale","status":"any"},"V1CustomResourceValidation":{"openAPIV3Schema":"V1JSONSchemaProps"},"V1DaemonEndpoint":{"Port":"int"},"V1DaemonSet":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1DaemonSetSpec","status":"V1DaemonSetStatus"},"V1DaemonSetCondition":{"lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1DaemonSetSpec":{"minReadySeconds":"int","revisionHistoryLimit":"int","selector":"V1LabelSelector","template":"V1PodTemplateSpec","updateStrategy":"V1DaemonSetUpdateStrategy"},"V1DaemonSetStatus":{"collisionCount":"int","conditions":"V1DaemonSetCondition[]","currentNumberScheduled":"int","desiredNumberScheduled":"int","numberAvailable":"int","numberMisscheduled":"int","numberReady":"int","numberUnavailable":"int","observedGeneration":"int","updatedNumberScheduled":"int"},"V1DaemonSetUpdateStrategy":{"rollingUpdate":"V1RollingUpdateDaemonSet","type":"string"},"V1Deployment":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1DeploymentSpec","status":"V1DeploymentStatus"},"V1DeploymentCondition":{"lastTransitionTime":"date","lastUpdateTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1DeploymentSpec":{"minReadySeconds":"int","paused":"boolean","progressDeadlineSeconds":"int","replicas":"int","revisionHistoryLimit":"int","selector":"V1LabelSelector","strategy":"V1DeploymentStrategy","template":"V1PodTemplateSpec"},"V1DeploymentStatus":{"availableReplicas":"int","collisionCount":"int","conditions":"V1DeploymentCondition[]","observedGeneration":"int","readyReplicas":"int","replicas":"int","terminatingReplicas":"int","unavailableReplicas":"int","updatedReplicas":"int"},"V1DeploymentStrategy":{"rollingUpdate":"V1RollingUpdateDeployment","type":"string"},"V1Device":{"allNodes":"boolean","allowMultipleAllocations":"boolean","attributes":"map<V1DeviceAttribute>","bindingConditions":"string[]","bindingFailureConditions":"string[]","bindsToNode":"boolean","capacity":"map<V1DeviceCapacity>","consumesCounters":"V1DeviceCounterConsumption[]","name":"string","nodeAllocatableResourceMappings":"map<V1NodeAllocatableResourceMapping>","nodeName":"string","nodeSelector":"V1NodeSelector","taints":"V1DeviceTaint[]"},"V1DeviceAllocationConfiguration":{"opaque":"V1OpaqueDeviceConfiguration","requests":"string[]","source":"string"},"V1DeviceAllocationResult":{"config":"V1DeviceAllocationConfiguration[]","results":"V1DeviceRequestAllocationResult[]"},"V1DeviceAttribute":{"bool":"boolean","bools":"boolean[]","int":"int","ints":"number[]","string":"string","strings":"string[]","version":"string","versions":"string[]"},"V1DeviceCapacity":{"requestPolicy":"V1CapacityRequestPolicy","value":"string"},"V1DeviceClaim":{"config":"V1DeviceClaimConfiguration[]","constraints":"V1DeviceConstraint[]","requests":"V1DeviceRequest[]"},"V1DeviceClaimConfiguration":{"opaque":"V1OpaqueDeviceConfiguration","requests":"string[]"},"V1DeviceClass":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1DeviceClassSpec"},"V1DeviceClassConfiguration":{"opaque":"V1OpaqueDeviceConfiguration"},"V1DeviceClassSpec":{"config":"V1DeviceClassConfiguration[]","extendedResourceName":"string","selectors":"V1DeviceSelector[]"},"V1DeviceConstraint":{"distinctAttribute":"string","matchAttribute":"string","requests":"string[]"},"V1DeviceCounterConsumption":{"counterSet":"string","counters":"map<V1Counter>"},"V1DeviceRequest":{"exactly":"V1ExactDeviceRequest","firstAvailable":"V1DeviceSubRequest[]","name":"string"},"V1DeviceRequestAllocationResult":{"adminAccess":"boolean","bindingConditions":"string[]","bindingFailureConditions":"string[]","consumedCapacity":"map<string>","device":"string","driver":"string","pool":"string","request":"string","shareID":"string","tolerations":"V1DeviceToleration[]"},"V1DeviceSelector":{"cel":"V1CELDeviceSelector"},"V1DeviceSubRequest":{"allocationMode":"string","capacity":"V1CapacityRequirements","count":"int","deviceClassName":"string","name":"string","selectors":"V1DeviceSelector[]","tolerations":"V1DeviceToleration[]"},"V1DeviceTaint":{"effect":"string","key":"string","timeAdded":"date","value":"string"},"V1DeviceToleration":{"effect":"string","key":"string","operator":"string","tolerationSeconds":"int","value":"string"},"V1DownwardAPIProjection":{"items":"V1DownwardAPIVolumeFile[]"},"V1DownwardAPIVolumeFile":{"fieldRef":"V1ObjectFieldSelector","mode":"int","path":"string","resourceFieldRef":"V1ResourceFieldSelector"},"V1DownwardAPIVolumeSource":{"defaultMode":"int","items":"V1DownwardAPIVolumeFile[]"},"V1EmptyDirVolumeSource":{"medium":"string","sizeLimit":"string"},"V1Endpoint":{"addresses":"string[]","conditions":"V1EndpointConditions","deprecatedTopology":"map<string>","hints":"V1EndpointHints","hostname":"string","nodeName":"string","targetRef":"V1ObjectReference","zone":"string"},"V1EndpointAddress":{"hostname":"string","ip":"string","nodeName":"string","targetRef":"V1ObjectReference"},"V1EndpointConditions":{"ready":"boolean","serving":"boolean","terminating":"boolean"},"V1EndpointHints":{"forNodes":"V1ForNode[]","forZones":"V1ForZone[]"},"V1EndpointSlice":{"addressType":"string","apiVersion":"string","endpoints":"V1Endpoint[]","kind":"string","metadata":"V1ObjectMeta","ports":"DiscoveryV1EndpointPort[]"},"V1EndpointSubset":{"addresses":"V1EndpointAddress[]","notReadyAddresses":"V1EndpointAddress[]","ports":"CoreV1EndpointPort[]"},"V1Endpoints":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","subsets":"V1EndpointSubset[]"},"V1EnvFromSource":{"configMapRef":"V1ConfigMapEnvSource","prefix":"string","secretRef":"V1SecretEnvSource"},"V1EnvVar":{"name":"string","value":"string","valueFrom":"V1EnvVarSource"},"V1EnvVarSource":{"configMapKeyRef":"V1ConfigMapKeySelector","fieldRef":"V1ObjectFieldSelector","fileKeyRef":"V1FileKeySelector","resourceFieldRef":"V1ResourceFieldSelector","secretKeyRef":"V1SecretKeySelector"},"V1EphemeralContainer":{"args":"string[]","command":"string[]","env":"V1EnvVar[]","envFrom":"V1EnvFromSource[]","image":"string","imagePullPolicy":"string","lifecycle":"V1Lifecycle","livenessProbe":"V1Probe","name":"string","ports":"V1ContainerPort[]","readinessProbe":"V1Probe","resizePolicy":"V1ContainerResizePolicy[]","resources":"V1ResourceRequirements","restartPolicy":"string","restartPolicyRules":"V1ContainerRestartRule[]","securityContext":"V1SecurityContext","startupProbe":"V1Probe","stdin":"boolean","stdinOnce":"boolean","targetContainerName":"string","terminationMessagePath":"string","terminationMessagePolicy":"string","tty":"boolean","volumeDevices":"V1VolumeDevice[]","volumeMounts":"V1VolumeMount[]","workingDir":"string"},"V1EphemeralVolumeSource":{"volumeClaimTemplate":"V1PersistentVolumeClaimTemplate"},"V1EventSource":{"component":"string","host":"string"},"V1ExactDeviceRequest":{"adminAccess":"boolean","allocationMode":"string","capacity":"V1CapacityRequirements","count":"int","deviceClassName":"string","selectors":"V1DeviceSelector[]","tolerations":"V1DeviceToleration[]"},"V1ExecAction":{"command":"string[]"},"V1ExemptPriorityLevelConfiguration":{"lendablePercent":"int","nominalConcurrencyShares":"int"},"V1ExpressionWarning":{"fieldRef":"string","warning":"string"},"V1ExternalDocumentation":{"description":"string","url":"string"},"V1FCVolumeSource":{"fsType":"string","lun":"int","readOnly":"boolean","targetWWNs":"string[]","wwids":"string[]"},"V1FieldSelectorAttributes":{"rawSelector":"string","requirements":"V1FieldSelectorRequirement[]"},"V1FieldSelectorRequirement":{"key":"string","operator":"string","values":"string[]"},"V1FileKeySelector":{"key":"string","optional":"boolean","path":"string","volumeName":"string"},"V1FlexPersistentVolumeSource":{"driver":"string","fsType":"string","options":"map<string>","readOnly":"boolean","secretRef":"V1SecretReference"},"V1FlexVolumeSource":{"driver":"string","fsType":"string","options":"map<string>","readOnly":"boolean","secretRef":"V1LocalObjectReference"},"V1FlockerVolumeSource":{"datasetName":"string","datasetUUID":"string"},"V1FlowDistinguisherMethod":{"type":"string"},"V1FlowSchema":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1FlowSchemaSpec","status":"V1FlowSchemaStatus"},"V1FlowSchemaCondition":{"lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1FlowSchemaSpec":{"distinguisherMethod":"V1FlowDistinguisherMethod","matchingPrecedence":"int","priorityLevelConfiguration":"V1PriorityLevelConfigurationReference","rules":"V1PolicyRulesWithSubjects[]"},"V1FlowSchemaStatus":{"conditions":"V1FlowSchemaCondition[]"},"V1ForNode":{"name":"string"},"V1ForZone":{"name":"string"},"V1GCEPersistentDiskVolumeSource":{"fsType":"string","partition":"int","pdName":"string","readOnly":"boolean"},"V1GRPCAction":{"port":"int","service":"string"},"V1GitRepoVolumeSource":{"directory":"string","repository":"string","revision":"string"},"V1GlusterfsPersistentVolumeSource":{"endpoints":"string","endpointsNamespace":"string","path":"string","readOnly":"boolean"},"V1GlusterfsVolumeSource":{"endpoints":"string","path":"string","readOnly":"boolean"},"V1GroupResource":{"group":"string","resource":"string"},"V1GroupSubject":{"name":"string"},"V1HTTPGetAction":{"host":"string","httpHeaders":"V1HTTPHeader[]","path":"string","port":"int-or-string","scheme":"string"},"V1HTTPHeader":{"name":"string","value":"string"},"V1HTTPIngressPath":{"backend":"V1IngressBackend","path":"string","pathType":"string"},"V1HTTPIngressRuleValue":{"paths":"V1HTTPIngressPath[]"},"V1HorizontalPodAutoscaler":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1HorizontalPodAutoscalerSpec","status":"V1HorizontalPodAutoscalerStatus"},"V1HorizontalPodAutoscalerSpec":{"maxReplicas":"int","minReplicas":"int","scaleTargetRef":"V1CrossVersionObjectReference","targetCPUUtilizationPercentage":"int"},"V1HorizontalPodAutoscalerStatus":{"currentCPUUtilizationPercentage":"int","currentReplicas":"int","desiredReplicas":"int","lastScaleTime":"date","observedGeneration":"int"},"V1HostAlias":{"hostnames":"string[]","ip":"string"},"V1HostIP":{"ip":"string"},"V1HostPathVolumeSource":{"path":"string","type":"string"},"V1IPAddress":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1IPAddressSpec"},"V1IPAddressSpec":{"parentRef":"V1ParentReference"},"V1IPBlock":{"cidr":"string","except":"string[]"},"V1ISCSIPersistentVolumeSource":{"chapAuthDiscovery":"boolean","chapAuthSession":"boolean","fsType":"string","initiatorName":"string","iqn":"string","iscsiInterface":"string","lun":"int","portals":"string[]","readOnly":"boolean","secretRef":"V1SecretReference","targetPortal":"string"},"V1ISCSIVolumeSource":{"chapAuthDiscovery":"boolean","chapAuthSession":"boolean","fsType":"string","initiatorName":"string","iqn":"string","iscsiInterface":"string","lun":"int","portals":"string[]","readOnly":"boolean","secretRef":"V1LocalObjectReference","targetPortal":"string"},"V1ImageVolumeSource":{"pullPolicy":"string","reference":"string"},"V1ImageVolumeStatus":{"imageRef":"string"},"V1Ingress":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1IngressSpec","status":"V1IngressStatus"},"V1IngressBackend":{"resource":"V1TypedLocalObjectReference","service":"V1IngressServiceBackend"},"V1IngressClass":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1IngressClassSpec"},"V1IngressClassParametersReference":{"apiGroup":"string","kind":"string","name":"string","namespace":"string","scope":"string"},"V1IngressClassSpec":{"controller":"string","parameters":"V1IngressClassParametersReference"},"V1IngressLoadBalancerIngress":{"hostname":"string","ip":"string","ports":"V1IngressPortStatus[]"},"V1IngressLoadBalancerStatus":{"ingress":"V1IngressLoadBalancerIngress[]"},"V1IngressPortStatus":{"error":"string","port":"int","protocol":"string"},"V1IngressRule":{"host":"string","http":"V1HTTPIngressRuleValue"},"V1IngressServiceBackend":{"name":"string","port":"V1ServiceBackendPort"},"V1IngressSpec":{"defaultBackend":"V1IngressBackend","ingressClassName":"string","rules":"V1IngressRule[]","tls":"V1IngressTLS[]"},"V1IngressStatus":{"loadBalancer":"V1IngressLoadBalancerStatus"},"V1IngressTLS":{"hosts":"string[]","secretName":"string"},"V1JSONPatch":{"expression":"string"},"V1JSONSchemaProps":{"$ref":"string","$schema":"string","additionalItems":"any","additionalProperties":"any","allOf":"V1JSONSchemaProps[]","anyOf":"V1JSONSchemaProps[]","default":"any","definitions":"map<V1JSONSchemaProps>","dependencies":"map<any>","description":"string","enum":"any[]","example":"any","exclusiveMaximum":"boolean","exclusiveMinimum":"boolean","externalDocs":"V1ExternalDocumentation","format":"string","id":"string","items":"any","maxItems":"int","maxLength":"int","maxProperties":"int","maximum":"number","minItems":"int","minLength":"int","minProperties":"int","minimum":"number","multipleOf":"number","not":"V1JSONSchemaProps","nullable":"boolean","oneOf":"V1JSONSchemaProps[]","pattern":"string","patternProperties":"map<V1JSONSchemaProps>","properties":"map<V1JSONSchemaProps>","required":"string[]","title":"string","type":"string","uniqueItems":"boolean","x-kubernetes-embedded-resource":"boolean","x-kubernetes-int-or-string":"boolean","x-kubernetes-list-map-keys":"string[]","x-kubernetes-list-type":"string","x-kubernetes-map-type":"string","x-kubernetes-preserve-unknown-fields":"boolean","x-kubernetes-validations":"V1ValidationRule[]"},"V1Job":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1JobSpec","status":"V1JobStatus"},"V1JobCondition":{"lastProbeTime":"date","lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1JobSpec":{"activeDeadlineSeconds":"int","backoffLimit":"int","backoffLimitPerIndex":"int","completionMode":"string","completions":"int","managedBy":"string","manualSelector":"boolean","maxFailedIndexes":"int","parallelism":"int","podFailurePolicy":"V1PodFailurePolicy","podReplacementPolicy":"string","selector":"V1LabelSelector","successPolicy":"V1SuccessPolicy","suspend":"boolean","template":"V1PodTemplateSpec","ttlSecondsAfterFinished":"int"},"V1JobStatus":{"active":"int","completedIndexes":"string","completionTime":"date","conditions":"V1JobCondition[]","failed":"int","failedIndexes":"string","ready":"int","startTime":"date","succeeded":"int","terminating":"int","uncountedTerminatedPods":"V1UncountedTerminatedPods"},"V1JobTemplateSpec":{"metadata":"V1ObjectMeta","spec":"V1JobSpec"},"V1KeyToPath":{"key":"string","mode":"int","path":"string"},"V1LabelSelector":{"matchExpressions":"V1LabelSelectorRequirement[]","matchLabels":"map<string>"},"V1LabelSelectorAttributes":{"rawSelector":"string","requirements":"V1LabelSelectorRequirement[]"},"V1LabelSelectorRequirement":{"key":"string","operator":"string","values":"string[]"},"V1Lease":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1LeaseSpec"},"V1LeaseSpec":{"acquireTime":"date","holderIdentity":"string","leaseDurationSeconds":"int","leaseTransitions":"int","preferredHolder":"string","renewTime":"date","strategy":"string"},"V1Lifecycle":{"postStart":"V1LifecycleHandler","preStop":"V1LifecycleHandler","stopSignal":"string"},"V1LifecycleHandler":{"exec":"V1ExecAction","httpGet":"V1HTTPGetAction","sleep":"V1SleepAction","tcpSocket":"V1TCPSocketAction"},"V1LimitRange":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1LimitRangeSpec"},"V1LimitRangeItem":{"default":"map<string>","defaultRequest":"map<string>","max":"map<string>","maxLimitRequestRatio":"map<string>","min":"map<string>","type":"string"},"V1LimitRangeSpec":{"limits":"V1LimitRangeItem[]"},"V1LimitResponse":{"queuing":"V1QueuingConfiguration","type":"string"},"V1LimitedPriorityLevelConfiguration":{"borrowingLimitPercent":"int","lendablePercent":"int","limitResponse":"V1LimitResponse","nominalConcurrencyShares":"int"},"V1LinuxContainerUser":{"gid":"int","supplementalGroups":"number[]","uid":"int"},"V1LoadBalancerIngress":{"hostname":"string","ip":"string","ipMode":"string","ports":"V1PortStatus[]"},"V1LoadBalancerStatus":{"ingress":"V1LoadBalancerIngress[]"},"V1LocalObjectReference":{"name":"string"},"V1LocalSubjectAccessReview":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1SubjectAccessReviewSpec","status":"V1SubjectAccessReviewStatus"},"V1LocalVolumeSource":{"fsType":"string","path":"string"},"V1ManagedFieldsEntry":{"apiVersion":"string","fieldsType":"string","fieldsV1":"any","manager":"string","operation":"string","subresource":"string","time":"date"},"V1MatchCondition":{"expression":"string","name":"string"},"V1MatchResources":{"excludeResourceRules":"V1NamedRuleWithOperations[]","matchPolicy":"string","namespaceSelector":"V1LabelSelector","objectSelector":"V1LabelSelector","resourceRules":"V1NamedRuleWithOperations[]"},"V1ModifyVolumeStatus":{"status":"string","targetVolumeAttributesClassName":"string"},"V1MutatingAdmissionPolicy":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1MutatingAdmissionPolicySpec"},"V1MutatingAdmissionPolicyBinding":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1MutatingAdmissionPolicyBindingSpec"},"V1MutatingAdmissionPolicyBindingSpec":{"matchResources":"V1MatchResources","paramRef":"V1ParamRef","policyName":"string"},"V1MutatingAdmissionPolicySpec":{"failurePolicy":"string","matchConditions":"V1MatchCondition[]","matchConstraints":"V1MatchResources","mutations":"V1Mutation[]","paramKind":"V1ParamKind","reinvocationPolicy":"string","variables":"V1Variable[]"},"V1MutatingWebhook":{"admissionReviewVersions":"string[]","clientConfig":"AdmissionregistrationV1WebhookClientConfig","failurePolicy":"string","matchConditions":"V1MatchCondition[]","matchPolicy":"string","name":"string","namespaceSelector":"V1LabelSelector","objectSelector":"V1LabelSelector","reinvocationPolicy":"string","rules":"V1RuleWithOperations[]","sideEffects":"string","timeoutSeconds":"int"},"V1MutatingWebhookConfiguration":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","webhooks":"V1MutatingWebhook[]"},"V1Mutation":{"applyConfiguration":"V1ApplyConfiguration","jsonPatch":"V1JSONPatch","patchType":"string"},"V1NFSVolumeSource":{"path":"string","readOnly":"boolean","server":"string"},"V1NamedRuleWithOperations":{"apiGroups":"string[]","apiVersions":"string[]","operations":"string[]","resourceNames":"string[]","resources":"string[]","scope":"string"},"V1Namespace":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1NamespaceSpec","status":"V1NamespaceStatus"},"V1NamespaceCondition":{"lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1NamespaceSpec":{"finalizers":"string[]"},"V1NamespaceStatus":{"conditions":"V1NamespaceCondition[]","phase":"string"},"V1NetworkDeviceData":{"hardwareAddress":"string","interfaceName":"string","ips":"string[]"},"V1NetworkPolicy":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1NetworkPolicySpec"},"V1NetworkPolicyEgressRule":{"ports":"V1NetworkPolicyPort[]","to":"V1NetworkPolicyPeer[]"},"V1NetworkPolicyIngressRule":{"from":"V1NetworkPolicyPeer[]","ports":"V1NetworkPolicyPort[]"},"V1NetworkPolicyPeer":{"ipBlock":"V1IPBlock","namespaceSelector":"V1LabelSelector","podSelector":"V1LabelSelector"},"V1NetworkPolicyPort":{"endPort":"int","port":"int-or-string","protocol":"string"},"V1NetworkPolicySpec":{"egress":"V1NetworkPolicyEgressRule[]","ingress":"V1NetworkPolicyIngressRule[]","podSelector":"V1LabelSelector","policyTypes":"string[]"},"V1Node":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1NodeSpec","status":"V1NodeStatus"},"V1NodeAddress":{"address":"string","type":"string"},"V1NodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":"V1PreferredSchedulingTerm[]","requiredDuringSchedulingIgnoredDuringExecution":"V1NodeSelector"},"V1NodeAllocatableResourceClaimStatus":{"containers":"string[]","resourceClaimName":"string","resources":"map<string>"},"V1NodeAllocatableResourceMapping":{"allocationMultiplier":"string","capacityKey":"string"},"V1NodeCondition":{"lastHeartbeatTime":"date","lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1NodeConfigSource":{"configMap":"V1ConfigMapNodeConfigSource"},"V1NodeConfigStatus":{"active":"V1NodeConfigSource","assigned":"V1NodeConfigSource","error":"string","lastKnownGood":"V1NodeConfigSource"},"V1NodeDaemonEndpoints":{"kubeletEndpoint":"V1DaemonEndpoint"},"V1NodeFeatures":{"supplementalGroupsPolicy":"boolean"},"V1NodeRuntimeHandler":{"features":"V1NodeRuntimeHandlerFeatures","name":"string"},"V1NodeRuntimeHandlerFeatures":{"recursiveReadOnlyMounts":"boolean","userNamespaces":"boolean"},"V1NodeSelector":{"nodeSelectorTerms":"V1NodeSelectorTerm[]"},"V1NodeSelectorRequirement":{"key":"string","operator":"string","values":"string[]"},"V1NodeSelectorTerm":{"matchExpressions":"V1NodeSelectorRequirement[]","matchFields":"V1NodeSelectorRequirement[]"},"V1NodeSpec":{"configSource":"V1NodeConfigSource","externalID":"string","podCIDR":"string","podCIDRs":"string[]","providerID":"string","taints":"V1Taint[]","unschedulable":"boolean"},"V1NodeStatus":{"addresses":"V1NodeAddress[]","allocatable":"map<string>","capacity":"map<string>","conditions":"V1NodeCondition[]","config":"V1NodeConfigStatus","daemonEndpoints":"V1NodeDaemonEndpoints","declaredFeatures":"string[]","features":"V1NodeFeatures","images":"V1ContainerImage[]","nodeInfo":"V1NodeSystemInfo","phase":"string","runtimeHandlers":"V1NodeRuntimeHandler[]","volumesAttached":"V1AttachedVolume[]","volumesInUse":"string[]"},"V1NodeSwapStatus":{"capacity":"int"},"V1NodeSystemInfo":{"architecture":"string","bootID":"string","containerRuntimeVersion":"string","kernelVersion":"string","kubeProxyVersion":"string","kubeletVersion":"string","machineID":"string","operatingSystem":"string","osImage":"string","swap":"V1NodeSwapStatus","systemUUID":"string"},"V1NonResourceAttributes":{"path":"string","verb":"string"},"V1NonResourcePolicyRule":{"nonResourceURLs":"string[]","verbs":"string[]"},"V1NonResourceRule":{"nonResourceURLs":"string[]","verbs":"string[]"},"V1ObjectFieldSelector":{"apiVersion":"string","fieldPath":"string"},"V1ObjectMeta":{"annotations":"map<string>","creationTimestamp":"date","deletionGracePeriodSeconds":"int","deletionTimestamp":"date","finalizers":"string[]","generateName":"string","generation":"int","labels":"map<string>","managedFields":"V1ManagedFieldsEntry[]","name":"string","namespace":"string","ownerReferences":"V1OwnerReference[]","resourceVersion":"string","selfLink":"string","uid":"string"},"V1ObjectReference":{"apiVersion":"string","fieldPath":"string","kind":"string","name":"string","namespace":"string","resourceVersion":"string","uid":"string"},"V1OpaqueDeviceConfiguration":{"driver":"string","parameters":"any"},"V1Overhead":{"podFixed":"map<string>"},"V1OwnerReference":{"apiVersion":"string","blockOwnerDeletion":"boolean","controller":"boolean","kind":"string","name":"string","uid":"string"},"V1ParamKind":{"apiVersion":"string","kind":"string"},"V1ParamRef":{"name":"string","namespace":"string","parameterNotFoundAction":"string","selector":"V1LabelSelector"},"V1ParentReference":{"group":"string","name":"string","namespace":"string","resource":"string"},"V1PersistentVolume":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1PersistentVolumeSpec","status":"V1PersistentVolumeStatus"},"V1PersistentVolumeClaim":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1PersistentVolumeClaimSpec","status":"V1PersistentVolumeClaimStatus"},"V1PersistentVolumeClaimCondition":{"lastProbeTime":"date","lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1PersistentVolumeClaimSpec":{"accessModes":"string[]","dataSource":"V1TypedLocalObjectReference","dataSourceRef":"V1TypedObjectReference","resources":"V1VolumeResourceRequirements","selector":"V1LabelSelector","storageClassName":"string","volumeAttributesClassName":"string","volumeMode":"string","volumeName":"string"},"V1PersistentVolumeClaimStatus":{"accessModes":"string[]","allocatedResourceStatuses":"map<string>","allocatedResources":"map<string>","capacity":"map<string>","conditions":"V1PersistentVolumeClaimCondition[]","currentVolumeAttributesClassName":"string","modifyVolumeStatus":"V1ModifyVolumeStatus","phase":"string"},"V1PersistentVolumeClaimTemplate":{"metadata":"V1ObjectMeta","spec":"V1PersistentVolumeClaimSpec"},"V1PersistentVolumeClaimVolumeSource":{"claimName":"string","readOnly":"boolean"},"V1PersistentVolumeSpec":{"accessModes":"string[]","awsElasticBlockStore":"V1AWSElasticBlockStoreVolumeSource","azureDisk":"V1AzureDiskVolumeSource","azureFile":"V1AzureFilePersistentVolumeSource","capacity":"map<string>","cephfs":"V1CephFSPersistentVolumeSource","cinder":"V1CinderPersistentVolumeSource","claimRef":"V1ObjectReference","csi":"V1CSIPersistentVolumeSource","fc":"V1FCVolumeSource","flexVolume":"V1FlexPersistentVolumeSource","flocker":"V1FlockerVolumeSource","gcePersistentDisk":"V1GCEPersistentDiskVolumeSource","glusterfs":"V1GlusterfsPersistentVolumeSource","hostPath":"V1HostPathVolumeSource","iscsi":"V1ISCSIPersistentVolumeSource","local":"V1LocalVolumeSource","mountOptions":"string[]","nfs":"V1NFSVolumeSource","nodeAffinity":"V1VolumeNodeAffinity","persistentVolumeReclaimPolicy":"string","photonPersistentDisk":"V1PhotonPersistentDiskVolumeSource","portworxVolume":"V1PortworxVolumeSource","quobyte":"V1QuobyteVolumeSource","rbd":"V1RBDPersistentVolumeSource","scaleIO":"V1ScaleIOPersistentVolumeSource","storageClassName":"string","storageos":"V1StorageOSPersistentVolumeSource","volumeAttributesClassName":"string","volumeMode":"string","vsphereVolume":"V1VsphereVirtualDiskVolumeSource"},"V1PersistentVolumeStatus":{"lastPhaseTransitionTime":"date","message":"string","phase":"string","reason":"string"},"V1PhotonPersistentDiskVolumeSource":{"fsType":"string","pdID":"string"},"V1Pod":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1PodSpec","status":"V1PodStatus"},"V1PodAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":"V1WeightedPodAffinityTerm[]","requiredDuringSchedulingIgnoredDuringExecution":"V1PodAffinityTerm[]"},"V1PodAffinityTerm":{"labelSelector":"V1LabelSelector","matchLabelKeys":"string[]","mismatchLabelKeys":"string[]","namespaceSelector":"V1LabelSelector","namespaces":"string[]","topologyKey":"string"},"V1PodAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":"V1WeightedPodAffinityTerm[]","requiredDuringSchedulingIgnoredDuringExecution":"V1PodAffinityTerm[]"},"V1PodCertificateProjection":{"certificateChainPath":"string","credentialBundlePath":"string","keyPath":"string","keyType":"string","maxExpirationSeconds":"int","signerName":"string","userAnnotations":"map<string>"},"V1PodCondition":{"lastProbeTime":"date","lastTransitionTime":"date","message":"string","observedGeneration":"int","reason":"string","status":"string","type":"string"},"V1PodDNSConfig":{"nameservers":"string[]","options":"V1PodDNSConfigOption[]","searches":"string[]"},"V1PodDNSConfigOption":{"name":"string","value":"string"},"V1PodDisruptionBudget":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1PodDisruptionBudgetSpec","status":"V1PodDisruptionBudgetStatus"},"V1PodDisruptionBudgetSpec":{"maxUnavailable":"int-or-string","minAvailable":"int-or-string","selector":"V1LabelSelector","unhealthyPodEvictionPolicy":"string"},"V1PodDisruptionBudgetStatus":{"conditions":"V1Condition[]","currentHealthy":"int","desiredHealthy":"int","disruptedPods":"map<date>","disruptionsAllowed":"int","expectedPods":"int","observedGeneration":"int"},"V1PodExtendedResourceClaimStatus":{"requestMappings":"V1ContainerExtendedResourceRequest[]","resourceClaimName":"string"},"V1PodFailurePolicy":{"rules":"V1PodFailurePolicyRule[]"},"V1PodFailurePolicyOnExitCodesRequirement":{"containerName":"string","operator":"string","values":"number[]"},"V1PodFailurePolicyOnPodConditionsPattern":{"status":"string","type":"string"},"V1PodFailurePolicyRule":{"action":"string","onExitCodes":"V1PodFailurePolicyOnExitCodesRequirement","onPodConditions":"V1PodFailurePolicyOnPodConditionsPattern[]"},"V1PodIP":{"ip":"string"},"V1PodOS":{"name":"string"},"V1PodReadinessGate":{"conditionType":"string"},"V1PodResourceClaim":{"name":"string","resourceClaimName":"string","resourceClaimTemplateName":"string"},"V1PodResourceClaimStatus":{"name":"string","resourceClaimName":"string"},"V1PodSchedulingGate":{"name":"string"},"V1PodSchedulingGroup":{"podGroupName":"string"},"V1PodSecurityContext":{"appArmorProfile":"V1AppArmorProfile","fsGroup":"int","fsGroupChangePolicy":"string","runAsGroup":"int","runAsNonRoot":"boolean","runAsUser":"int","seLinuxChangePolicy":"string","seLinuxOptions":"V1SELinuxOptions","seccompProfile":"V1SeccompProfile","supplementalGroups":"number[]","supplementalGroupsPolicy":"string","sysctls":"V1Sysctl[]","windowsOptions":"V1WindowsSecurityContextOptions"},"V1PodSpec":{"activeDeadlineSeconds":"int","affinity":"V1Affinity","automountServiceAccountToken":"boolean","containers":"V1Container[]","dnsConfig":"V1PodDNSConfig","dnsPolicy":"string","enableServiceLinks":"boolean","ephemeralContainers":"V1EphemeralContainer[]","hostAliases":"V1HostAlias[]","hostIPC":"boolean","hostNetwork":"boolean","hostPID":"boolean","hostUsers":"boolean","hostname":"string","hostnameOverride":"string","imagePullSecrets":"V1LocalObjectReference[]","initContainers":"V1Container[]","nodeName":"string","nodeSelector":"map<string>","os":"V1PodOS","overhead":"map<string>","preemptionPolicy":"string","priority":"int","priorityClassName":"string","readinessGates":"V1PodReadinessGate[]","resourceClaims":"V1PodResourceClaim[]","resources":"V1ResourceRequirements","restartPolicy":"string","runtimeClassName":"string","schedulerName":"string","schedulingGates":"V1PodSchedulingGate[]","schedulingGroup":"V1PodSchedulingGroup","securityContext":"V1PodSecurityContext","serviceAccount":"string","serviceAccountName":"string","setHostnameAsFQDN":"boolean","shareProcessNamespace":"boolean","subdomain":"string","terminationGracePeriodSeconds":"int","tolerations":"V1Toleration[]","topologySpreadConstraints":"V1TopologySpreadConstraint[]","volumes":"V1Volume[]"},"V1PodStatus":{"allocatedResources":"map<string>","conditions":"V1PodCondition[]","containerStatuses":"V1ContainerStatus[]","ephemeralContainerStatuses":"V1ContainerStatus[]","extendedResourceClaimStatus":"V1PodExtendedResourceClaimStatus","hostIP":"string","hostIPs":"V1HostIP[]","initContainerStatuses":"V1ContainerStatus[]","message":"string","nodeAllocatableResourceClaimStatuses":"V1NodeAllocatableResourceClaimStatus[]","nominatedNodeName":"string","observedGeneration":"int","phase":"string","podIP":"string","podIPs":"V1PodIP[]","qosClass":"string","reason":"string","resize":"string","resourceClaimStatuses":"V1PodResourceClaimStatus[]","resources":"V1ResourceRequirements","startTime":"date"},"V1PodTemplate":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","template":"V1PodTemplateSpec"},"V1PodTemplateSpec":{"metadata":"V1ObjectMeta","spec":"V1PodSpec"},"V1PolicyRule":{"apiGroups":"string[]","nonResourceURLs":"string[]","resourceNames":"string[]","resources":"string[]","verbs":"string[]"},"V1PolicyRulesWithSubjects":{"nonResourceRules":"V1NonResourcePolicyRule[]","resourceRules":"V1ResourcePolicyRule[]","subjects":"FlowcontrolV1Subject[]"},"V1PortStatus":{"error":"string","port":"int","protocol":"string"},"V1PortworxVolumeSource":{"fsType":"string","readOnly":"boolean","volumeID":"string"},"V1PreferredSchedulingTerm":{"preference":"V1NodeSelectorTerm","weight":"int"},"V1PriorityClass":{"apiVersion":"string","description":"string","globalDefault":"boolean","kind":"string","metadata":"V1ObjectMeta","preemptionPolicy":"string","value":"int"},"V1PriorityLevelConfiguration":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1PriorityLevelConfigurationSpec","status":"V1PriorityLevelConfigurationStatus"},"V1PriorityLevelConfigurationCondition":{"lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1PriorityLevelConfigurationReference":{"name":"string"},"V1PriorityLevelConfigurationSpec":{"exempt":"V1ExemptPriorityLevelConfiguration","limited":"V1LimitedPriorityLevelConfiguration","type":"string"},"V1PriorityLevelConfigurationStatus":{"conditions":"V1PriorityLevelConfigurationCondition[]"},"V1Probe":{"exec":"V1ExecAction","failureThreshold":"int","grpc":"V1GRPCAction","httpGet":"V1HTTPGetAction","initialDelaySeconds":"int","periodSeconds":"int","successThreshold":"int","tcpSocket":"V1TCPSocketAction","terminationGracePeriodSeconds":"int","timeoutSeconds":"int"},"V1ProjectedVolumeSource":{"defaultMode":"int","sources":"V1VolumeProjection[]"},"V1QueuingConfiguration":{"handSize":"int","queueLengthLimit":"int","queues":"int"},"V1QuobyteVolumeSource":{"group":"string","readOnly":"boolean","registry":"string","tenant":"string","user":"string","volume":"string"},"V1RBDPersistentVolumeSource":{"fsType":"string","image":"string","keyring":"string","monitors":"string[]","pool":"string","readOnly":"boolean","secretRef":"V1SecretReference","user":"string"},"V1RBDVolumeSource":{"fsType":"string","image":"string","keyring":"string","monitors":"string[]","pool":"string","readOnly":"boolean","secretRef":"V1LocalObjectReference","user":"string"},"V1ReplicaSet":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1ReplicaSetSpec","status":"V1ReplicaSetStatus"},"V1ReplicaSetCondition":{"lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1ReplicaSetSpec":{"minReadySeconds":"int","replicas":"int","selector":"V1LabelSelector","template":"V1PodTemplateSpec"},"V1ReplicaSetStatus":{"availableReplicas":"int","conditions":"V1ReplicaSetCondition[]","fullyLabeledReplicas":"int","observedGeneration":"int","readyReplicas":"int","replicas":"int","terminatingReplicas":"int"},"V1ReplicationController":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1ReplicationControllerSpec","status":"V1ReplicationControllerStatus"},"V1ReplicationControllerCondition":{"lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1ReplicationControllerSpec":{"minReadySeconds":"int","replicas":"int","selector":"map<string>","template":"V1PodTemplateSpec"},"V1ReplicationControllerStatus":{"availableReplicas":"int","conditions":"V1ReplicationControllerCondition[]","fullyLabeledReplicas":"int","observedGeneration":"int","readyReplicas":"int","replicas":"int"},"V1ResourceAttributes":{"fieldSelector":"V1FieldSelectorAttributes","group":"string","labelSelector":"V1LabelSelectorAttributes","name":"string","namespace":"string","resource":"string","subresource":"string","verb":"string","version":"string"},"V1ResourceClaimConsumerReference":{"apiGroup":"string","name":"string","resource":"string","uid":"string"},"V1ResourceClaimSpec":{"devices":"V1DeviceClaim"},"V1ResourceClaimStatus":{"allocation":"V1AllocationResult","devices":"V1AllocatedDeviceStatus[]","reservedFor":"V1ResourceClaimConsumerReference[]"},"V1ResourceClaimTemplate":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1ResourceClaimTemplateSpec"},"V1ResourceClaimTemplateSpec":{"metadata":"V1ObjectMeta","spec":"V1ResourceClaimSpec"},"V1ResourceFieldSelector":{"containerName":"string","divisor":"string","resource":"string"},"V1ResourceHealth":{"health":"string","message":"string","resourceID":"string"},"V1ResourcePolicyRule":{"apiGroups":"string[]","clusterScope":"boolean","namespaces":"string[]","resources":"string[]","verbs":"string[]"},"V1ResourcePool":{"generation":"int","name":"string","resourceSliceCount":"int"},"V1ResourceQuota":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1ResourceQuotaSpec","status":"V1ResourceQuotaStatus"},"V1ResourceQuotaSpec":{"hard":"map<string>","scopeSelector":"V1ScopeSelector","scopes":"string[]"},"V1ResourceQuotaStatus":{"hard":"map<string>","used":"map<string>"},"V1ResourceRequirements":{"claims":"CoreV1ResourceClaim[]","limits":"map<string>","requests":"map<string>"},"V1ResourceRule":{"apiGroups":"string[]","resourceNames":"string[]","resources":"string[]","verbs":"string[]"},"V1ResourceSlice":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1ResourceSliceSpec"},"V1ResourceSliceSpec":{"allNodes":"boolean","devices":"V1Device[]","driver":"string","nodeName":"string","nodeSelector":"V1NodeSelector","perDeviceNodeSelection":"boolean","pool":"V1ResourcePool","sharedCounters":"V1CounterSet[]"},"V1ResourceStatus":{"name":"string","resources":"V1ResourceHealth[]"},"V1Role":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","rules":"V1PolicyRule[]"},"V1RoleBinding":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","roleRef":"V1RoleRef","subjects":"RbacV1Subject[]"},"V1RoleRef":{"apiGroup":"string","kind":"string","name":"string"},"V1RollingUpdateDaemonSet":{"maxSurge":"int-or-string","maxUnavailable":"int-or-string"},"V1RollingUpdateDeployment":{"maxSurge":"int-or-string","maxUnavailable":"int-or-string"},"V1RollingUpdateStatefulSetStrategy":{"maxUnavailable":"int-or-string","partition":"int"},"V1RuleWithOperations":{"apiGroups":"string[]","apiVersions":"string[]","operations":"string[]","resources":"string[]","scope":"string"},"V1RuntimeClass":{"apiVersion":"string","handler":"string","kind":"string","metadata":"V1ObjectMeta","overhead":"V1Overhead","scheduling":"V1Scheduling"},"V1SELinuxOptions":{"level":"string","role":"string","type":"string","user":"string"},"V1ScaleIOPersistentVolumeSource":{"fsType":"string","gateway":"string","protectionDomain":"string","readOnly":"boolean","secretRef":"V1SecretReference","sslEnabled":"boolean","storageMode":"string","storagePool":"string","system":"string","volumeName":"string"},"V1ScaleIOVolumeSource":{"fsType":"string","gateway":"string","protectionDomain":"string","readOnly":"boolean","secretRef":"V1LocalObjectReference","sslEnabled":"boolean","storageMode":"string","storagePool":"string","system":"string","volumeName":"string"},"V1Scheduling":{"nodeSelector":"map<string>","tolerations":"V1Toleration[]"},"V1ScopeSelector":{"matchExpressions":"V1ScopedResourceSelectorRequirement[]"},"V1ScopedResourceSelectorRequirement":{"operator":"string","scopeName":"string","values":"string[]"},"V1SeccompProfile":{"localhostProfile":"string","type":"string"},"V1Secret":{"apiVersion":"string","data":"map<string>","immutable":"boolean","kind":"string","metadata":"V1ObjectMeta","stringData":"map<string>","type":"string"},"V1SecretEnvSource":{"name":"string","optional":"boolean"},"V1SecretKeySelector":{"key":"string","name":"string","optional":"boolean"},"V1SecretProjection":{"items":"V1KeyToPath[]","name":"string","optional":"boolean"},"V1SecretReference":{"name":"string","namespace":"string"},"V1SecretVolumeSource":{"defaultMode":"int","items":"V1KeyToPath[]","optional":"boolean","secretName":"string"},"V1SecurityContext":{"allowPrivilegeEscalation":"boolean","appArmorProfile":"V1AppArmorProfile","capabilities":"V1Capabilities","privileged":"boolean","procMount":"string","readOnlyRootFilesystem":"boolean","runAsGroup":"int","runAsNonRoot":"boolean","runAsUser":"int","seLinuxOptions":"V1SELinuxOptions","seccompProfile":"V1SeccompProfile","windowsOptions":"V1WindowsSecurityContextOptions"},"V1SelectableField":{"jsonPath":"string"},"V1SelfSubjectAccessReview":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1SelfSubjectAccessReviewSpec","status":"V1SubjectAccessReviewStatus"},"V1SelfSubjectAccessReviewSpec":{"nonResourceAttributes":"V1NonResourceAttributes","resourceAttributes":"V1ResourceAttributes"},"V1SelfSubjectReview":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","status":"V1SelfSubjectReviewStatus"},"V1SelfSubjectReviewStatus":{"userInfo":"V1UserInfo"},"V1SelfSubjectRulesReview":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1SelfSubjectRulesReviewSpec","status":"V1SubjectRulesReviewStatus"},"V1SelfSubjectRulesReviewSpec":{"namespace":"string"},"V1Service":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1ServiceSpec","status":"V1ServiceStatus"},"V1ServiceAccount":{"apiVersion":"string","automountServiceAccountToken":"boolean","imagePullSecrets":"V1LocalObjectReference[]","kind":"string","metadata":"V1ObjectMeta","secrets":"V1ObjectReference[]"},"V1ServiceAccountSubject":{"name":"string","namespace":"string"},"V1ServiceAccountTokenProjection":{"audience":"string","expirationSeconds":"int","path":"string"},"V1ServiceBackendPort":{"name":"string","number":"int"},"V1ServiceCIDR":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1ServiceCIDRSpec","status":"V1ServiceCIDRStatus"},"V1ServiceCIDRSpec":{"cidrs":"string[]"},"V1ServiceCIDRStatus":{"conditions":"V1Condition[]"},"V1ServicePort":{"appProtocol":"string","name":"string","nodePort":"int","port":"int","protocol":"string","targetPort":"int-or-string"},"V1ServiceSpec":{"allocateLoadBalancerNodePorts":"boolean","clusterIP":"string","clusterIPs":"string[]","externalIPs":"string[]","externalName":"string","externalTrafficPolicy":"string","healthCheckNodePort":"int","internalTrafficPolicy":"string","ipFamilies":"string[]","ipFamilyPolicy":"string","loadBalancerClass":"string","loadBalancerIP":"string","loadBalancerSourceRanges":"string[]","ports":"V1ServicePort[]","publishNotReadyAddresses":"boolean","selector":"map<string>","sessionAffinity":"string","sessionAffinityConfig":"V1SessionAffinityConfig","trafficDistribution":"string","type":"string"},"V1ServiceStatus":{"conditions":"V1Condition[]","loadBalancer":"V1LoadBalancerStatus"},"V1SessionAffinityConfig":{"clientIP":"V1ClientIPConfig"},"V1SleepAction":{"seconds":"int"},"V1StatefulSet":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1StatefulSetSpec","status":"V1StatefulSetStatus"},"V1StatefulSetCondition":{"lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V1StatefulSetOrdinals":{"start":"int"},"V1StatefulSetPersistentVolumeClaimRetentionPolicy":{"whenDeleted":"string","whenScaled":"string"},"V1StatefulSetSpec":{"minReadySeconds":"int","ordinals":"V1StatefulSetOrdinals","persistentVolumeClaimRetentionPolicy":"V1StatefulSetPersistentVolumeClaimRetentionPolicy","podManagementPolicy":"string","replicas":"int","revisionHistoryLimit":"int","selector":"V1LabelSelector","serviceName":"string","template":"V1PodTemplateSpec","updateStrategy":"V1StatefulSetUpdateStrategy","volumeClaimTemplates":"V1PersistentVolumeClaim[]"},"V1StatefulSetStatus":{"availableReplicas":"int","collisionCount":"int","conditions":"V1StatefulSetCondition[]","currentReplicas":"int","currentRevision":"string","observedGeneration":"int","readyReplicas":"int","replicas":"int","updateRevision":"string","updatedReplicas":"int"},"V1StatefulSetUpdateStrategy":{"rollingUpdate":"V1RollingUpdateStatefulSetStrategy","type":"string"},"V1StorageClass":{"allowVolumeExpansion":"boolean","allowedTopologies":"V1TopologySelectorTerm[]","apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","mountOptions":"string[]","parameters":"map<string>","provisioner":"string","reclaimPolicy":"string","volumeBindingMode":"string"},"V1StorageOSPersistentVolumeSource":{"fsType":"string","readOnly":"boolean","secretRef":"V1ObjectReference","volumeName":"string","volumeNamespace":"string"},"V1StorageOSVolumeSource":{"fsType":"string","readOnly":"boolean","secretRef":"V1LocalObjectReference","volumeName":"string","volumeNamespace":"string"},"V1SubjectAccessReview":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1SubjectAccessReviewSpec","status":"V1SubjectAccessReviewStatus"},"V1SubjectAccessReviewSpec":{"extra":"map<string[]>","groups":"string[]","nonResourceAttributes":"V1NonResourceAttributes","resourceAttributes":"V1ResourceAttributes","uid":"string","user":"string"},"V1SubjectAccessReviewStatus":{"allowed":"boolean","denied":"boolean","evaluationError":"string","reason":"string"},"V1SubjectRulesReviewStatus":{"evaluationError":"string","incomplete":"boolean","nonResourceRules":"V1NonResourceRule[]","resourceRules":"V1ResourceRule[]"},"V1SuccessPolicy":{"rules":"V1SuccessPolicyRule[]"},"V1SuccessPolicyRule":{"succeededCount":"int","succeededIndexes":"string"},"V1Sysctl":{"name":"string","value":"string"},"V1TCPSocketAction":{"host":"string","port":"int-or-string"},"V1Taint":{"effect":"string","key":"string","timeAdded":"date","value":"string"},"V1TokenReview":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1TokenReviewSpec","status":"V1TokenReviewStatus"},"V1TokenReviewSpec":{"audiences":"string[]","token":"string"},"V1TokenReviewStatus":{"audiences":"string[]","authenticated":"boolean","error":"string","user":"V1UserInfo"},"V1Toleration":{"effect":"string","key":"string","operator":"string","tolerationSeconds":"int","value":"string"},"V1TopologySelectorLabelRequirement":{"key":"string","values":"string[]"},"V1TopologySelectorTerm":{"matchLabelExpressions":"V1TopologySelectorLabelRequirement[]"},"V1TopologySpreadConstraint":{"labelSelector":"V1LabelSelector","matchLabelKeys":"string[]","maxSkew":"int","minDomains":"int","nodeAffinityPolicy":"string","nodeTaintsPolicy":"string","topologyKey":"string","whenUnsatisfiable":"string"},"V1TypeChecking":{"expressionWarnings":"V1ExpressionWarning[]"},"V1TypedLocalObjectReference":{"apiGroup":"string","kind":"string","name":"string"},"V1TypedObjectReference":{"apiGroup":"string","kind":"string","name":"string","namespace":"string"},"V1UncountedTerminatedPods":{"failed":"string[]","succeeded":"string[]"},"V1UserInfo":{"extra":"map<string[]>","groups":"string[]","uid":"string","username":"string"},"V1UserSubject":{"name":"string"},"V1ValidatingAdmissionPolicy":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1ValidatingAdmissionPolicySpec","status":"V1ValidatingAdmissionPolicyStatus"},"V1ValidatingAdmissionPolicyBinding":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1ValidatingAdmissionPolicyBindingSpec"},"V1ValidatingAdmissionPolicyBindingSpec":{"matchResources":"V1MatchResources","paramRef":"V1ParamRef","policyName":"string","validationActions":"string[]"},"V1ValidatingAdmissionPolicySpec":{"auditAnnotations":"V1AuditAnnotation[]","failurePolicy":"string","matchConditions":"V1MatchCondition[]","matchConstraints":"V1MatchResources","paramKind":"V1ParamKind","validations":"V1Validation[]","variables":"V1Variable[]"},"V1ValidatingAdmissionPolicyStatus":{"conditions":"V1Condition[]","observedGeneration":"int","typeChecking":"V1TypeChecking"},"V1ValidatingWebhook":{"admissionReviewVersions":"string[]","clientConfig":"AdmissionregistrationV1WebhookClientConfig","failurePolicy":"string","matchConditions":"V1MatchCondition[]","matchPolicy":"string","name":"string","namespaceSelector":"V1LabelSelector","objectSelector":"V1LabelSelector","rules":"V1RuleWithOperations[]","sideEffects":"string","timeoutSeconds":"int"},"V1ValidatingWebhookConfiguration":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","webhooks":"V1ValidatingWebhook[]"},"V1Validation":{"expression":"string","message":"string","messageExpression":"string","reason":"string"},"V1ValidationRule":{"fieldPath":"string","message":"string","messageExpression":"string","optionalOldSelf":"boolean","reason":"string","rule":"string"},"V1Variable":{"expression":"string","name":"string"},"V1Volume":{"awsElasticBlockStore":"V1AWSElasticBlockStoreVolumeSource","azureDisk":"V1AzureDiskVolumeSource","azureFile":"V1AzureFileVolumeSource","cephfs":"V1CephFSVolumeSource","cinder":"V1CinderVolumeSource","configMap":"V1ConfigMapVolumeSource","csi":"V1CSIVolumeSource","downwardAPI":"V1DownwardAPIVolumeSource","emptyDir":"V1EmptyDirVolumeSource","ephemeral":"V1EphemeralVolumeSource","fc":"V1FCVolumeSource","flexVolume":"V1FlexVolumeSource","flocker":"V1FlockerVolumeSource","gcePersistentDisk":"V1GCEPersistentDiskVolumeSource","gitRepo":"V1GitRepoVolumeSource","glusterfs":"V1GlusterfsVolumeSource","hostPath":"V1HostPathVolumeSource","image":"V1ImageVolumeSource","iscsi":"V1ISCSIVolumeSource","name":"string","nfs":"V1NFSVolumeSource","persistentVolumeClaim":"V1PersistentVolumeClaimVolumeSource","photonPersistentDisk":"V1PhotonPersistentDiskVolumeSource","portworxVolume":"V1PortworxVolumeSource","projected":"V1ProjectedVolumeSource","quobyte":"V1QuobyteVolumeSource","rbd":"V1RBDVolumeSource","scaleIO":"V1ScaleIOVolumeSource","secret":"V1SecretVolumeSource","storageos":"V1StorageOSVolumeSource","vsphereVolume":"V1VsphereVirtualDiskVolumeSource"},"V1VolumeAttachment":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1VolumeAttachmentSpec","status":"V1VolumeAttachmentStatus"},"V1VolumeAttachmentSource":{"inlineVolumeSpec":"V1PersistentVolumeSpec","persistentVolumeName":"string"},"V1VolumeAttachmentSpec":{"attacher":"string","nodeName":"string","source":"V1VolumeAttachmentSource"},"V1VolumeAttachmentStatus":{"attachError":"V1VolumeError","attached":"boolean","attachmentMetadata":"map<string>","detachError":"V1VolumeError"},"V1VolumeAttributesClass":{"apiVersion":"string","driverName":"string","kind":"string","metadata":"V1ObjectMeta","parameters":"map<string>"},"V1VolumeDevice":{"devicePath":"string","name":"string"},"V1VolumeError":{"errorCode":"int","message":"string","time":"date"},"V1VolumeMount":{"mountPath":"string","mountPropagation":"string","name":"string","readOnly":"boolean","recursiveReadOnly":"string","subPath":"string","subPathExpr":"string"},"V1VolumeMountStatus":{"mountPath":"string","name":"string","readOnly":"boolean","recursiveReadOnly":"string","volumeStatus":"V1VolumeStatus"},"V1VolumeNodeAffinity":{"required":"V1NodeSelector"},"V1VolumeNodeResources":{"count":"int"},"V1VolumeProjection":{"clusterTrustBundle":"V1ClusterTrustBundleProjection","configMap":"V1ConfigMapProjection","downwardAPI":"V1DownwardAPIProjection","podCertificate":"V1PodCertificateProjection","secret":"V1SecretProjection","serviceAccountToken":"V1ServiceAccountTokenProjection"},"V1VolumeResourceRequirements":{"limits":"map<string>","requests":"map<string>"},"V1VolumeStatus":{"image":"V1ImageVolumeStatus"},"V1VsphereVirtualDiskVolumeSource":{"fsType":"string","storagePolicyID":"string","storagePolicyName":"string","volumePath":"string"},"V1WebhookConversion":{"clientConfig":"ApiextensionsV1WebhookClientConfig","conversionReviewVersions":"string[]"},"V1WeightedPodAffinityTerm":{"podAffinityTerm":"V1PodAffinityTerm","weight":"int"},"V1WindowsSecurityContextOptions":{"gmsaCredentialSpec":"string","gmsaCredentialSpecName":"string","hostProcess":"boolean","runAsUserName":"string"},"V1alpha1ApplyConfiguration":{"expression":"string"},"V1alpha1ClusterTrustBundle":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1alpha1ClusterTrustBundleSpec"},"V1alpha1ClusterTrustBundleSpec":{"signerName":"string","trustBundle":"string"},"V1alpha1JSONPatch":{"expression":"string"},"V1alpha1MatchCondition":{"expression":"string","name":"string"},"V1alpha1MatchResources":{"excludeResourceRules":"V1alpha1NamedRuleWithOperations[]","matchPolicy":"string","namespaceSelector":"V1LabelSelector","objectSelector":"V1LabelSelector","resourceRules":"V1alpha1NamedRuleWithOperations[]"},"V1alpha1MutatingAdmissionPolicy":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1alpha1MutatingAdmissionPolicySpec"},"V1alpha1MutatingAdmissionPolicyBinding":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1alpha1MutatingAdmissionPolicyBindingSpec"},"V1alpha1MutatingAdmissionPolicyBindingSpec":{"matchResources":"V1alpha1MatchResources","paramRef":"V1alpha1ParamRef","policyName":"string"},"V1alpha1MutatingAdmissionPolicySpec":{"failurePolicy":"string","matchConditions":"V1alpha1MatchCondition[]","matchConstraints":"V1alpha1MatchResources","mutations":"V1alpha1Mutation[]","paramKind":"V1alpha1ParamKind","reinvocationPolicy":"string","variables":"V1alpha1Variable[]"},"V1alpha1Mutation":{"applyConfiguration":"V1alpha1ApplyConfiguration","jsonPatch":"V1alpha1JSONPatch","patchType":"string"},"V1alpha1NamedRuleWithOperations":{"apiGroups":"string[]","apiVersions":"string[]","operations":"string[]","resourceNames":"string[]","resources":"string[]","scope":"string"},"V1alpha1ParamKind":{"apiVersion":"string","kind":"string"},"V1alpha1ParamRef":{"name":"string","namespace":"string","parameterNotFoundAction":"string","selector":"V1LabelSelector"},"V1alpha1ServerStorageVersion":{"apiServerID":"string","decodableVersions":"string[]","encodingVersion":"string","servedVersions":"string[]"},"V1alpha1StorageVersion":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"any","status":"V1alpha1StorageVersionStatus"},"V1alpha1StorageVersionCondition":{"lastTransitionTime":"date","message":"string","observedGeneration":"int","reason":"string","status":"string","type":"string"},"V1alpha1StorageVersionStatus":{"commonEncodingVersion":"string","conditions":"V1alpha1StorageVersionCondition[]","storageVersions":"V1alpha1ServerStorageVersion[]"},"V1alpha1Variable":{"expression":"string","name":"string"},"V1alpha2GangSchedulingPolicy":{"minCount":"int"},"V1alpha2LeaseCandidate":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1alpha2LeaseCandidateSpec"},"V1alpha2LeaseCandidateSpec":{"binaryVersion":"string","emulationVersion":"string","leaseName":"string","pingTime":"date","renewTime":"date","strategy":"string"},"V1alpha2PodGroup":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1alpha2PodGroupSpec","status":"V1alpha2PodGroupStatus"},"V1alpha2PodGroupResourceClaim":{"name":"string","resourceClaimName":"string","resourceClaimTemplateName":"string"},"V1alpha2PodGroupResourceClaimStatus":{"name":"string","resourceClaimName":"string"},"V1alpha2PodGroupSchedulingConstraints":{"topology":"V1alpha2TopologyConstraint[]"},"V1alpha2PodGroupSchedulingPolicy":{"basic":"any","gang":"V1alpha2GangSchedulingPolicy"},"V1alpha2PodGroupSpec":{"disruptionMode":"string","podGroupTemplateRef":"V1alpha2PodGroupTemplateReference","priority":"int","priorityClassName":"string","resourceClaims":"V1alpha2PodGroupResourceClaim[]","schedulingConstraints":"V1alpha2PodGroupSchedulingConstraints","schedulingPolicy":"V1alpha2PodGroupSchedulingPolicy"},"V1alpha2PodGroupStatus":{"conditions":"V1Condition[]","resourceClaimStatuses":"V1alpha2PodGroupResourceClaimStatus[]"},"V1alpha2PodGroupTemplate":{"disruptionMode":"string","name":"string","priority":"int","priorityClassName":"string","resourceClaims":"V1alpha2PodGroupResourceClaim[]","schedulingConstraints":"V1alpha2PodGroupSchedulingConstraints","schedulingPolicy":"V1alpha2PodGroupSchedulingPolicy"},"V1alpha2PodGroupTemplateReference":{"workload":"V1alpha2WorkloadPodGroupTemplateReference"},"V1alpha2TopologyConstraint":{"key":"string"},"V1alpha2TypedLocalObjectReference":{"apiGroup":"string","kind":"string","name":"string"},"V1alpha2Workload":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1alpha2WorkloadSpec"},"V1alpha2WorkloadPodGroupTemplateReference":{"podGroupTemplateName":"string","workloadName":"string"},"V1alpha2WorkloadSpec":{"controllerRef":"V1alpha2TypedLocalObjectReference","podGroupTemplates":"V1alpha2PodGroupTemplate[]"},"V1alpha3DeviceTaint":{"effect":"string","key":"string","timeAdded":"date","value":"string"},"V1alpha3DeviceTaintRule":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1alpha3DeviceTaintRuleSpec","status":"V1alpha3DeviceTaintRuleStatus"},"V1alpha3DeviceTaintRuleSpec":{"deviceSelector":"V1alpha3DeviceTaintSelector","taint":"V1alpha3DeviceTaint"},"V1alpha3DeviceTaintRuleStatus":{"conditions":"V1Condition[]"},"V1alpha3DeviceTaintSelector":{"device":"string","driver":"string","pool":"string"},"V1alpha3PoolStatus":{"allocatedDevices":"int","availableDevices":"int","driver":"string","generation":"int","nodeName":"string","poolName":"string","resourceSliceCount":"int","totalDevices":"int","unavailableDevices":"int","validationError":"string"},"V1alpha3ResourcePoolStatusRequest":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1alpha3ResourcePoolStatusRequestSpec","status":"V1alpha3ResourcePoolStatusRequestStatus"},"V1alpha3ResourcePoolStatusRequestSpec":{"driver":"string","limit":"int","poolName":"string"},"V1alpha3ResourcePoolStatusRequestStatus":{"conditions":"V1Condition[]","poolCount":"int","pools":"V1alpha3PoolStatus[]"},"V1beta1AllocatedDeviceStatus":{"conditions":"V1Condition[]","data":"any","device":"string","driver":"string","networkData":"V1beta1NetworkDeviceData","pool":"string","shareID":"string"},"V1beta1AllocationResult":{"allocationTimestamp":"date","devices":"V1beta1DeviceAllocationResult","nodeSelector":"V1NodeSelector"},"V1beta1ApplyConfiguration":{"expression":"string"},"V1beta1BasicDevice":{"allNodes":"boolean","allowMultipleAllocations":"boolean","attributes":"map<V1beta1DeviceAttribute>","bindingConditions":"string[]","bindingFailureConditions":"string[]","bindsToNode":"boolean","capacity":"map<V1beta1DeviceCapacity>","consumesCounters":"V1beta1DeviceCounterConsumption[]","nodeAllocatableResourceMappings":"map<V1beta1NodeAllocatableResourceMapping>","nodeName":"string","nodeSelector":"V1NodeSelector","taints":"V1beta1DeviceTaint[]"},"V1beta1CELDeviceSelector":{"expression":"string"},"V1beta1CapacityRequestPolicy":{"default":"string","validRange":"V1beta1CapacityRequestPolicyRange","validValues":"string[]"},"V1beta1CapacityRequestPolicyRange":{"max":"string","min":"string","step":"string"},"V1beta1CapacityRequirements":{"requests":"map<string>"},"V1beta1ClusterTrustBundle":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1ClusterTrustBundleSpec"},"V1beta1ClusterTrustBundleSpec":{"signerName":"string","trustBundle":"string"},"V1beta1Counter":{"value":"string"},"V1beta1CounterSet":{"counters":"map<V1beta1Counter>","name":"string"},"V1beta1Device":{"basic":"V1beta1BasicDevice","name":"string"},"V1beta1DeviceAllocationConfiguration":{"opaque":"V1beta1OpaqueDeviceConfiguration","requests":"string[]","source":"string"},"V1beta1DeviceAllocationResult":{"config":"V1beta1DeviceAllocationConfiguration[]","results":"V1beta1DeviceRequestAllocationResult[]"},"V1beta1DeviceAttribute":{"bool":"boolean","bools":"boolean[]","int":"int","ints":"number[]","string":"string","strings":"string[]","version":"string","versions":"string[]"},"V1beta1DeviceCapacity":{"requestPolicy":"V1beta1CapacityRequestPolicy","value":"string"},"V1beta1DeviceClaim":{"config":"V1beta1DeviceClaimConfiguration[]","constraints":"V1beta1DeviceConstraint[]","requests":"V1beta1DeviceRequest[]"},"V1beta1DeviceClaimConfiguration":{"opaque":"V1beta1OpaqueDeviceConfiguration","requests":"string[]"},"V1beta1DeviceClass":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1DeviceClassSpec"},"V1beta1DeviceClassConfiguration":{"opaque":"V1beta1OpaqueDeviceConfiguration"},"V1beta1DeviceClassSpec":{"config":"V1beta1DeviceClassConfiguration[]","extendedResourceName":"string","selectors":"V1beta1DeviceSelector[]"},"V1beta1DeviceConstraint":{"distinctAttribute":"string","matchAttribute":"string","requests":"string[]"},"V1beta1DeviceCounterConsumption":{"counterSet":"string","counters":"map<V1beta1Counter>"},"V1beta1DeviceRequest":{"adminAccess":"boolean","allocationMode":"string","capacity":"V1beta1CapacityRequirements","count":"int","deviceClassName":"string","firstAvailable":"V1beta1DeviceSubRequest[]","name":"string","selectors":"V1beta1DeviceSelector[]","tolerations":"V1beta1DeviceToleration[]"},"V1beta1DeviceRequestAllocationResult":{"adminAccess":"boolean","bindingConditions":"string[]","bindingFailureConditions":"string[]","consumedCapacity":"map<string>","device":"string","driver":"string","pool":"string","request":"string","shareID":"string","tolerations":"V1beta1DeviceToleration[]"},"V1beta1DeviceSelector":{"cel":"V1beta1CELDeviceSelector"},"V1beta1DeviceSubRequest":{"allocationMode":"string","capacity":"V1beta1CapacityRequirements","count":"int","deviceClassName":"string","name":"string","selectors":"V1beta1DeviceSelector[]","tolerations":"V1beta1DeviceToleration[]"},"V1beta1DeviceTaint":{"effect":"string","key":"string","timeAdded":"date","value":"string"},"V1beta1DeviceToleration":{"effect":"string","key":"string","operator":"string","tolerationSeconds":"int","value":"string"},"V1beta1IPAddress":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1IPAddressSpec"},"V1beta1IPAddressSpec":{"parentRef":"V1beta1ParentReference"},"V1beta1JSONPatch":{"expression":"string"},"V1beta1LeaseCandidate":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1LeaseCandidateSpec"},"V1beta1LeaseCandidateSpec":{"binaryVersion":"string","emulationVersion":"string","leaseName":"string","pingTime":"date","renewTime":"date","strategy":"string"},"V1beta1MatchCondition":{"expression":"string","name":"string"},"V1beta1MatchResources":{"excludeResourceRules":"V1beta1NamedRuleWithOperations[]","matchPolicy":"string","namespaceSelector":"V1LabelSelector","objectSelector":"V1LabelSelector","resourceRules":"V1beta1NamedRuleWithOperations[]"},"V1beta1MutatingAdmissionPolicy":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1MutatingAdmissionPolicySpec"},"V1beta1MutatingAdmissionPolicyBinding":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1MutatingAdmissionPolicyBindingSpec"},"V1beta1MutatingAdmissionPolicyBindingSpec":{"matchResources":"V1beta1MatchResources","paramRef":"V1beta1ParamRef","policyName":"string"},"V1beta1MutatingAdmissionPolicySpec":{"failurePolicy":"string","matchConditions":"V1beta1MatchCondition[]","matchConstraints":"V1beta1MatchResources","mutations":"V1beta1Mutation[]","paramKind":"V1beta1ParamKind","reinvocationPolicy":"string","variables":"V1beta1Variable[]"},"V1beta1Mutation":{"applyConfiguration":"V1beta1ApplyConfiguration","jsonPatch":"V1beta1JSONPatch","patchType":"string"},"V1beta1NamedRuleWithOperations":{"apiGroups":"string[]","apiVersions":"string[]","operations":"string[]","resourceNames":"string[]","resources":"string[]","scope":"string"},"V1beta1NetworkDeviceData":{"hardwareAddress":"string","interfaceName":"string","ips":"string[]"},"V1beta1NodeAllocatableResourceMapping":{"allocationMultiplier":"string","capacityKey":"string"},"V1beta1OpaqueDeviceConfiguration":{"driver":"string","parameters":"any"},"V1beta1ParamKind":{"apiVersion":"string","kind":"string"},"V1beta1ParamRef":{"name":"string","namespace":"string","parameterNotFoundAction":"string","selector":"V1LabelSelector"},"V1beta1ParentReference":{"group":"string","name":"string","namespace":"string","resource":"string"},"V1beta1PodCertificateRequest":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1PodCertificateRequestSpec","status":"V1beta1PodCertificateRequestStatus"},"V1beta1PodCertificateRequestSpec":{"maxExpirationSeconds":"int","nodeName":"string","nodeUID":"string","pkixPublicKey":"string","podName":"string","podUID":"string","proofOfPossession":"string","serviceAccountName":"string","serviceAccountUID":"string","signerName":"string","stubPKCS10Request":"string","unverifiedUserAnnotations":"map<string>"},"V1beta1PodCertificateRequestStatus":{"beginRefreshAt":"date","certificateChain":"string","conditions":"V1Condition[]","notAfter":"date","notBefore":"date"},"V1beta1ResourceClaim":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1ResourceClaimSpec","status":"V1beta1ResourceClaimStatus"},"V1beta1ResourceClaimConsumerReference":{"apiGroup":"string","name":"string","resource":"string","uid":"string"},"V1beta1ResourceClaimSpec":{"devices":"V1beta1DeviceClaim"},"V1beta1ResourceClaimStatus":{"allocation":"V1beta1AllocationResult","devices":"V1beta1AllocatedDeviceStatus[]","reservedFor":"V1beta1ResourceClaimConsumerReference[]"},"V1beta1ResourceClaimTemplate":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1ResourceClaimTemplateSpec"},"V1beta1ResourceClaimTemplateSpec":{"metadata":"V1ObjectMeta","spec":"V1beta1ResourceClaimSpec"},"V1beta1ResourcePool":{"generation":"int","name":"string","resourceSliceCount":"int"},"V1beta1ResourceSlice":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1ResourceSliceSpec"},"V1beta1ResourceSliceSpec":{"allNodes":"boolean","devices":"V1beta1Device[]","driver":"string","nodeName":"string","nodeSelector":"V1NodeSelector","perDeviceNodeSelection":"boolean","pool":"V1beta1ResourcePool","sharedCounters":"V1beta1CounterSet[]"},"V1beta1ServiceCIDR":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1ServiceCIDRSpec","status":"V1beta1ServiceCIDRStatus"},"V1beta1ServiceCIDRSpec":{"cidrs":"string[]"},"V1beta1ServiceCIDRStatus":{"conditions":"V1Condition[]"},"V1beta1StorageVersionMigration":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta1StorageVersionMigrationSpec","status":"V1beta1StorageVersionMigrationStatus"},"V1beta1StorageVersionMigrationSpec":{"resource":"V1GroupResource"},"V1beta1StorageVersionMigrationStatus":{"conditions":"V1Condition[]","resourceVersion":"string"},"V1beta1Variable":{"expression":"string","name":"string"},"V1beta1VolumeAttributesClass":{"apiVersion":"string","driverName":"string","kind":"string","metadata":"V1ObjectMeta","parameters":"map<string>"},"V1beta2AllocatedDeviceStatus":{"conditions":"V1Condition[]","data":"any","device":"string","driver":"string","networkData":"V1beta2NetworkDeviceData","pool":"string","shareID":"string"},"V1beta2AllocationResult":{"allocationTimestamp":"date","devices":"V1beta2DeviceAllocationResult","nodeSelector":"V1NodeSelector"},"V1beta2CELDeviceSelector":{"expression":"string"},"V1beta2CapacityRequestPolicy":{"default":"string","validRange":"V1beta2CapacityRequestPolicyRange","validValues":"string[]"},"V1beta2CapacityRequestPolicyRange":{"max":"string","min":"string","step":"string"},"V1beta2CapacityRequirements":{"requests":"map<string>"},"V1beta2Counter":{"value":"string"},"V1beta2CounterSet":{"counters":"map<V1beta2Counter>","name":"string"},"V1beta2Device":{"allNodes":"boolean","allowMultipleAllocations":"boolean","attributes":"map<V1beta2DeviceAttribute>","bindingConditions":"string[]","bindingFailureConditions":"string[]","bindsToNode":"boolean","capacity":"map<V1beta2DeviceCapacity>","consumesCounters":"V1beta2DeviceCounterConsumption[]","name":"string","nodeAllocatableResourceMappings":"map<V1beta2NodeAllocatableResourceMapping>","nodeName":"string","nodeSelector":"V1NodeSelector","taints":"V1beta2DeviceTaint[]"},"V1beta2DeviceAllocationConfiguration":{"opaque":"V1beta2OpaqueDeviceConfiguration","requests":"string[]","source":"string"},"V1beta2DeviceAllocationResult":{"config":"V1beta2DeviceAllocationConfiguration[]","results":"V1beta2DeviceRequestAllocationResult[]"},"V1beta2DeviceAttribute":{"bool":"boolean","bools":"boolean[]","int":"int","ints":"number[]","string":"string","strings":"string[]","version":"string","versions":"string[]"},"V1beta2DeviceCapacity":{"requestPolicy":"V1beta2CapacityRequestPolicy","value":"string"},"V1beta2DeviceClaim":{"config":"V1beta2DeviceClaimConfiguration[]","constraints":"V1beta2DeviceConstraint[]","requests":"V1beta2DeviceRequest[]"},"V1beta2DeviceClaimConfiguration":{"opaque":"V1beta2OpaqueDeviceConfiguration","requests":"string[]"},"V1beta2DeviceClass":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta2DeviceClassSpec"},"V1beta2DeviceClassConfiguration":{"opaque":"V1beta2OpaqueDeviceConfiguration"},"V1beta2DeviceClassSpec":{"config":"V1beta2DeviceClassConfiguration[]","extendedResourceName":"string","selectors":"V1beta2DeviceSelector[]"},"V1beta2DeviceConstraint":{"distinctAttribute":"string","matchAttribute":"string","requests":"string[]"},"V1beta2DeviceCounterConsumption":{"counterSet":"string","counters":"map<V1beta2Counter>"},"V1beta2DeviceRequest":{"exactly":"V1beta2ExactDeviceRequest","firstAvailable":"V1beta2DeviceSubRequest[]","name":"string"},"V1beta2DeviceRequestAllocationResult":{"adminAccess":"boolean","bindingConditions":"string[]","bindingFailureConditions":"string[]","consumedCapacity":"map<string>","device":"string","driver":"string","pool":"string","request":"string","shareID":"string","tolerations":"V1beta2DeviceToleration[]"},"V1beta2DeviceSelector":{"cel":"V1beta2CELDeviceSelector"},"V1beta2DeviceSubRequest":{"allocationMode":"string","capacity":"V1beta2CapacityRequirements","count":"int","deviceClassName":"string","name":"string","selectors":"V1beta2DeviceSelector[]","tolerations":"V1beta2DeviceToleration[]"},"V1beta2DeviceTaint":{"effect":"string","key":"string","timeAdded":"date","value":"string"},"V1beta2DeviceTaintRule":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta2DeviceTaintRuleSpec","status":"V1beta2DeviceTaintRuleStatus"},"V1beta2DeviceTaintRuleSpec":{"deviceSelector":"V1beta2DeviceTaintSelector","taint":"V1beta2DeviceTaint"},"V1beta2DeviceTaintRuleStatus":{"conditions":"V1Condition[]"},"V1beta2DeviceTaintSelector":{"device":"string","driver":"string","pool":"string"},"V1beta2DeviceToleration":{"effect":"string","key":"string","operator":"string","tolerationSeconds":"int","value":"string"},"V1beta2ExactDeviceRequest":{"adminAccess":"boolean","allocationMode":"string","capacity":"V1beta2CapacityRequirements","count":"int","deviceClassName":"string","selectors":"V1beta2DeviceSelector[]","tolerations":"V1beta2DeviceToleration[]"},"V1beta2NetworkDeviceData":{"hardwareAddress":"string","interfaceName":"string","ips":"string[]"},"V1beta2NodeAllocatableResourceMapping":{"allocationMultiplier":"string","capacityKey":"string"},"V1beta2OpaqueDeviceConfiguration":{"driver":"string","parameters":"any"},"V1beta2ResourceClaim":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta2ResourceClaimSpec","status":"V1beta2ResourceClaimStatus"},"V1beta2ResourceClaimConsumerReference":{"apiGroup":"string","name":"string","resource":"string","uid":"string"},"V1beta2ResourceClaimSpec":{"devices":"V1beta2DeviceClaim"},"V1beta2ResourceClaimStatus":{"allocation":"V1beta2AllocationResult","devices":"V1beta2AllocatedDeviceStatus[]","reservedFor":"V1beta2ResourceClaimConsumerReference[]"},"V1beta2ResourceClaimTemplate":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta2ResourceClaimTemplateSpec"},"V1beta2ResourceClaimTemplateSpec":{"metadata":"V1ObjectMeta","spec":"V1beta2ResourceClaimSpec"},"V1beta2ResourcePool":{"generation":"int","name":"string","resourceSliceCount":"int"},"V1beta2ResourceSlice":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V1beta2ResourceSliceSpec"},"V1beta2ResourceSliceSpec":{"allNodes":"boolean","devices":"V1beta2Device[]","driver":"string","nodeName":"string","nodeSelector":"V1NodeSelector","perDeviceNodeSelection":"boolean","pool":"V1beta2ResourcePool","sharedCounters":"V1beta2CounterSet[]"},"V2ContainerResourceMetricSource":{"container":"string","name":"string","target":"V2MetricTarget"},"V2ContainerResourceMetricStatus":{"container":"string","current":"V2MetricValueStatus","name":"string"},"V2CrossVersionObjectReference":{"apiVersion":"string","kind":"string","name":"string"},"V2ExternalMetricSource":{"metric":"V2MetricIdentifier","target":"V2MetricTarget"},"V2ExternalMetricStatus":{"current":"V2MetricValueStatus","metric":"V2MetricIdentifier"},"V2HPAScalingPolicy":{"periodSeconds":"int","type":"string","value":"int"},"V2HPAScalingRules":{"policies":"V2HPAScalingPolicy[]","selectPolicy":"string","stabilizationWindowSeconds":"int","tolerance":"string"},"V2HorizontalPodAutoscaler":{"apiVersion":"string","kind":"string","metadata":"V1ObjectMeta","spec":"V2HorizontalPodAutoscalerSpec","status":"V2HorizontalPodAutoscalerStatus"},"V2HorizontalPodAutoscalerBehavior":{"scaleDown":"V2HPAScalingRules","scaleUp":"V2HPAScalingRules"},"V2HorizontalPodAutoscalerCondition":{"lastTransitionTime":"date","message":"string","reason":"string","status":"string","type":"string"},"V2HorizontalPodAutoscalerSpec":{"behavior":"V2HorizontalPodAutoscalerBehavior","maxReplicas":"int","metrics":"V2MetricSpec[]","minReplicas":"int","scaleTargetRef":"V2CrossVersionObjectReference"},"V2HorizontalPodAutoscalerStatus":{"conditions":"V2HorizontalPodAutoscalerCondition[]","currentMetrics":"V2MetricStatus[]","currentReplicas":"int","desiredReplicas":"int","lastScaleTime":"date","observedGeneration":"int"},"V2MetricIdentifier":{"name":"string","selector":"V1LabelSelector"},"V2MetricSpec":{"containerResource":"V2ContainerResourceMetricSource","external":"V2ExternalMetricSource","object":"V2ObjectMetricSource","pods":"V2PodsMetricSource","resource":"V2ResourceMetricSource","type":"string"},"V2MetricStatus":{"containerResource":"V2ContainerResourceMetricStatus","external":"V2ExternalMetricStatus","object":"V2ObjectMetricStatus","pods":"V2PodsMetricStatus","resource":"V2ResourceMetricStatus","type":"string"},"V2MetricTarget":{"averageUtilization":"int","averageValue":"string","type":"string","value":"string"},"V2MetricValueStatus":{"averageUtilization":"int","averageValue":"string","value":"string"},"V2ObjectMetricSource":{"describedObject":"V2CrossVersionObjectReference","metric":"V2MetricIdentifier","target":"V2MetricTarget"},"V2ObjectMetricStatus":{"current":"V2MetricValueStatus","describedObject":"V2CrossVersionObjectReference","metric":"V2MetricIdentifier"},"V2PodsMetricSource":{"metric":"V2MetricIdentifier","target":"V2MetricTarget"},"V2PodsMetricStatus":{"current":"V2MetricValueStatus","metric":"V2MetricIdentifier"},"V2ResourceMetricSource":{"name":"string","target":"V2MetricTarget"},"V2ResourceMetricStatus":{"current":"V2MetricValueStatus","name":"string"}}}');
;// CONCATENATED MODULE: ./src/core/rules/api.ts



const api_WORKLOADS = ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'];
/** The deprecated/removed API table, from the Kubernetes deprecation guide. */
const DEPRECATIONS = [
    // 1.16
    {
        apiVersion: 'extensions/v1beta1',
        kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'],
        deprecatedIn: '1.8',
        removedIn: '1.16',
        replacement: 'apps/v1',
    },
    {
        apiVersion: 'extensions/v1beta1',
        kinds: ['NetworkPolicy'],
        deprecatedIn: '1.9',
        removedIn: '1.16',
        replacement: 'networking.k8s.io/v1',
    },
    {
        apiVersion: 'extensions/v1beta1',
        kinds: ['PodSecurityPolicy'],
        deprecatedIn: '1.10',
        removedIn: '1.16',
        replacement: 'policy/v1beta1 (itself removed in 1.25: use Pod Security Admission)',
    },
    {
        apiVersion: 'extensions/v1beta1',
        kinds: ['Ingress'],
        deprecatedIn: '1.14',
        removedIn: '1.22',
        replacement: 'networking.k8s.io/v1',
    },
    { apiVersion: 'apps/v1beta1', kinds: api_WORKLOADS, deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1' },
    { apiVersion: 'apps/v1beta2', kinds: api_WORKLOADS, deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1' },
    // 1.22
    {
        apiVersion: 'networking.k8s.io/v1beta1',
        kinds: ['Ingress', 'IngressClass'],
        deprecatedIn: '1.19',
        removedIn: '1.22',
        replacement: 'networking.k8s.io/v1',
    },
    {
        apiVersion: 'rbac.authorization.k8s.io/v1beta1',
        deprecatedIn: '1.17',
        removedIn: '1.22',
        replacement: 'rbac.authorization.k8s.io/v1',
        dropIn: true,
    },
    {
        apiVersion: 'rbac.authorization.k8s.io/v1alpha1',
        deprecatedIn: '1.17',
        removedIn: '1.22',
        replacement: 'rbac.authorization.k8s.io/v1',
        dropIn: true,
    },
    {
        apiVersion: 'admissionregistration.k8s.io/v1beta1',
        kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
        deprecatedIn: '1.16',
        removedIn: '1.22',
        replacement: 'admissionregistration.k8s.io/v1',
    },
    {
        apiVersion: 'apiextensions.k8s.io/v1beta1',
        deprecatedIn: '1.16',
        removedIn: '1.22',
        replacement: 'apiextensions.k8s.io/v1',
    },
    {
        apiVersion: 'apiregistration.k8s.io/v1beta1',
        deprecatedIn: '1.19',
        removedIn: '1.22',
        replacement: 'apiregistration.k8s.io/v1',
    },
    {
        apiVersion: 'authentication.k8s.io/v1beta1',
        kinds: ['TokenReview'],
        deprecatedIn: '1.19',
        removedIn: '1.22',
        replacement: 'authentication.k8s.io/v1',
    },
    {
        apiVersion: 'authorization.k8s.io/v1beta1',
        deprecatedIn: '1.19',
        removedIn: '1.22',
        replacement: 'authorization.k8s.io/v1',
    },
    {
        apiVersion: 'certificates.k8s.io/v1beta1',
        kinds: ['CertificateSigningRequest'],
        deprecatedIn: '1.19',
        removedIn: '1.22',
        replacement: 'certificates.k8s.io/v1',
    },
    {
        apiVersion: 'coordination.k8s.io/v1beta1',
        kinds: ['Lease'],
        deprecatedIn: '1.14',
        removedIn: '1.22',
        replacement: 'coordination.k8s.io/v1',
        dropIn: true,
    },
    {
        apiVersion: 'scheduling.k8s.io/v1beta1',
        kinds: ['PriorityClass'],
        deprecatedIn: '1.14',
        removedIn: '1.22',
        replacement: 'scheduling.k8s.io/v1',
        dropIn: true,
    },
    {
        apiVersion: 'scheduling.k8s.io/v1alpha1',
        kinds: ['PriorityClass'],
        deprecatedIn: '1.14',
        removedIn: '1.17',
        replacement: 'scheduling.k8s.io/v1',
        dropIn: true,
    },
    {
        apiVersion: 'storage.k8s.io/v1beta1',
        kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
        deprecatedIn: '1.19',
        removedIn: '1.22',
        replacement: 'storage.k8s.io/v1',
        dropIn: true,
    },
    // 1.25
    {
        apiVersion: 'batch/v1beta1',
        kinds: ['CronJob'],
        deprecatedIn: '1.21',
        removedIn: '1.25',
        replacement: 'batch/v1',
        dropIn: true,
    },
    {
        apiVersion: 'batch/v2alpha1',
        kinds: ['CronJob'],
        deprecatedIn: '1.21',
        removedIn: '1.21',
        replacement: 'batch/v1',
    },
    {
        apiVersion: 'discovery.k8s.io/v1beta1',
        kinds: ['EndpointSlice'],
        deprecatedIn: '1.21',
        removedIn: '1.25',
        replacement: 'discovery.k8s.io/v1',
    },
    {
        apiVersion: 'events.k8s.io/v1beta1',
        kinds: ['Event'],
        deprecatedIn: '1.22',
        removedIn: '1.25',
        replacement: 'events.k8s.io/v1',
    },
    {
        apiVersion: 'autoscaling/v2beta1',
        kinds: ['HorizontalPodAutoscaler'],
        deprecatedIn: '1.22',
        removedIn: '1.25',
        replacement: 'autoscaling/v2',
    },
    {
        apiVersion: 'policy/v1beta1',
        kinds: ['PodDisruptionBudget'],
        deprecatedIn: '1.21',
        removedIn: '1.25',
        replacement: 'policy/v1',
        dropIn: true,
    },
    {
        apiVersion: 'policy/v1beta1',
        kinds: ['PodSecurityPolicy'],
        deprecatedIn: '1.21',
        removedIn: '1.25',
        replacement: 'Pod Security Admission (namespace labels); PodSecurityPolicy has no replacement API',
    },
    {
        apiVersion: 'node.k8s.io/v1beta1',
        kinds: ['RuntimeClass'],
        deprecatedIn: '1.20',
        removedIn: '1.25',
        replacement: 'node.k8s.io/v1',
        dropIn: true,
    },
    {
        apiVersion: 'node.k8s.io/v1alpha1',
        kinds: ['RuntimeClass'],
        deprecatedIn: '1.20',
        removedIn: '1.22',
        replacement: 'node.k8s.io/v1',
    },
    // 1.26 and later
    {
        apiVersion: 'autoscaling/v2beta2',
        kinds: ['HorizontalPodAutoscaler'],
        deprecatedIn: '1.23',
        removedIn: '1.26',
        replacement: 'autoscaling/v2',
        dropIn: true,
    },
    {
        apiVersion: 'flowcontrol.apiserver.k8s.io/v1alpha1',
        deprecatedIn: '1.20',
        removedIn: '1.21',
        replacement: 'flowcontrol.apiserver.k8s.io/v1',
    },
    {
        apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
        deprecatedIn: '1.23',
        removedIn: '1.26',
        replacement: 'flowcontrol.apiserver.k8s.io/v1',
    },
    {
        apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
        deprecatedIn: '1.26',
        removedIn: '1.29',
        replacement: 'flowcontrol.apiserver.k8s.io/v1',
    },
    {
        apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
        deprecatedIn: '1.29',
        removedIn: '1.32',
        replacement: 'flowcontrol.apiserver.k8s.io/v1',
        dropIn: true,
    },
    {
        apiVersion: 'storage.k8s.io/v1beta1',
        kinds: ['CSIStorageCapacity'],
        deprecatedIn: '1.24',
        removedIn: '1.27',
        replacement: 'storage.k8s.io/v1',
        dropIn: true,
    },
    {
        apiVersion: 'storage.k8s.io/v1alpha1',
        kinds: ['CSIStorageCapacity', 'VolumeAttachment'],
        deprecatedIn: '1.21',
        removedIn: '1.24',
        replacement: 'storage.k8s.io/v1',
    },
    {
        apiVersion: 'networking.k8s.io/v1alpha1',
        kinds: ['ClusterCIDR'],
        deprecatedIn: '1.28',
        removedIn: '1.29',
        replacement: 'none (the MultiCIDRRangeAllocator was removed)',
    },
    {
        apiVersion: 'resource.k8s.io/v1alpha2',
        deprecatedIn: '1.31',
        removedIn: '1.31',
        replacement: 'resource.k8s.io/v1',
    },
    {
        apiVersion: 'resource.k8s.io/v1alpha3',
        kinds: ['ResourceClaim', 'ResourceClaimTemplate', 'DeviceClass', 'ResourceSlice'],
        deprecatedIn: '1.32',
        removedIn: '1.32',
        replacement: 'resource.k8s.io/v1',
    },
    {
        apiVersion: 'resource.k8s.io/v1beta1',
        kinds: ['ResourceClaim', 'ResourceClaimTemplate', 'DeviceClass', 'ResourceSlice'],
        deprecatedIn: '1.34',
        replacement: 'resource.k8s.io/v1',
    },
    {
        apiVersion: 'resource.k8s.io/v1beta2',
        kinds: ['ResourceClaim', 'ResourceClaimTemplate', 'DeviceClass', 'ResourceSlice'],
        deprecatedIn: '1.34',
        replacement: 'resource.k8s.io/v1',
    },
    {
        apiVersion: 'admissionregistration.k8s.io/v1beta1',
        kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
        deprecatedIn: '1.30',
        replacement: 'admissionregistration.k8s.io/v1',
        dropIn: true,
    },
    {
        apiVersion: 'admissionregistration.k8s.io/v1alpha1',
        kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
        deprecatedIn: '1.28',
        removedIn: '1.32',
        replacement: 'admissionregistration.k8s.io/v1',
    },
    {
        apiVersion: 'networking.k8s.io/v1beta1',
        kinds: ['IPAddress', 'ServiceCIDR'],
        deprecatedIn: '1.33',
        replacement: 'networking.k8s.io/v1',
        dropIn: true,
    },
    {
        apiVersion: 'storage.k8s.io/v1beta1',
        kinds: ['VolumeAttributesClass'],
        deprecatedIn: '1.34',
        replacement: 'storage.k8s.io/v1',
        dropIn: true,
    },
    { apiVersion: 'v1', kinds: ['Endpoints'], deprecatedIn: '1.33', replacement: 'discovery.k8s.io/v1 EndpointSlice' },
    {
        apiVersion: 'v1',
        kinds: ['ComponentStatus'],
        deprecatedIn: '1.19',
        replacement: 'none (check component health endpoints directly)',
    },
];
/** '1.34', 'v1.34.2', '1.34+' -> [1, 34]; undefined when unparsable. */
function parseMinor(v) {
    const m = /^v?(\d+)\.(\d+)/.exec(v.trim());
    return m ? [Number(m[1]), Number(m[2])] : undefined;
}
function atOrAfter(target, v) {
    const p = parseMinor(v);
    if (!p)
        return false;
    return target[0] > p[0] || (target[0] === p[0] && target[1] >= p[1]);
}
function findDeprecation(apiVersion, kind) {
    return DEPRECATIONS.find((d) => d.apiVersion === apiVersion && (!d.kinds || d.kinds.includes(kind)));
}
function fixOf(d) {
    if (!d.dropIn)
        return {};
    return {
        fix: { description: `set apiVersion: ${d.replacement}`, set: [{ path: ['apiVersion'], value: d.replacement }] },
    };
}
const deprecatedApi = {
    meta: {
        id: 'deprecated-api',
        title: 'Deprecated or removed apiVersion',
        severity: 'high',
        enabledByDefault: true,
        category: 'api',
        rationale: 'An apiVersion removed in the target Kubernetes version makes `kubectl apply` fail (and blocks cluster upgrades for live objects); a deprecated one will fail after a coming upgrade. Findings are high when the API is removed in the target version, medium when it is only deprecated.',
        remediation: 'Move the manifest to the replacement apiVersion named in the finding, adapting the fields that changed (see the Kubernetes deprecation guide). Set the target with --kube-version.',
        example: 'apiVersion: apps/v1   # was extensions/v1beta1\nkind: Deployment',
        references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'],
    },
    *check(obj, ctx) {
        const d = findDeprecation(obj.ref.apiVersion, obj.ref.kind);
        if (!d)
            return;
        const target = parseMinor(ctx.kubeVersion) ?? [1, 34];
        const tv = `${target[0]}.${target[1]}`;
        if (d.removedIn && atOrAfter(target, d.removedIn)) {
            yield {
                path: ['apiVersion'],
                severity: 'high',
                ...fixOf(d),
                message: `${obj.ref.apiVersion} ${obj.ref.kind} was removed in Kubernetes ${d.removedIn} (target ${tv}); use ${d.replacement}`,
                details: { removedIn: d.removedIn, replacement: d.replacement },
            };
        }
        else if (atOrAfter(target, d.deprecatedIn)) {
            yield {
                path: ['apiVersion'],
                severity: 'medium',
                ...fixOf(d),
                message: `${obj.ref.apiVersion} ${obj.ref.kind} is deprecated since Kubernetes ${d.deprecatedIn}${d.removedIn ? ` and removed in ${d.removedIn}` : ''}; use ${d.replacement}`,
                details: { deprecatedIn: d.deprecatedIn, replacement: d.replacement },
            };
        }
    },
};
const SCHEMA = k8s_schema_namespaceObject;
/** Fields whose string values are resource quantities, written as YAML numbers too (`cpu: 1`). */
const QUANTITY_FIELDS = new Set([
    'limits',
    'requests',
    'hard',
    'used',
    'capacity',
    'allocatable',
    'overhead',
    'sizeLimit',
    'default',
    'defaultRequest',
    'max',
    'min',
    'maxLimitRequestRatio',
    'maximumVolumeSize',
    'storage',
    'averageValue',
]);
/** Fields of one type that are quantities (the same names elsewhere are plain strings). */
const QUANTITY_TYPE_FIELDS = new Set(['V2MetricTarget.value']);
/** Top-level keys of tools that process manifests before they are applied (SOPS metadata). */
const TOOL_ROOT_KEYS = new Set(['sops']);
const MAX_PER_OBJECT = 20;
function typeName(t) {
    return t.replace(/^(?:[A-Z][a-z]+)*V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
}
function describeValue(v) {
    if (Array.isArray(v))
        return 'a list';
    if (v instanceof Date)
        return 'a timestamp';
    if ((0,podspec/* isObj */.sA)(v))
        return 'an object';
    if (typeof v === 'string')
        return `a string (${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)})`;
    return `a ${typeof v} (${String(v)})`;
}
function expected(t) {
    if (t.endsWith('[]'))
        return 'a list';
    if (t.startsWith('map<'))
        return 'an object (map)';
    switch (t) {
        case 'string':
        case 'date':
            return 'a string';
        case 'int':
            return 'an integer';
        case 'number':
            return 'a number';
        case 'boolean':
            return 'a boolean';
        case 'int-or-string':
            return 'an integer or a string';
    }
    return `an object (${typeName(t)})`;
}
/** A close field name, for "did you mean". */
function suggest(name, fields) {
    let best;
    let bestD = Infinity;
    for (const f of fields) {
        if (f.toLowerCase() === name.toLowerCase())
            return f;
        const d = (0,core_text/* editDistance */.Y)(name, f);
        if (d < bestD) {
            bestD = d;
            best = f;
        }
    }
    const limit = name.length <= 4 ? 1 : name.length <= 10 ? 2 : 3;
    return bestD <= limit ? best : undefined;
}
function scalarOk(t, v, field, parent) {
    switch (t) {
        case 'string':
            if (typeof v === 'string' || v instanceof Date)
                return true;
            return (typeof v === 'number' &&
                typeof field === 'string' &&
                (QUANTITY_FIELDS.has(field) || QUANTITY_TYPE_FIELDS.has(`${parent}.${field}`)));
        case 'date':
            return typeof v === 'string' || v instanceof Date;
        case 'int':
            return typeof v === 'number' && Number.isInteger(v);
        case 'number':
            return typeof v === 'number';
        case 'boolean':
            return typeof v === 'boolean';
        case 'int-or-string':
            return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
        case 'any':
            return true;
    }
    return true;
}
/** Validates a value against a schema type; pushes violations. */
function validate(v, t, path, out, 
// the field name a map's values belong to (limits.cpu -> 'limits'), for quantity leniency
field, parent = '') {
    if (out.length >= MAX_PER_OBJECT || v === null || v === undefined || t === 'any')
        return;
    if (t.endsWith('[]')) {
        if (!Array.isArray(v)) {
            out.push({ path, message: `${String(path[path.length - 1])} must be a list, not ${describeValue(v)}` });
            return;
        }
        const item = t.slice(0, -2);
        v.forEach((x, i) => validate(x, item, [...path, i], out, field, parent));
        return;
    }
    if (t.startsWith('map<')) {
        if (!(0,podspec/* isObj */.sA)(v)) {
            out.push({ path, message: `${String(path[path.length - 1])} must be ${expected(t)}, not ${describeValue(v)}` });
            return;
        }
        const item = t.slice(4, -1);
        for (const [k, x] of Object.entries(v))
            validate(x, item, [...path, k], out, field, parent);
        return;
    }
    const fields = SCHEMA.types[t];
    if (!fields) {
        if (!scalarOk(t, v, field, parent)) {
            const name = typeof path[path.length - 1] === 'number' ? formatLast(path) : String(path[path.length - 1]);
            out.push({ path, message: `${name} must be ${expected(t)}, not ${describeValue(v)}` });
        }
        return;
    }
    if (!(0,podspec/* isObj */.sA)(v)) {
        out.push({ path, message: `${formatLast(path)} must be ${expected(t)}, not ${describeValue(v)}` });
        return;
    }
    const names = Object.keys(fields);
    for (const [k, x] of Object.entries(v)) {
        const ft = fields[k];
        // strategic-merge-patch directives ($patch, $setElementOrder/...) in kustomize patches
        if (k.startsWith('$'))
            continue;
        if (path.length === 0 && TOOL_ROOT_KEYS.has(k))
            continue;
        if (ft === undefined) {
            const s = suggest(k, names);
            out.push({
                path: [...path, k],
                message: `unknown field "${k}" in ${typeName(t)}${s ? `; did you mean "${s}"?` : ''}`,
                ...(s ? { details: { suggestion: s } } : {}),
            });
            if (out.length >= MAX_PER_OBJECT)
                return;
            continue;
        }
        validate(x, ft, [...path, k], out, k, t);
    }
}
function formatLast(path) {
    for (let i = path.length - 1; i >= 0; i--)
        if (typeof path[i] === 'string')
            return `${String(path[i])}${path
                .slice(i + 1)
                .map((p) => `[${String(p)}]`)
                .join('')}`;
    return 'the object';
}
/** The root schema type of a built-in kind, undefined for CRDs and unknown apiVersions. */
function rootType(obj) {
    return SCHEMA.roots[obj.ref.apiVersion]?.[obj.ref.kind];
}
const schemaInvalid = {
    meta: {
        id: 'schema-invalid',
        title: 'Unknown field or wrong type',
        severity: 'high',
        enabledByDefault: true,
        category: 'api',
        rationale: 'The API server rejects unknown fields and wrong types (kubectl validates strictly since 1.27), and older clients silently dropped them: a misspelled `replica:` or `securityContext` key means the setting is not applied at all. Checked for built-in kinds against the Kubernetes OpenAPI schema shipped with kubeward; custom resources are skipped.',
        remediation: 'Fix the field name (the finding suggests the closest valid one) or the value type: lists where a list is expected, unquoted integers for ports and counts, quoted strings for labels, annotations and env values.',
        example: 'spec:\n  replicas: 3            # not `replica: 3`\n  template:\n    spec:\n      containers:          # a list\n      - name: web\n        image: nginx:1.27',
        references: [
            'https://kubernetes.io/docs/reference/kubernetes-api/',
            'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
        ],
    },
    *check(obj) {
        const root = rootType(obj);
        if (!root)
            return;
        const out = [];
        validate(obj.data, root, [], out, undefined);
        yield* out;
    },
};
/** Where the schema came from (client-node version), for `kubeward rules` and docs. */
const SCHEMA_SOURCE = SCHEMA.source;
const api_rules = [deprecatedApi, schemaInvalid];

// EXTERNAL MODULE: ./src/core/rules/live.ts
var live = __webpack_require__(5409);
// EXTERNAL MODULE: ./src/core/suppress.ts
var suppress = __webpack_require__(11160);
;// CONCATENATED MODULE: ./src/core/rules/index.ts














/** Every rule, in catalog order. */
const catalog = [
    ...pod_security/* rules */.aO,
    ...volumes/* rules */.aO,
    ...images_rules,
    ...resources_rules,
    ...service_accounts_rules,
    ...secrets_rules,
    ...network_rules,
    ...rbac_rules,
    ...istio_rules,
    ...hygiene_rules,
    ...api_rules,
    ...rules,
    ...live/* rules */.aO,
    // reported by the suppressor (src/core/suppress.ts), listed so docs, SARIF and `explain` know them
    ...suppress/* suppressionRules */.Nj,
];
const byId = new Map();
for (const r of catalog) {
    if (byId.has(r.meta.id))
        throw new Error(`duplicate rule id ${r.meta.id}`);
    byId.set(r.meta.id, r);
}
function getRule(id) {
    return byId.get(id);
}


/***/ }),

/***/ 5409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IV: () => (/* binding */ DEFAULT_DEPLOYERS),
/* harmony export */   KM: () => (/* binding */ setLiveContext),
/* harmony export */   aO: () => (/* binding */ rules)
/* harmony export */ });
/* unused harmony exports canon, driftBetween, outOfBandEdits, repoOf, pssViolations, enforceLevel */
/* harmony import */ var _cluster_rollout_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(94731);
/* harmony import */ var _podspec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75495);
/* harmony import */ var _pod_security_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28599);
/* harmony import */ var _volumes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(11636);




const contexts = new WeakMap();
const CONTAINER_LISTS = [
    ['initContainers', 'initContainer'],
    ['containers', 'container'],
    ['ephemeralContainers', 'ephemeralContainer'],
];
/** Registers the live context for one evaluation (keyed by the objects array identity). */
function setLiveContext(objects, lc) {
    contexts.set(objects, lc);
}
function live(ctx, id) {
    if (ctx.mode !== 'live')
        return undefined;
    const lc = contexts.get(ctx.objects);
    if (!lc || lc.notVerified.has(id))
        return undefined;
    return lc;
}
const obj = (v) => ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(v) ? v : {});
const str = (v) => (typeof v === 'string' ? v : '');
const arr = (v) => (Array.isArray(v) ? v : []);
const mdOf = (o) => obj(o.data.metadata);
function meta(m) {
    return { enabledByDefault: true, category: 'live', liveOnly: true, ...m };
}
function objKey(kind, ns, name) {
    return `${kind}/${ns ?? ''}/${name}`;
}
function problemDetails(p) {
    const d = {
        pod: `${p.namespace}/${p.pod}`,
        container: p.container,
        reason: p.reason,
        restarts: String(p.restarts),
    };
    if (p.message)
        d.message = p.message;
    if (p.lastTermination)
        d.lastTermination = p.lastTermination;
    if (p.exitCode !== undefined)
        d.exitCode = p.exitCode;
    if (p.events.length)
        d.events = p.events.join(' | ');
    return d;
}
function templateContainerPath(obj, p) {
    const t = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)[0];
    if (!t)
        return ['spec'];
    return [...t.specPath, p.initContainer ? 'initContainers' : 'containers', p.containerIndex];
}
// ---------------------------------------------------------------------------------------------
const rolloutFailed = {
    meta: meta({
        id: 'rollout-failed',
        title: 'Rollout did not complete',
        severity: 'critical',
        rationale: 'A workload that did not roll out runs the previous version or nothing at all; pods that crash, cannot pull their image or are refused by admission never become ready, and waiting longer does not help.',
        remediation: 'Read the pod, container, reason and last termination message in the finding and the Warning events, fix the image, configuration or security context, and deploy again (or roll back with `kubectl rollout undo`).',
        references: [
            'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_rollout/kubectl_rollout_status/',
            'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#failed-deployment',
        ],
    }),
    *checkAll(ctx) {
        const lc = live(ctx, 'rollout-failed');
        if (!lc)
            return;
        for (const [o, r] of lc.rollouts) {
            if (r.state === 'done' || r.state === 'waiting')
                continue;
            const details = { state: r.state, status: r.message };
            let path = ['spec'];
            if (r.problems.length) {
                Object.assign(details, problemDetails(r.problems[0]));
                if (r.problems.length > 1)
                    details.otherPods = String(r.problems.length - 1);
                path = templateContainerPath(o, r.problems[0]);
            }
            else if (r.createFailures.length) {
                details.reason = r.createFailures[0].reason;
                details.message = r.createFailures[0].message.slice(0, 500);
                path = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(o)[0]?.specPath ?? ['spec'];
            }
            if (r.events.length && !details.events)
                details.events = r.events.join(' | ');
            const what = r.state === 'timeout' ? 'did not finish rolling out in time' : 'failed to roll out';
            yield { object: o, path, message: `${r.kind} ${r.name} ${what}: ${r.message}`, details };
        }
    },
};
// ---------------------------------------------------------------------------------------------
function eventsOf(lc, kind, ns, name) {
    return (lc.events.get(objKey(kind, ns, name)) ?? []).map((e) => `${str(e.reason)}: ${str(e.message)}`.slice(0, 300));
}
const podCrashloop = {
    meta: meta({
        id: 'pod-crashloop',
        title: 'Pod crashing or unable to start',
        severity: 'high',
        rationale: 'Containers in CrashLoopBackOff, ImagePullBackOff, OOMKilled or restarting often serve no traffic, hide configuration errors and, for security tooling, leave protection off.',
        remediation: 'Look at the reason and last termination message in the finding, check `kubectl logs --previous`, fix the image reference, pull secret, memory limit or configuration, and redeploy.',
        references: ['https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-states'],
        options: {
            restartThreshold: { type: 'number', description: 'Restart count that counts as a crash loop.', default: 5 },
        },
    }),
    *check(o, ctx) {
        if (o.ref.kind !== 'Pod')
            return;
        const lc = live(ctx, 'pod-crashloop');
        if (!lc)
            return;
        const threshold = typeof ctx.options.restartThreshold === 'number' ? ctx.options.restartThreshold : 5;
        for (const p of (0,_cluster_rollout_js__WEBPACK_IMPORTED_MODULE_0__/* .podProblems */ .U3)(undefined, o.data, threshold)) {
            p.events = eventsOf(lc, 'Pod', p.namespace, p.pod).slice(0, 5);
            yield {
                path: ['spec', p.initContainer ? 'initContainers' : 'containers', p.containerIndex],
                message: `container ${p.container} of pod ${p.pod}: ${p.reason}${p.lastTermination ? ` (last termination: ${p.lastTermination.slice(0, 160)})` : ''}`,
                details: problemDetails(p),
            };
        }
    },
};
// ---------------------------------------------------------------------------------------------
/** Canonical JSON: sorted keys; empty objects, arrays, null and undefined all read as absent. */
function canon(v) {
    if (v === null || v === undefined)
        return undefined;
    if (Array.isArray(v)) {
        const items = v.map((x) => canon(x) ?? 'null');
        return items.length ? `[${items.join(',')}]` : undefined;
    }
    if ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(v)) {
        const parts = [];
        for (const k of Object.keys(v).sort()) {
            const c = canon(v[k]);
            if (c !== undefined)
                parts.push(`${JSON.stringify(k)}:${c}`);
        }
        return parts.length ? `{${parts.join(',')}}` : undefined;
    }
    return JSON.stringify(v);
}
function short(s) {
    if (s === undefined)
        return '(unset)';
    return s.length > 200 ? s.slice(0, 197) + '...' : s;
}
/** env entries that come from Secrets (names and references only, never values). */
function secretEnv(c) {
    const refs = [];
    for (const e of arr(c.env)) {
        const ref = obj(obj(obj(e).valueFrom).secretKeyRef);
        if (ref.name)
            refs.push(`${str(obj(e).name)}<-${str(ref.name)}/${str(ref.key)}`);
    }
    for (const e of arr(c.envFrom)) {
        const ref = obj(obj(e).secretRef);
        if (ref.name)
            refs.push(`*<-${str(ref.name)}`);
    }
    return refs.length ? refs.sort().join(',') : undefined;
}
/** API-server defaults inside volume sources, removed before comparing with a manifest. */
function undefaultVolume(v) {
    const out = {};
    for (const [k, src0] of Object.entries(v)) {
        if (k === 'name' || !(0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(src0)) {
            out[k] = src0;
            continue;
        }
        const src = { ...src0 };
        if (src.defaultMode === 420)
            delete src.defaultMode;
        if (k === 'hostPath' && src.type === '')
            delete src.type;
        if (k === 'projected' && Array.isArray(src.sources)) {
            src.sources = src.sources.map((x) => {
                const t = obj(obj(x).serviceAccountToken);
                return t.expirationSeconds === 3600 ? { serviceAccountToken: { ...t, expirationSeconds: undefined } } : x;
            });
        }
        out[k] = src;
    }
    return out;
}
function volumeSummary(spec) {
    const v = arr(spec.volumes).map((x) => {
        const vol = undefaultVolume(obj(x));
        const { name, ...rest } = vol;
        return `${str(name)}=${canon(rest) ?? ''}`;
    });
    return v.length ? v.sort().join(';') : undefined;
}
function saName(spec) {
    return str(spec.serviceAccountName) || str(spec.serviceAccount) || 'default';
}
/** Security-relevant differences between a manifest's pod templates and the live object's. */
function driftBetween(manifest, liveObj) {
    const out = [];
    const mt = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(manifest)[0];
    const lt = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(liveObj)[0];
    if (!mt || !lt)
        return out;
    const cmp = (path, field, a, b) => {
        if (a !== b)
            out.push({ path, field, declared: short(a), live: short(b) });
    };
    const ms = mt.spec;
    const ls = lt.spec;
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', 'shareProcessNamespace']) {
        const a = ms[f] === true ? 'true' : undefined;
        const b = ls[f] === true ? 'true' : undefined;
        cmp([...lt.specPath, f], f, a, b);
    }
    cmp([...lt.specPath, 'securityContext'], 'pod securityContext', canon(ms.securityContext), canon(ls.securityContext));
    cmp([...lt.specPath, 'serviceAccountName'], 'serviceAccountName', saName(ms), saName(ls));
    cmp([...lt.specPath, 'volumes'], 'volumes', volumeSummary(ms), volumeSummary(ls));
    const mByName = new Map((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .containersOf */ .Mz)(mt).map((c) => [`${c.type}/${c.name}`, c]));
    for (const lc of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .containersOf */ .Mz)(lt)) {
        const mc = mByName.get(`${lc.type}/${lc.name}`);
        if (!mc)
            continue; // unexpected-container reports those
        cmp([...lc.path, 'image'], `image of ${lc.name}`, str(mc.container.image), str(lc.container.image));
        cmp([...lc.path, 'securityContext'], `securityContext of ${lc.name}`, canon(mc.container.securityContext), canon(lc.container.securityContext));
        cmp([...lc.path, 'env'], `env from secrets of ${lc.name}`, secretEnv(mc.container), secretEnv(lc.container));
    }
    return out;
}
const STATUS_SUBRESOURCES = new Set(['status', 'scale']);
/** managedFields entries written after the deploy by a manager that is not the deployer. */
function outOfBandEdits(o, deployers) {
    const mf = arr(mdOf(o).managedFields).map(obj);
    const isDeployer = (m) => deployers.includes(m);
    let deployTime = '';
    for (const e of mf)
        if (isDeployer(str(e.manager)) && str(e.time) > deployTime)
            deployTime = str(e.time);
    if (!deployTime)
        return [];
    const out = [];
    for (const e of mf) {
        const m = str(e.manager);
        if (isDeployer(m) || STATUS_SUBRESOURCES.has(str(e.subresource)))
            continue;
        if (!('f:spec' in obj(e.fieldsV1)))
            continue;
        if (str(e.time) >= deployTime)
            out.push({ manager: m, time: str(e.time), op: str(e.operation) });
    }
    return out;
}
const DEFAULT_DEPLOYERS = [
    'kubectl',
    'kubectl-client-side-apply',
    'helm',
    'argocd-controller',
    'argocd-application-controller',
    'kustomize-controller',
    'helm-controller',
    'fluxcd',
    'pulumi-kubernetes',
    'Terraform',
    'kubeward',
];
const drift = {
    meta: meta({
        id: 'drift',
        title: 'Live object differs from its manifest',
        severity: 'high',
        rationale: 'What runs is what protects you: an image, security context, capability, host namespace, volume, service account or secret reference changed in the cluster (by a webhook, an operator or a manual edit) bypasses review of the manifest.',
        remediation: 'Find who changed the object (the finding names the field manager when known), revert the change or bring it into the manifest, and restrict who can edit workloads in the namespace.',
        references: ['https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management'],
        options: {
            deployers: {
                type: 'string[]',
                description: 'Field managers that count as the deployer; edits by any other manager after the deploy are reported.',
                default: DEFAULT_DEPLOYERS,
            },
        },
    }),
    *check(o, ctx) {
        if (o.origin !== 'live')
            return;
        const lc = live(ctx, 'drift');
        if (!lc)
            return;
        const m = lc.manifestOf.get(o);
        if (!m)
            return;
        for (const d of driftBetween(m, o)) {
            yield {
                path: d.path,
                message: `${d.field} differs from the manifest: declared ${d.declared}, live ${d.live}`,
                details: { field: d.field, declared: d.declared, live: d.live },
            };
        }
        const deployers = Array.isArray(ctx.options.deployers) ? ctx.options.deployers : lc.deployers;
        for (const e of outOfBandEdits(o, deployers)) {
            yield {
                path: ['spec'],
                message: `edited out of band by "${e.manager}" (${e.op || 'Update'} at ${e.time}) after the deploy`,
                details: { manager: e.manager, operation: e.op, time: e.time, change: 'out-of-band edit' },
            };
        }
    },
};
// ---------------------------------------------------------------------------------------------
function injectorOf(o, c) {
    const ann = obj((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(o)[0]?.metadata.annotations ?? mdOf(o).annotations);
    const istio = str(ann['sidecar.istio.io/status']);
    if (istio) {
        try {
            const s = JSON.parse(istio);
            if ([...(s.containers ?? []), ...(s.initContainers ?? [])].includes(c.name))
                return 'istio sidecar injector';
        }
        catch {
            if (istio.includes(c.name))
                return 'istio sidecar injector';
        }
    }
    if (ann['linkerd.io/proxy-version'] && /linkerd/.test(c.name))
        return 'linkerd proxy injector';
    if (str(ann['vault.hashicorp.com/agent-inject-status']) && /vault/.test(c.name))
        return 'vault agent injector';
    for (const e of arr(mdOf(o).managedFields).map(obj)) {
        const text = JSON.stringify(e.fieldsV1 ?? {});
        if (text.includes(`{\\"name\\":\\"${c.name}\\"}`)) {
            if (c.type === 'ephemeralContainer' || str(e.subresource) === 'ephemeralcontainers')
                return `${str(e.manager)} (ephemeralcontainers)`;
            if (!/^(kube-controller-manager|kubelet)$/.test(str(e.manager)))
                return str(e.manager);
        }
    }
    return undefined;
}
const unexpectedContainer = {
    meta: meta({
        id: 'unexpected-container',
        title: 'Container the manifest does not declare',
        severity: 'high',
        rationale: 'Sidecars injected by admission webhooks and ephemeral debug containers run with access to the pod (its network, volumes and often its service account token) without having been reviewed with the manifest.',
        remediation: 'Confirm the injector is expected (service mesh, secrets agent) and declare or allow it; remove debug containers by restarting the pod, and restrict `pods/ephemeralcontainers` in RBAC.',
        references: [
            'https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/',
            'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/',
        ],
        options: {
            allowed: {
                type: 'string[]',
                description: 'Container names that may be injected without a finding (e.g. istio-proxy).',
                default: [],
            },
        },
    }),
    *check(o, ctx) {
        if (o.origin !== 'live' && o.origin !== 'admission')
            return;
        const lc = live(ctx, 'unexpected-container');
        if (!lc)
            return;
        const allowed = ctx.memo('live:allowed-containers', () => new Set(Array.isArray(ctx.options.allowed) ? ctx.options.allowed : []));
        const owner = lc.ownerOf.get(o);
        const declaredFrom = lc.manifestOf.get(o) ?? (owner ? (lc.manifestOf.get(owner) ?? owner) : undefined);
        const cache = ctx.memo('live:declared-containers', () => new WeakMap());
        let declared = declaredFrom ? cache.get(declaredFrom) : undefined;
        if (declaredFrom && !declared) {
            declared = new Set((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(declaredFrom).map((c) => `${c.type}/${c.name}`));
            cache.set(declaredFrom, declared);
        }
        // fast path: every container name is declared (the common case for 10,000s of pods)
        const spec = o.ref.kind === 'Pod' ? obj(o.data.spec) : (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(o)[0]?.spec;
        let suspicious = false;
        for (const [field, type] of CONTAINER_LISTS) {
            for (const c of arr(spec?.[field])) {
                const n = str(obj(c).name);
                if (allowed.has(n))
                    continue;
                if (declared ? !declared.has(`${type}/${n}`) : type === 'ephemeralContainer')
                    suspicious = true;
            }
        }
        if (!suspicious)
            return;
        // one finding per workload and injected container (with the number of pods), not one per pod
        const seen = ctx.memo('live:injected-seen', () => new Map());
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(o)) {
            if (allowed.has(c.name))
                continue;
            const isDeclared = declared?.has(`${c.type}/${c.name}`);
            if (isDeclared)
                continue;
            if (!declared && c.type !== 'ephemeralContainer')
                continue;
            const groupKey = owner && c.type !== 'ephemeralContainer'
                ? `${owner.ref.kind}/${owner.ref.namespace}/${owner.ref.name}|${c.type}/${c.name}`
                : undefined;
            const prev = groupKey ? seen.get(groupKey) : undefined;
            if (prev) {
                prev.pods = String(Number(prev.pods) + 1);
                continue;
            }
            const by = injectorOf(o, c);
            const what = c.type === 'ephemeralContainer'
                ? 'ephemeral (debug) container'
                : `${c.type === 'initContainer' ? 'init ' : ''}container`;
            yield {
                path: c.path,
                message: `${what} ${c.name} (${str(c.container.image) || 'no image'}) is not declared in the ${lc.manifestOf.get(o) || (owner && lc.manifestOf.get(owner)) ? 'manifest' : 'workload template'}${by ? `; injected by ${by}` : ''}`,
                details: (() => {
                    const d = {
                        container: c.name,
                        image: str(c.container.image),
                        type: c.type,
                        ...(by ? { injectedBy: by } : {}),
                        ...(owner ? { owner: `${owner.ref.kind}/${owner.ref.name}`, pods: '1' } : {}),
                    };
                    if (groupKey)
                        seen.set(groupKey, d);
                    return d;
                })(),
            };
        }
    },
};
// ---------------------------------------------------------------------------------------------
function digestOf(image) {
    const m = /@(sha256:[a-f0-9]{64})/.exec(image);
    return m ? m[1] : undefined;
}
/** Repository of an image reference without tag or digest. */
function repoOf(image) {
    let s = image.split('@')[0];
    const slash = s.lastIndexOf('/');
    const colon = s.lastIndexOf(':');
    if (colon > slash)
        s = s.slice(0, colon);
    return s;
}
const imageNotPinnedLive = {
    meta: meta({
        id: 'image-not-pinned-live',
        title: 'Running image differs from the pinned digest',
        severity: 'medium',
        rationale: 'A tag can be moved: the image the kubelet pulled may not be the one that was scanned and approved. The running image ID is the only proof of what executes.',
        remediation: 'Pin images by digest in the manifest (or pass --expect-image NAME=DIGEST), make sure the registry tag was not overwritten, and restart pods still running an old image.',
        references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
    }),
    *check(o, ctx) {
        if (o.ref.kind !== 'Pod')
            return;
        const lc = live(ctx, 'image-not-pinned-live');
        if (!lc)
            return;
        const owner = lc.ownerOf.get(o);
        const src = lc.manifestOf.get(o) ?? (owner ? lc.manifestOf.get(owner) : undefined);
        const cache = ctx.memo('live:declared-images', () => new WeakMap());
        let declaredImages = src ? cache.get(src) : undefined;
        if (!declaredImages) {
            declaredImages = new Map((src ? (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(src) : []).map((c) => [c.name, str(c.container.image)]));
            if (src)
                cache.set(src, declaredImages);
        }
        const st = obj(o.data.status);
        const spec = obj(o.data.spec);
        let specImages;
        for (const cs0 of [...arr(st.initContainerStatuses), ...arr(st.containerStatuses)]) {
            const cs = obj(cs0);
            const running = digestOf(str(cs.imageID));
            if (!running)
                continue;
            const name = str(cs.name);
            specImages ??= new Map(CONTAINER_LISTS.flatMap(([f]) => arr(spec[f]).map((c) => [str(obj(c).name), str(obj(c).image)])));
            const image = specImages.get(name) ?? '';
            const expected = lc.expectImages.get(name) ??
                lc.expectImages.get(repoOf(image)) ??
                digestOf(declaredImages.get(name) ?? '') ??
                digestOf(image);
            if (!expected || running === expected)
                continue;
            const c = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(o).find((x) => x.name === name);
            if (!c)
                continue;
            yield {
                path: [...c.path, 'image'],
                message: `container ${name} runs ${running.slice(0, 19)}… but ${expected.slice(0, 19)}… was expected`,
                details: { container: name, image, expected, running: str(cs.imageID) },
            };
        }
    },
};
// ---------------------------------------------------------------------------------------------
function secretRefsOfPodSpec(spec, add) {
    for (const v of arr(spec.volumes).map(obj)) {
        if (obj(v.secret).secretName)
            add(str(obj(v.secret).secretName));
        for (const s of arr(obj(v.projected).sources).map(obj))
            if (obj(s.secret).name)
                add(str(obj(s.secret).name));
        const csi = obj(obj(v.csi).nodePublishSecretRef);
        if (csi.name)
            add(str(csi.name));
    }
    for (const p of arr(spec.imagePullSecrets).map(obj))
        if (p.name)
            add(str(p.name));
    for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
        for (const c of arr(spec[key]).map(obj)) {
            for (const e of arr(c.env).map(obj)) {
                const r = obj(obj(e.valueFrom).secretKeyRef);
                if (r.name)
                    add(str(r.name));
            }
            for (const e of arr(c.envFrom).map(obj))
                if (obj(e.secretRef).name)
                    add(str(obj(e.secretRef).name));
        }
    }
}
/** `${namespace}/${secret}` -> service accounts (`ns/name`) of the pods that use it. */
function secretUsers(lc, objects) {
    const out = new Map();
    const use = (ns, name, sa) => {
        const k = `${ns}/${name}`;
        let s = out.get(k);
        if (!s)
            out.set(k, (s = new Set()));
        if (sa)
            s.add(sa);
    };
    const fromTemplates = (o) => {
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(o)) {
            const ns = o.ref.namespace ?? '';
            secretRefsOfPodSpec(t.spec, (n) => use(ns, n, `${ns}/${saName(t.spec)}`));
        }
    };
    for (const o of objects)
        fromTemplates(o);
    for (const p of lc.pods) {
        const ns = str(obj(p.metadata).namespace);
        const spec = obj(p.spec);
        secretRefsOfPodSpec(spec, (n) => use(ns, n, `${ns}/${saName(spec)}`));
    }
    for (const sa of lc.serviceAccounts) {
        const ns = str(obj(sa.metadata).namespace);
        for (const s of [...arr(sa.secrets), ...arr(sa.imagePullSecrets)].map(obj))
            if (s.name)
                use(ns, str(s.name), '');
    }
    for (const ing of lc.ingresses) {
        const ns = str(obj(ing.metadata).namespace);
        for (const t of arr(obj(ing.spec).tls).map(obj))
            if (t.secretName)
                use(ns, str(t.secretName), '');
    }
    return out;
}
const SYSTEM_SECRET_TYPES = new Set([
    'kubernetes.io/service-account-token',
    'helm.sh/release.v1',
    'bootstrap.kubernetes.io/token',
]);
const secretUnused = {
    meta: meta({
        id: 'secret-unused',
        title: 'Secret referenced by nothing',
        severity: 'low',
        rationale: 'A Secret nothing uses is a credential nobody rotates or watches; it can still be read by everyone with access to Secrets in the namespace.',
        remediation: 'Delete the Secret (and revoke the credential it holds) or reference it from the workload that needs it.',
        references: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
    }),
    *checkAll(ctx) {
        const lc = live(ctx, 'secret-unused');
        if (!lc?.secrets)
            return;
        const used = ctx.memo('live:secret-users', () => secretUsers(lc, ctx.objects));
        for (const s of lc.secrets) {
            const type = str(s.data.type);
            const name = s.ref.name;
            if (SYSTEM_SECRET_TYPES.has(type) || name.startsWith('sh.helm.release.'))
                continue;
            if (obj(mdOf(s).annotations)['kubernetes.io/service-account.name'])
                continue;
            if (used.has(`${s.ref.namespace ?? ''}/${name}`))
                continue;
            yield {
                object: s,
                path: ['metadata', 'name'],
                message: `Secret ${name} is not referenced by any pod, service account or ingress`,
            };
        }
    },
};
const READ = new Set(['get', 'list', 'watch', '*']);
function ruleGrants(rule) {
    const groups = arr(rule.apiGroups).map(String);
    const res = arr(rule.resources).map(String);
    const verbs = arr(rule.verbs).map(String);
    const names = arr(rule.resourceNames).map(String);
    const core = groups.includes('') || groups.includes('*');
    const anyGroup = groups.length > 0;
    const has = (r) => res.includes(r) || res.includes('*');
    const verb = (v) => verbs.includes(v) || verbs.includes('*');
    if (core && has('secrets') && verbs.some((v) => READ.has(v))) {
        return { read: true, ...(names.length ? { names: new Set(names) } : {}) };
    }
    if (core && has('pods') && verb('create'))
        return { read: false, implicit: 'create pods (mount any Secret)' };
    if ((groups.includes('apps') || groups.includes('batch') || groups.includes('*')) &&
        ['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs', 'cronjobs'].some(has) &&
        verb('create'))
        return { read: false, implicit: 'create workloads (mount any Secret)' };
    if (core && has('serviceaccounts/token') && verb('create'))
        return { read: false, implicit: 'create serviceaccounts/token' };
    if (anyGroup && verb('impersonate'))
        return { read: false, implicit: 'impersonate' };
    if ((groups.includes('rbac.authorization.k8s.io') || groups.includes('*')) && (verb('bind') || verb('escalate')))
        return { read: false, implicit: 'bind/escalate roles' };
    return { read: false };
}
function computeGrants(lc) {
    const roles = new Map();
    for (const r of lc.rbac.roles)
        roles.set(`${str(obj(r.metadata).namespace)}/${str(obj(r.metadata).name)}`, r);
    const cr = new Map();
    for (const r of lc.rbac.clusterRoles)
        cr.set(str(obj(r.metadata).name), r);
    const out = [];
    const bind = (b, ns) => {
        const bname = str(obj(b.metadata).name);
        if (bname.startsWith('system:'))
            return;
        const ref = obj(b.roleRef);
        const role = ref.kind === 'Role' ? roles.get(`${ns}/${str(ref.name)}`) : cr.get(str(ref.name));
        if (!role)
            return;
        const via = `${ns ? 'RoleBinding' : 'ClusterRoleBinding'} ${bname} -> ${str(ref.kind)} ${str(ref.name)}`;
        for (const s of arr(b.subjects).map(obj)) {
            let subject;
            if (s.kind === 'ServiceAccount')
                subject = `${str(s.namespace) || ns || ''}/${str(s.name)}`;
            else if (s.kind === 'Group' && /^system:serviceaccounts(:|$)/.test(str(s.name)))
                subject = `group:${str(s.name)}`;
            if (!subject || subject.startsWith('kube-system/'))
                continue;
            for (const rule of arr(role.rules).map(obj)) {
                const g = ruleGrants(rule);
                if (!g.read && !g.implicit)
                    continue;
                out.push({
                    subject,
                    ...(ns ? { namespace: ns } : {}),
                    via,
                    ...(g.names ? { names: g.names } : {}),
                    ...(g.implicit ? { implicit: g.implicit } : {}),
                });
            }
        }
    };
    for (const b of lc.rbac.roleBindings)
        bind(b, str(obj(b.metadata).namespace));
    for (const b of lc.rbac.clusterRoleBindings)
        bind(b, undefined);
    return out;
}
const secretReaders = {
    meta: meta({
        id: 'secret-readers',
        title: 'Secret readable by service accounts that do not use it',
        severity: 'high',
        rationale: "Every service account that can read a Secret (directly, or implicitly by creating pods, minting tokens, impersonating or binding roles) is one compromised pod away from leaking it. Readers beyond the Secret's own consumers widen the blast radius.",
        remediation: 'Scope Roles to resourceNames, remove get/list/watch on secrets from broad roles, and keep pod creation, token creation, impersonation and bind/escalate away from workload service accounts.',
        references: [
            'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
            'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
        ],
    }),
    *checkAll(ctx) {
        const lc = live(ctx, 'secret-readers');
        if (!lc?.secrets)
            return;
        const grants = ctx.memo('live:secret-grants', () => computeGrants(lc));
        const used = ctx.memo('live:secret-users', () => secretUsers(lc, ctx.objects));
        for (const s of lc.secrets) {
            const ns = s.ref.namespace ?? '';
            if (SYSTEM_SECRET_TYPES.has(str(s.data.type)))
                continue;
            const consumers = used.get(`${ns}/${s.ref.name}`) ?? new Set();
            const readers = new Map();
            for (const g of grants) {
                if (g.namespace !== undefined && g.namespace !== ns)
                    continue;
                if (g.names && !g.names.has(s.ref.name))
                    continue;
                if (consumers.has(g.subject))
                    continue;
                if (!readers.has(g.subject))
                    readers.set(g.subject, g.implicit ? `${g.implicit} via ${g.via}` : `read via ${g.via}`);
            }
            if (!readers.size)
                continue;
            const list = [...readers.keys()].sort();
            yield {
                object: s,
                path: ['metadata', 'name'],
                message: `Secret ${s.ref.name} can be read by ${list.length} service account${list.length > 1 ? 's' : ''} that do not use it: ${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}`,
                details: {
                    readers: list.slice(0, 50).join(', '),
                    via: list
                        .slice(0, 10)
                        .map((k) => `${k}: ${readers.get(k)}`)
                        .join(' | '),
                },
            };
        }
    },
};
const LEVELS = ['privileged', 'baseline', 'restricted'];
const BASELINE_CAPS = new Set([
    'AUDIT_WRITE',
    'CHOWN',
    'DAC_OVERRIDE',
    'FOWNER',
    'FSETID',
    'KILL',
    'MKNOD',
    'NET_BIND_SERVICE',
    'SETFCAP',
    'SETGID',
    'SETPCAP',
    'SETUID',
    'SYS_CHROOT',
]);
// the same Pod Security Standards tables as the manifest rules; a live cluster admits by its own
// (newest) PSA, so the whole safe sysctl set applies
const SAFE_SYSCTL_SET = new Set(_pod_security_js__WEBPACK_IMPORTED_MODULE_2__/* .SAFE_SYSCTLS */ .uW);
const RESTRICTED_VOLUMES = new Set(_volumes_js__WEBPACK_IMPORTED_MODULE_3__/* .RESTRICTED_VOLUME_TYPES */ .ZM);
/** Pod Security Standards violations of a pod spec at `level` (a compact PSA evaluator). */
function pssViolations(spec, annotations, level) {
    if (level === 'privileged')
        return [];
    const v = [];
    const psc = obj(spec.securityContext);
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC'])
        if (spec[f] === true)
            v.push(`${f}=true`);
    if (obj(psc.windowsOptions).hostProcess === true)
        v.push('hostProcess');
    const podSeccomp = str(obj(psc.seccompProfile).type);
    if (podSeccomp === 'Unconfined')
        v.push('pod seccompProfile Unconfined');
    const se = obj(psc.seLinuxOptions);
    if (!_pod_security_js__WEBPACK_IMPORTED_MODULE_2__/* .SELINUX_TYPES */ .rI.has(str(se.type)) || se.user || se.role)
        v.push('pod seLinuxOptions');
    for (const s of arr(psc.sysctls).map(obj))
        if (!SAFE_SYSCTL_SET.has(str(s.name)))
            v.push(`sysctl ${str(s.name)}`);
    for (const vol of arr(spec.volumes).map(obj)) {
        if (vol.hostPath)
            v.push(`hostPath volume ${str(vol.name)}`);
        else if (level === 'restricted') {
            const type = Object.keys(vol).find((k) => k !== 'name');
            if (type && !RESTRICTED_VOLUMES.has(type))
                v.push(`volume type ${type}`);
        }
    }
    for (const [k, val] of Object.entries(annotations)) {
        if (k.startsWith('container.apparmor.security.beta.kubernetes.io/') && val === 'unconfined')
            v.push('AppArmor unconfined');
    }
    if (str(obj(psc.appArmorProfile).type) === 'Unconfined')
        v.push('AppArmor unconfined');
    const podNonRoot = psc.runAsNonRoot === true;
    for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
        for (const c of arr(spec[key]).map(obj)) {
            const n = str(c.name);
            const sc = obj(c.securityContext);
            const caps = obj(sc.capabilities);
            if (sc.privileged === true)
                v.push(`${n}: privileged`);
            if (obj(sc.windowsOptions).hostProcess === true)
                v.push(`${n}: hostProcess`);
            for (const p of arr(c.ports).map(obj))
                if (typeof p.hostPort === 'number' && p.hostPort !== 0)
                    v.push(`${n}: hostPort ${p.hostPort}`);
            const add = arr(caps.add).map(String);
            for (const cap of add)
                if (!BASELINE_CAPS.has(cap.replace(/^CAP_/, '')))
                    v.push(`${n}: adds ${cap}`);
            if (str(obj(sc.seccompProfile).type) === 'Unconfined')
                v.push(`${n}: seccomp Unconfined`);
            if (sc.procMount !== undefined && sc.procMount !== 'Default')
                v.push(`${n}: procMount ${str(sc.procMount)}`);
            const cse = obj(sc.seLinuxOptions);
            if (!_pod_security_js__WEBPACK_IMPORTED_MODULE_2__/* .SELINUX_TYPES */ .rI.has(str(cse.type)) || cse.user || cse.role)
                v.push(`${n}: seLinuxOptions`);
            if (str(obj(sc.appArmorProfile).type) === 'Unconfined')
                v.push(`${n}: AppArmor unconfined`);
            if (level !== 'restricted')
                continue;
            if (sc.allowPrivilegeEscalation !== false)
                v.push(`${n}: allowPrivilegeEscalation not false`);
            if (!(sc.runAsNonRoot === true || (sc.runAsNonRoot === undefined && podNonRoot)))
                v.push(`${n}: runAsNonRoot not true`);
            if (sc.runAsUser === 0 || (sc.runAsUser === undefined && psc.runAsUser === 0))
                v.push(`${n}: runAsUser 0`);
            const sp = str(obj(sc.seccompProfile).type) || podSeccomp;
            if (sp !== 'RuntimeDefault' && sp !== 'Localhost')
                v.push(`${n}: seccompProfile not RuntimeDefault/Localhost`);
            if (!arr(caps.drop).map(String).includes('ALL'))
                v.push(`${n}: capabilities do not drop ALL`);
            for (const cap of add)
                if (cap.replace(/^CAP_/, '') !== 'NET_BIND_SERVICE')
                    v.push(`${n}: adds ${cap} (restricted)`);
        }
    }
    return [...new Set(v)];
}
const ENFORCE = 'pod-security.kubernetes.io/enforce';
function enforceLevel(ns) {
    const l = str(obj(obj(ns?.metadata).labels)[ENFORCE]);
    return LEVELS.includes(l) ? l : undefined;
}
const podSecurityAdmission = {
    meta: meta({
        id: 'pod-security-admission',
        title: 'Namespace without Pod Security Admission enforcement',
        severity: 'medium',
        rationale: 'Without an enforce label at baseline or restricted, the API server admits privileged pods into the namespace; pods admitted before a label was set keep running in violation of it.',
        remediation: 'Label the namespace `pod-security.kubernetes.io/enforce: restricted` (or baseline), with `enforce-version`, after checking with `kubectl label --dry-run=server`; restart or fix pods that violate the level.',
        example: 'metadata:\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n',
        references: ['https://kubernetes.io/docs/concepts/security/pod-security-admission/'],
    }),
    *check(o, ctx) {
        const lc = live(ctx, 'pod-security-admission');
        if (!lc)
            return;
        if (o.ref.kind === 'Namespace') {
            const labels = obj(mdOf(o).labels);
            const raw = labels[ENFORCE];
            const level = enforceLevel(o.data);
            if (raw === undefined) {
                yield {
                    path: ['metadata', 'labels', ENFORCE],
                    message: `namespace ${o.ref.name} has no ${ENFORCE} label: privileged pods are admitted`,
                };
            }
            else if (!level) {
                yield {
                    path: ['metadata', 'labels', ENFORCE],
                    message: `namespace ${o.ref.name} has an invalid enforce level "${str(raw)}"`,
                };
            }
            else if (level === 'privileged') {
                yield {
                    path: ['metadata', 'labels', ENFORCE],
                    message: `namespace ${o.ref.name} enforces "privileged": below baseline`,
                };
            }
            return;
        }
        if (o.ref.kind !== 'Pod')
            return;
        const level = enforceLevel(lc.namespaces.get(o.ref.namespace ?? ''));
        if (!level || level === 'privileged')
            return;
        const spec = obj(o.data.spec);
        // pods of one template revision share their spec: judge it once
        const owner = lc.ownerOf.get(o);
        const labels = obj(mdOf(o).labels);
        const rev = str(labels['pod-template-hash'] ?? labels['controller-revision-hash']);
        const key = owner && rev
            ? `${owner.ref.kind}/${owner.ref.namespace}/${owner.ref.name}|${rev}|${level}|${CONTAINER_LISTS.map(([f]) => arr(spec[f])
                .map((c) => str(obj(c).name))
                .join(',')).join(';')}`
            : undefined;
        const cache = ctx.memo('live:pss', () => new Map());
        let v = key ? cache.get(key) : undefined;
        if (!v) {
            v = pssViolations(spec, obj(mdOf(o).annotations), level);
            if (key)
                cache.set(key, v);
        }
        if (!v.length)
            return;
        yield {
            path: ['spec'],
            message: `running pod ${o.ref.name} violates the namespace's enforced "${level}" level: ${v.slice(0, 4).join('; ')}${v.length > 4 ? '; …' : ''}`,
            details: { level, violations: v.join('; ') },
        };
    },
};
// ---------------------------------------------------------------------------------------------
const warningEvents = {
    meta: meta({
        id: 'warning-events',
        title: 'Warning events on deployed objects',
        severity: 'low',
        rationale: 'Warning events (failed mounts, failed scheduling, probe failures, admission warnings) are how the cluster reports trouble that does not always stop a rollout.',
        remediation: 'Read the events with `kubectl events --for <kind>/<name> --types=Warning` and fix the cause.',
        references: ['https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/'],
    }),
    *check(o, ctx) {
        if (o.origin === 'manifest')
            return;
        const lc = live(ctx, 'warning-events');
        if (!lc)
            return;
        const evs = lc.events.get(objKey(o.ref.kind, o.ref.namespace, o.ref.name));
        if (!evs?.length)
            return;
        if (lc.manifestsGiven) {
            const owner = lc.ownerOf.get(o);
            if (!lc.manifestOf.has(o) && !(owner && lc.manifestOf.has(owner)))
                return;
        }
        const reasons = [...new Set(evs.map((e) => str(e.reason)))];
        const count = evs.reduce((n, e) => n + (typeof e.count === 'number' ? e.count : 1), 0);
        const msgs = evs.slice(0, 3).map((e) => `${str(e.reason)}: ${str(e.message)}`.slice(0, 200));
        yield {
            path: [],
            message: `${count} Warning event${count > 1 ? 's' : ''} on ${o.ref.kind} ${o.ref.name}: ${msgs.join(' | ')}`,
            details: { reasons: reasons.join(', '), events: msgs.join(' | '), count: String(count) },
        };
    },
};
const rules = [
    rolloutFailed,
    podCrashloop,
    drift,
    unexpectedContainer,
    imageNotPinnedLive,
    secretUnused,
    secretReaders,
    podSecurityAdmission,
    warningEvents,
];


/***/ }),

/***/ 28599:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aO: () => (/* binding */ rules),
/* harmony export */   rI: () => (/* binding */ SELINUX_TYPES),
/* harmony export */   uW: () => (/* binding */ SAFE_SYSCTLS)
/* harmony export */ });
/* unused harmony exports who, isWindows, capName, capsOf, seccompOf, appArmorOf, windowsOption, privilegedContainer, privilegeEscalation, runAsNonRoot, runAsRootUser, lowUid, rootGroup, readOnlyRootFs, capabilitiesDropAll, netRawCapability, DANGEROUS_CAPABILITIES, dangerousCapabilities, addedCapabilities, seccompProfile, seccompUnconfined, apparmorUnconfined, selinuxCustomOptions, procMountUnmasked, SAFE_SYSCTLS_SINCE, unsafeSysctls, windowsHostProcess, hostNetwork, hostPid, hostIpc, hostPort, hostUsers, privilegedPort, sshPort, hostAliases */
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44146);
/* harmony import */ var _podspec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75495);


const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const SECURITY_CONTEXT = 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/';
const SECCOMP = 'https://kubernetes.io/docs/tutorials/security/seccomp/';
const APPARMOR = 'https://kubernetes.io/docs/tutorials/security/apparmor/';
const CAPABILITIES = 'https://man7.org/linux/man-pages/man7/capabilities.7.html';
const SYSCTLS = 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/';
const USERNS = 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/';
const HOSTPROCESS = 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/';
const HOST_ALIASES = 'https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/';
// ---------------------------------------------------------------------------------------------
// helpers (exported for the volumes family and tests)
/** `container "web"`, `initContainer "migrate"`. */
function who(c) {
    return `${c.type} "${c.name}"`;
}
/** Pods with `spec.os.name: windows`: PSS exempts them from Linux-only controls. */
function isWindows(t) {
    const os = t.spec.os;
    return (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(os) && typeof os.name === 'string' && os.name.toLowerCase() === 'windows';
}
/** A capability name as the runtime reads it: upper case, without the `CAP_` prefix. */
function capName(v) {
    if (typeof v !== 'string')
        return undefined;
    const u = v.trim().toUpperCase();
    return u.startsWith('CAP_') ? u.slice(4) : u;
}
/** The container's `capabilities.add` or `.drop` entries, normalised. */
function capsOf(c, list) {
    const base = [...c.path, 'securityContext', 'capabilities', list];
    const v = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(c.container, ['securityContext', 'capabilities', list]);
    if (!Array.isArray(v))
        return [];
    const out = [];
    v.forEach((x, i) => {
        const name = capName(x);
        if (name)
            out.push({ name, path: [...base, i] });
    });
    return out;
}
function containerDetails(c) {
    return { container: c.name, containerType: c.type };
}
/** Merges hits that point at the same (pod-level) field into one violation naming every container. */
function* grouped(hits) {
    const groups = new Map();
    for (const h of hits) {
        const k = (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPath */ .jV)(h.path);
        const g = groups.get(k);
        if (g)
            g.push(h);
        else
            groups.set(k, [h]);
    }
    for (const hs of groups.values()) {
        const h = hs[0];
        const names = hs.map((x) => who(x.c)).join(', ');
        yield {
            path: h.path,
            message: h.message(names),
            ...(h.fix ? { fix: h.fix } : {}),
            details: hs.length === 1 ? containerDetails(h.c) : { containers: hs.map((x) => x.c.name).join(', ') },
        };
    }
}
function setFix(description, path, value) {
    return { description, set: [{ path, value }] };
}
/** The pod-level securityContext field path and value. */
function podField(t, field) {
    return { value: (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(t.spec, ['securityContext', field]), path: [...t.specPath, 'securityContext', field] };
}
/** The container's own securityContext field (no inheritance). */
function ownField(c, field) {
    return { value: (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(c.container, ['securityContext', field]), path: [...c.path, 'securityContext', field] };
}
const LEGACY_SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const LEGACY_SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const LEGACY_APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';
/** Annotation value (`runtime/default`, `docker/default`, `localhost/x`, `unconfined`) as a field type. */
function annotationProfileType(v) {
    const s = v.trim();
    if (s === 'runtime/default' || s === 'docker/default')
        return 'RuntimeDefault';
    if (s.startsWith('localhost/'))
        return 'Localhost';
    if (s === 'unconfined')
        return 'Unconfined';
    return s;
}
function fieldProfile(v, path, from) {
    if (!(0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(v))
        return undefined;
    const type = typeof v.type === 'string' ? v.type : '';
    return { type, path: [...path, 'type'], source: 'field', from };
}
/**
 * The seccomp profile a container runs with: container field, container's legacy annotation,
 * pod field, pod's legacy annotation (the order the kubelet applied them in).
 */
function seccompOf(c) {
    const t = c.template;
    const ann = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podAnnotations */ .c0)(t);
    const own = ownField(c, 'seccompProfile');
    const fromField = fieldProfile(own.value, own.path, 'container');
    if (fromField)
        return fromField;
    const ckey = LEGACY_SECCOMP_CONTAINER + c.name;
    if (ann[ckey] !== undefined)
        return {
            type: annotationProfileType(ann[ckey]),
            path: [...t.metaPath, 'annotations', ckey],
            source: 'annotation',
            from: 'container',
        };
    const pod = podField(t, 'seccompProfile');
    const fromPod = fieldProfile(pod.value, pod.path, 'pod');
    if (fromPod)
        return fromPod;
    if (ann[LEGACY_SECCOMP_POD] !== undefined)
        return {
            type: annotationProfileType(ann[LEGACY_SECCOMP_POD]),
            path: [...t.metaPath, 'annotations', LEGACY_SECCOMP_POD],
            source: 'annotation',
            from: 'pod',
        };
    return undefined;
}
/** The AppArmor profile of a container: container field, legacy annotation, pod field. */
function appArmorOf(c) {
    const t = c.template;
    const own = ownField(c, 'appArmorProfile');
    const fromField = fieldProfile(own.value, own.path, 'container');
    if (fromField)
        return fromField;
    const ann = podAnnotations(t);
    const key = LEGACY_APPARMOR_CONTAINER + c.name;
    if (ann[key] !== undefined)
        return {
            type: annotationProfileType(ann[key]),
            path: [...t.metaPath, 'annotations', key],
            source: 'annotation',
            from: 'container',
        };
    const pod = podField(t, 'appArmorProfile');
    return fieldProfile(pod.value, pod.path, 'pod');
}
/** A windowsOptions sub-field: Kubernetes merges windowsOptions field by field (container over pod). */
function windowsOption(c, field) {
    const own = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(c.container, ['securityContext', 'windowsOptions', field]);
    if (own !== undefined && own !== null)
        return { value: own, path: [...c.path, 'securityContext', 'windowsOptions', field] };
    const pod = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(c.template.spec, ['securityContext', 'windowsOptions', field]);
    if (pod !== undefined && pod !== null)
        return { value: pod, path: [...c.template.specPath, 'securityContext', 'windowsOptions', field] };
    return { value: undefined, path: [...c.path, 'securityContext', 'windowsOptions', field] };
}
function stringList(v) {
    if (!Array.isArray(v))
        return undefined;
    return v.filter((x) => typeof x === 'string');
}
// ---------------------------------------------------------------------------------------------
// rules
const privilegedContainer = {
    meta: {
        id: 'privileged-container',
        title: 'Privileged container',
        severity: 'critical',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        cis: '5.2.2',
        rationale: 'A privileged container runs with all capabilities and full access to the host devices: a compromise of the container is a compromise of the node.',
        remediation: 'Remove `privileged: true`, or set it to false. Grant only the specific capabilities the workload needs.',
        example: 'securityContext:\n  privileged: false',
        references: [PSS, SECURITY_CONTEXT],
    },
    *check(obj) {
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const r = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .effective */ .C$)(c, 'privileged');
            if ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(r.value) === true) {
                yield {
                    path: r.path,
                    message: `${who(c)} runs privileged`,
                    fix: setFix('set privileged: false', r.path, false),
                    details: containerDetails(c),
                };
            }
        }
    },
};
const privilegeEscalation = {
    meta: {
        id: 'privilege-escalation',
        title: 'Privilege escalation allowed',
        severity: 'high',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'restricted',
        cis: '5.2.6',
        rationale: 'Unless `allowPrivilegeEscalation` is false, a process can gain more privileges than its parent (setuid binaries, file capabilities): it defaults to true. A privileged container or one with CAP_SYS_ADMIN can always escalate.',
        remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container (init and ephemeral ones too), and do not run it privileged or with CAP_SYS_ADMIN.',
        example: 'securityContext:\n  allowPrivilegeEscalation: false',
        references: [PSS, SECURITY_CONTEXT],
    },
    *check(obj) {
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            if (isWindows(c.template))
                continue;
            const ape = ownField(c, 'allowPrivilegeEscalation');
            const flag = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(ape.value);
            // privileged or CAP_SYS_ADMIN always escalate (the API rejects them with allowPrivilegeEscalation: false)
            const priv = ownField(c, 'privileged');
            const sysAdmin = capsOf(c, 'add').find((x) => x.name === 'SYS_ADMIN' || x.name === 'ALL');
            const escalator = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(priv.value) === true
                ? { path: priv.path, what: 'it runs privileged' }
                : sysAdmin
                    ? { path: sysAdmin.path, what: `it adds ${sysAdmin.name === 'ALL' ? 'ALL capabilities' : 'CAP_SYS_ADMIN'}` }
                    : undefined;
            if (flag !== false) {
                const base = flag === true
                    ? `${who(c)} sets allowPrivilegeEscalation: true`
                    : `${who(c)} does not set allowPrivilegeEscalation: false (it defaults to true)`;
                yield {
                    path: ape.path,
                    message: escalator ? `${base}, and ${escalator.what}, which always allows escalation` : base,
                    // with privileged or CAP_SYS_ADMIN, false is rejected by the API server: remove those first
                    ...(escalator ? {} : { fix: setFix('set allowPrivilegeEscalation: false', ape.path, false) }),
                    details: containerDetails(c),
                };
            }
            else if (escalator) {
                yield {
                    path: escalator.path,
                    message: `${who(c)} can escalate privileges: ${escalator.what}, which overrides allowPrivilegeEscalation: false`,
                    details: containerDetails(c),
                };
            }
        }
    },
};
const runAsNonRoot = {
    meta: {
        id: 'run-as-non-root',
        title: 'Container may run as root',
        severity: 'high',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'restricted',
        cis: '5.2.7',
        rationale: 'Without `runAsNonRoot: true` (or a non-zero `runAsUser`), the container runs as whatever user the image declares, often root. Root in a container is one kernel bug or misconfiguration away from root on the node.',
        remediation: 'Set `runAsNonRoot: true` in the pod securityContext (it applies to every container) or per container, and run the image as a non-root user (`runAsUser` above 0).',
        example: 'spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001',
        references: [PSS, SECURITY_CONTEXT],
    },
    *check(obj) {
        const hits = [];
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const nonRoot = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .effective */ .C$)(c, 'runAsNonRoot');
            if ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(nonRoot.value) === true)
                continue;
            const user = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .effective */ .C$)(c, 'runAsUser').value);
            if (user !== undefined && user > 0)
                continue;
            if (isWindows(c.template)) {
                const name = windowsOption(c, 'runAsUserName').value;
                if (typeof name === 'string' && name !== '' && name.toLowerCase() !== 'containeradministrator')
                    continue;
            }
            const explicitFalse = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(nonRoot.value) === false;
            const path = explicitFalse ? nonRoot.path : [...c.path, 'securityContext', 'runAsNonRoot'];
            const why = user === 0
                ? 'runs as root (runAsUser: 0)'
                : explicitFalse
                    ? `may run as root (runAsNonRoot: false${nonRoot.from === 'pod' ? ' on the pod' : ''})`
                    : 'may run as root: neither runAsNonRoot: true nor a runAsUser above 0 is set';
            hits.push({
                c,
                path,
                message: (names) => `${names} ${why}`,
                // with runAsUser 0, runAsNonRoot: true would stop the container from starting: no quick fix
                ...(user === 0 ? {} : { fix: setFix('set runAsNonRoot: true', path, true) }),
            });
        }
        yield* grouped(hits);
    },
};
const runAsRootUser = {
    meta: {
        id: 'run-as-root-user',
        title: 'Container runs as uid 0',
        severity: 'high',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'restricted',
        cis: '5.2.7',
        rationale: '`runAsUser: 0` explicitly runs the process as root, whatever the image declares. The restricted Pod Security Standard forbids it on the pod and on every container.',
        remediation: 'Set `runAsUser` to a non-zero uid (ideally 10000 or above), or remove it and set `runAsNonRoot: true`.',
        example: 'securityContext:\n  runAsUser: 10001\n  runAsNonRoot: true',
        references: [PSS, SECURITY_CONTEXT],
    },
    *check(obj) {
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
            const pod = podField(t, 'runAsUser');
            if ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(pod.value) === 0)
                yield { path: pod.path, message: 'the pod securityContext sets runAsUser: 0 (root)' };
        }
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const own = ownField(c, 'runAsUser');
            if ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(own.value) === 0)
                yield { path: own.path, message: `${who(c)} sets runAsUser: 0 (root)`, details: containerDetails(c) };
        }
    },
};
const lowUid = {
    meta: {
        id: 'low-uid',
        title: 'Container uid below 10000',
        severity: 'low',
        enabledByDefault: false,
        category: 'pod-security',
        rationale: 'A uid below 10000 may collide with a user that exists on the node (system accounts, users of other tools). Should the container escape, it would act as that user. User namespaces (`hostUsers: false`) remove the risk.',
        remediation: 'Set `runAsUser` to 10000 or above (pod or container), or run the pod in a user namespace with `hostUsers: false`.',
        example: 'spec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 10001',
        references: [SECURITY_CONTEXT, USERNS],
        options: {
            threshold: {
                type: 'number',
                description: 'Smallest acceptable uid (runAsUser below it is reported).',
                default: 10000,
            },
        },
    },
    *check(obj, ctx) {
        const min = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(ctx.options.threshold) ?? 10000;
        const hits = [];
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const t = c.template;
            if (isWindows(t) || (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(t.spec.hostUsers) === false)
                continue;
            const r = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .effective */ .C$)(c, 'runAsUser');
            const uid = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(r.value);
            if (uid !== undefined && uid >= min)
                continue;
            hits.push({
                c,
                path: r.path,
                message: (names) => uid === undefined
                    ? `${names} sets no runAsUser: the image's user (possibly root or a low uid) applies`
                    : `${names} runs as uid ${uid}${r.from === 'pod' ? ' (from the pod)' : ''}, below ${min}`,
            });
        }
        yield* grouped(hits);
    },
};
const rootGroup = {
    meta: {
        id: 'root-group',
        title: 'Root group (gid 0)',
        severity: 'low',
        enabledByDefault: true,
        category: 'pod-security',
        rationale: 'Group 0 (root) owns many sensitive files on the host and in images. Running with gid 0, or giving it as fsGroup or a supplemental group, grants that access to the container processes.',
        remediation: 'Use a non-zero `runAsGroup`, `fsGroup` and `supplementalGroups` (10000 or above).',
        example: 'spec:\n  securityContext:\n    runAsGroup: 10001\n    fsGroup: 10001',
        references: [SECURITY_CONTEXT],
    },
    *check(obj) {
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
            for (const field of ['runAsGroup', 'fsGroup']) {
                const p = podField(t, field);
                if ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(p.value) === 0)
                    yield { path: p.path, message: `the pod securityContext sets ${field}: 0 (root group)` };
            }
            const sg = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(t.spec, ['securityContext', 'supplementalGroups']);
            if (Array.isArray(sg)) {
                const i = sg.findIndex((g) => (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(g) === 0);
                if (i >= 0)
                    yield {
                        path: [...t.specPath, 'securityContext', 'supplementalGroups', i],
                        message: 'the pod securityContext adds supplemental group 0 (root group)',
                    };
            }
        }
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const own = ownField(c, 'runAsGroup');
            if ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(own.value) === 0)
                yield { path: own.path, message: `${who(c)} sets runAsGroup: 0 (root group)`, details: containerDetails(c) };
        }
    },
};
const readOnlyRootFs = {
    meta: {
        id: 'read-only-root-fs',
        title: 'Writable root filesystem',
        severity: 'medium',
        enabledByDefault: true,
        category: 'pod-security',
        cis: '5.7.3',
        rationale: "A writable root filesystem lets an attacker drop tools, modify binaries or persist in the container. An immutable root filesystem also keeps the container's state in volumes you chose.",
        remediation: 'Set `readOnlyRootFilesystem: true` on every container and mount an `emptyDir` where the application needs to write (/tmp, caches).',
        example: 'securityContext:\n  readOnlyRootFilesystem: true\nvolumeMounts:\n  - name: tmp\n    mountPath: /tmp\n# volumes:\n#   - name: tmp\n#     emptyDir: {}',
        references: [SECURITY_CONTEXT],
    },
    *check(obj) {
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            if (isWindows(c.template))
                continue; // not supported on Windows
            const r = ownField(c, 'readOnlyRootFilesystem');
            const v = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(r.value);
            if (v === true)
                continue;
            yield {
                path: r.path,
                message: v === false
                    ? `${who(c)} sets readOnlyRootFilesystem: false`
                    : `${who(c)} does not set readOnlyRootFilesystem: true`,
                fix: setFix('set readOnlyRootFilesystem: true', r.path, true),
                details: containerDetails(c),
            };
        }
    },
};
const capabilitiesDropAll = {
    meta: {
        id: 'capabilities-drop-all',
        title: 'Capabilities not dropped',
        severity: 'medium',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'restricted',
        cis: '5.2.10',
        rationale: 'Container runtimes grant a default set of Linux capabilities (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID ...). Few applications need any of them; each is attack surface.',
        remediation: 'Drop all capabilities with `capabilities.drop: ["ALL"]` and add back only what the process needs (at most NET_BIND_SERVICE under the restricted standard).',
        example: 'securityContext:\n  capabilities:\n    drop: ["ALL"]',
        references: [PSS, CAPABILITIES],
    },
    *check(obj) {
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            if (isWindows(c.template))
                continue;
            if (capsOf(c, 'drop').some((x) => x.name === 'ALL'))
                continue;
            const path = [...c.path, 'securityContext', 'capabilities', 'drop'];
            yield {
                path,
                message: `${who(c)} does not drop ALL capabilities`,
                fix: setFix('drop all capabilities', path, ['ALL']),
                details: containerDetails(c),
            };
        }
    },
};
const netRawCapability = {
    meta: {
        id: 'net-raw-capability',
        title: 'NET_RAW capability',
        severity: 'medium',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        cis: '5.2.8',
        rationale: 'NET_RAW, granted by default by most runtimes, lets a process craft raw packets: ARP and DNS spoofing against other pods on the node, and it was the way in for several kernel exploits.',
        remediation: 'Drop it, with `capabilities.drop: ["ALL"]` (preferred) or `["NET_RAW"]`, and do not add it.',
        example: 'securityContext:\n  capabilities:\n    drop: ["ALL"]',
        references: [PSS, CAPABILITIES],
    },
    *check(obj) {
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const added = capsOf(c, 'add').find((x) => x.name === 'NET_RAW');
            if (added) {
                yield { path: added.path, message: `${who(c)} adds NET_RAW`, details: containerDetails(c) };
                continue;
            }
            if (isWindows(c.template))
                continue;
            const drop = capsOf(c, 'drop');
            if (drop.some((x) => x.name === 'ALL' || x.name === 'NET_RAW'))
                continue;
            const path = [...c.path, 'securityContext', 'capabilities', 'drop'];
            yield {
                path,
                message: `${who(c)} does not drop NET_RAW (granted by default)`,
                // the same value as capabilities-drop-all's fix, so applying both is consistent
                fix: setFix('drop all capabilities (NET_RAW included)', path, ['ALL']),
                details: containerDetails(c),
            };
        }
    },
};
/** Capabilities that give a container host-level power. */
const DANGEROUS_CAPABILITIES = [
    'ALL',
    'SYS_ADMIN',
    'NET_ADMIN',
    'SYS_MODULE',
    'SYS_PTRACE',
    'SYS_RAWIO',
    'SYS_BOOT',
    'SYS_TIME',
    'BPF',
    'PERFMON',
    'DAC_READ_SEARCH',
    'MAC_ADMIN',
    'MAC_OVERRIDE',
    'SYSLOG',
    'LINUX_IMMUTABLE',
    'CHECKPOINT_RESTORE',
];
const dangerousCapabilities = {
    meta: {
        id: 'dangerous-capabilities',
        title: 'Dangerous capability added',
        severity: 'critical',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        cis: '5.2.9',
        rationale: 'Capabilities such as SYS_ADMIN, NET_ADMIN, SYS_MODULE, SYS_PTRACE or BPF are close to root on the node: mounting filesystems, loading kernel modules, reading other processes, reconfiguring the network.',
        remediation: 'Remove these capabilities from `capabilities.add`. If a component truly needs one (a CNI plugin, a node agent), isolate it in its own namespace and exempt it explicitly with a reason.',
        example: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]',
        references: [PSS, CAPABILITIES],
        options: {
            capabilities: {
                type: 'string[]',
                description: 'Capabilities reported as dangerous (without the CAP_ prefix).',
                default: DANGEROUS_CAPABILITIES,
            },
        },
    },
    *check(obj, ctx) {
        const list = (stringList(ctx.options.capabilities) ?? DANGEROUS_CAPABILITIES).map((x) => capName(x) ?? x);
        const dangerous = new Set(list);
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const bad = capsOf(c, 'add').filter((x) => dangerous.has(x.name));
            if (!bad.length)
                continue;
            yield {
                path: bad[0].path,
                message: `${who(c)} adds ${bad.map((x) => x.name).join(', ')}`,
                details: { ...containerDetails(c), capabilities: bad.map((x) => x.name).join(',') },
            };
        }
    },
};
const addedCapabilities = {
    meta: {
        id: 'added-capabilities',
        title: 'Capability added beyond NET_BIND_SERVICE',
        severity: 'low',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'restricted',
        cis: '5.2.9',
        rationale: 'The restricted Pod Security Standard allows adding only NET_BIND_SERVICE. Every other added capability widens what a compromised process can do.',
        remediation: 'Remove the capability from `capabilities.add`, or listen on a port above 1023 instead of adding capabilities.',
        example: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]',
        references: [PSS, CAPABILITIES],
        options: {
            allowed: {
                type: 'string[]',
                description: 'Capabilities that may be added.',
                default: ['NET_BIND_SERVICE'],
            },
        },
    },
    *check(obj, ctx) {
        const allowed = new Set((stringList(ctx.options.allowed) ?? ['NET_BIND_SERVICE']).map((x) => capName(x) ?? x));
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            if (isWindows(c.template))
                continue;
            const extra = capsOf(c, 'add').filter((x) => !allowed.has(x.name));
            if (!extra.length)
                continue;
            yield {
                path: extra[0].path,
                message: `${who(c)} adds ${extra.map((x) => x.name).join(', ')} (only NET_BIND_SERVICE is allowed)`,
                details: { ...containerDetails(c), capabilities: extra.map((x) => x.name).join(',') },
            };
        }
    },
};
const seccompProfile = {
    meta: {
        id: 'seccomp-profile',
        title: 'No seccomp profile',
        severity: 'medium',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'restricted',
        cis: '5.7.2',
        rationale: 'Without a seccomp profile the container can call every system call of the kernel, including the rarely used ones that most kernel exploits go through. The RuntimeDefault profile blocks them at almost no compatibility cost.',
        remediation: 'Set `seccompProfile: {type: RuntimeDefault}` in the pod securityContext (it applies to every container), or a `Localhost` profile.',
        example: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault',
        references: [PSS, SECCOMP],
    },
    *check(obj) {
        const hits = [];
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            if (isWindows(c.template))
                continue;
            const p = seccompOf(c);
            if (p && (p.type === 'RuntimeDefault' || p.type === 'Localhost'))
                continue;
            if (!p) {
                const path = [...c.path, 'securityContext', 'seccompProfile'];
                hits.push({
                    c,
                    path,
                    message: (names) => `${names} has no seccomp profile (neither on the container nor on the pod)`,
                    fix: setFix('set seccompProfile type RuntimeDefault', path, { type: 'RuntimeDefault' }),
                });
                continue;
            }
            const where = p.source === 'annotation' ? 'annotation' : p.from === 'pod' ? 'pod securityContext' : 'securityContext';
            hits.push({
                c,
                path: p.path,
                message: (names) => `${names} runs with seccomp profile ${p.type || '(empty)'} (from the ${where}), not RuntimeDefault or Localhost`,
                ...(p.source === 'field'
                    ? { fix: setFix('set seccompProfile type RuntimeDefault', p.path, 'RuntimeDefault') }
                    : {}),
            });
        }
        yield* grouped(hits);
    },
};
const seccompUnconfined = {
    meta: {
        id: 'seccomp-unconfined',
        title: 'Seccomp explicitly unconfined',
        severity: 'high',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        cis: '5.7.2',
        rationale: 'An Unconfined seccomp profile removes the system call filter that the runtime would otherwise apply, exposing the whole kernel attack surface.',
        remediation: 'Use `seccompProfile: {type: RuntimeDefault}` or a Localhost profile tailored to the application.',
        example: 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault',
        references: [PSS, SECCOMP],
    },
    *check(obj) {
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
            const p = fieldProfile(podField(t, 'seccompProfile').value, podField(t, 'seccompProfile').path, 'pod');
            if (p?.type === 'Unconfined')
                yield {
                    path: p.path,
                    message: 'the pod securityContext sets seccomp profile Unconfined',
                    fix: setFix('set seccompProfile type RuntimeDefault', p.path, 'RuntimeDefault'),
                };
            const ann = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podAnnotations */ .c0)(t)[LEGACY_SECCOMP_POD];
            if (!p && ann !== undefined && annotationProfileType(ann) === 'Unconfined')
                yield {
                    path: [...t.metaPath, 'annotations', LEGACY_SECCOMP_POD],
                    message: `the pod annotation ${LEGACY_SECCOMP_POD} is unconfined`,
                };
        }
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const own = ownField(c, 'seccompProfile');
            const p = fieldProfile(own.value, own.path, 'container');
            if (p?.type === 'Unconfined') {
                yield {
                    path: p.path,
                    message: `${who(c)} sets seccomp profile Unconfined`,
                    fix: setFix('set seccompProfile type RuntimeDefault', p.path, 'RuntimeDefault'),
                    details: containerDetails(c),
                };
                continue;
            }
            const key = LEGACY_SECCOMP_CONTAINER + c.name;
            const ann = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podAnnotations */ .c0)(c.template)[key];
            if (!p && ann !== undefined && annotationProfileType(ann) === 'Unconfined')
                yield {
                    path: [...c.template.metaPath, 'annotations', key],
                    message: `${who(c)} is unconfined by the annotation ${key}`,
                    details: containerDetails(c),
                };
        }
    },
};
const apparmorUnconfined = {
    meta: {
        id: 'apparmor-unconfined',
        title: 'AppArmor unconfined',
        severity: 'medium',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        rationale: "On nodes with AppArmor, the runtime's default profile restricts mounts, /proc and /sys writes and more. Unconfined removes that layer.",
        remediation: 'Remove the Unconfined profile (the runtime default then applies), or set `appArmorProfile: {type: RuntimeDefault}` or a Localhost profile.',
        example: 'securityContext:\n  appArmorProfile:\n    type: RuntimeDefault',
        references: [PSS, APPARMOR],
    },
    *check(obj) {
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
            const pod = podField(t, 'appArmorProfile');
            const p = fieldProfile(pod.value, pod.path, 'pod');
            if (p?.type === 'Unconfined')
                yield {
                    path: p.path,
                    message: 'the pod securityContext sets AppArmor profile Unconfined',
                    fix: setFix('set appArmorProfile type RuntimeDefault', p.path, 'RuntimeDefault'),
                };
        }
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const own = ownField(c, 'appArmorProfile');
            const p = fieldProfile(own.value, own.path, 'container');
            if (p?.type === 'Unconfined') {
                yield {
                    path: p.path,
                    message: `${who(c)} sets AppArmor profile Unconfined`,
                    fix: setFix('set appArmorProfile type RuntimeDefault', p.path, 'RuntimeDefault'),
                    details: containerDetails(c),
                };
                continue;
            }
            const key = LEGACY_APPARMOR_CONTAINER + c.name;
            const ann = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podAnnotations */ .c0)(c.template)[key];
            if (!p && ann !== undefined && annotationProfileType(ann) === 'Unconfined')
                yield {
                    path: [...c.template.metaPath, 'annotations', key],
                    message: `${who(c)} is unconfined by the annotation ${key}`,
                    details: containerDetails(c),
                };
        }
    },
};
/** SELinux types the Pod Security Standards allow ('' = unset). */
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
function* seLinuxIssues(v, path, subject) {
    if (!(0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(v))
        return;
    for (const f of ['user', 'role']) {
        if (typeof v[f] === 'string' && v[f] !== '') {
            yield { path: [...path, f], message: `${subject} sets a custom SELinux ${f} "${v[f]}"` };
            return;
        }
    }
    if (typeof v.type === 'string' && !SELINUX_TYPES.has(v.type)) {
        yield {
            path: [...path, 'type'],
            message: `${subject} sets SELinux type "${v.type}", outside the container_t family`,
        };
    }
}
const selinuxCustomOptions = {
    meta: {
        id: 'selinux-custom-options',
        title: 'Custom SELinux options',
        severity: 'medium',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        rationale: 'A custom SELinux user or role, or a type such as spc_t or unconfined_t, can lift the SELinux confinement that isolates containers from the host and from each other.',
        remediation: 'Remove `seLinuxOptions.user` and `.role`, and use a type of the container_t family (container_t, container_init_t, container_kvm_t, container_engine_t) or none. Setting `level` is fine.',
        example: 'securityContext:\n  seLinuxOptions:\n    level: "s0:c123,c456"',
        references: [PSS, SECURITY_CONTEXT],
    },
    *check(obj) {
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
            const p = podField(t, 'seLinuxOptions');
            yield* seLinuxIssues(p.value, p.path, 'the pod securityContext');
        }
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const o = ownField(c, 'seLinuxOptions');
            for (const v of seLinuxIssues(o.value, o.path, who(c)))
                yield { ...v, details: containerDetails(c) };
        }
    },
};
const procMountUnmasked = {
    meta: {
        id: 'proc-mount-unmasked',
        title: 'Unmasked /proc mount',
        severity: 'high',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        rationale: 'The runtime masks sensitive paths of /proc (kcore, keys, sysrq-trigger ...). `procMount: Unmasked` exposes them to the container.',
        remediation: 'Remove `procMount` or set it to `Default`.',
        example: 'securityContext:\n  procMount: Default',
        references: [PSS, SECURITY_CONTEXT],
    },
    *check(obj) {
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const r = ownField(c, 'procMount');
            if (r.value === 'Unmasked')
                yield {
                    path: r.path,
                    message: `${who(c)} sets procMount: Unmasked`,
                    fix: setFix('set procMount: Default', r.path, 'Default'),
                    details: containerDetails(c),
                };
        }
    },
};
/** Sysctls the baseline Pod Security Standard allows (namespaced, isolated from the host), with the Kubernetes minor version that allowed them. */
const SAFE_SYSCTLS_SINCE = {
    'kernel.shm_rmid_forced': 0,
    'net.ipv4.ip_local_port_range': 0,
    'net.ipv4.ip_unprivileged_port_start': 0,
    'net.ipv4.tcp_syncookies': 0,
    'net.ipv4.ping_group_range': 0,
    'net.ipv4.ip_local_reserved_ports': 27,
    'net.ipv4.tcp_keepalive_time': 29,
    'net.ipv4.tcp_fin_timeout': 29,
    'net.ipv4.tcp_keepalive_intvl': 29,
    'net.ipv4.tcp_keepalive_probes': 29,
    'net.ipv4.tcp_rmem': 32,
    'net.ipv4.tcp_wmem': 32,
};
const SAFE_SYSCTLS = Object.keys(SAFE_SYSCTLS_SINCE);
/** Minor version of '1.34' / 'v1.34.2'; the newest when unparseable. */
function minorOf(kubeVersion) {
    const m = /^v?1\.(\d+)/.exec(kubeVersion.trim());
    return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}
/** `net/ipv4/tcp_syncookies` and `net.ipv4.tcp_syncookies` are the same sysctl. */
function sysctlName(s) {
    return s.trim().replace(/\//g, '.');
}
const unsafeSysctls = {
    meta: {
        id: 'unsafe-sysctls',
        title: 'Unsafe sysctl',
        severity: 'high',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        rationale: 'Sysctls outside the safe set are not isolated per pod: they change kernel behaviour for the whole node, or can starve or destabilise it.',
        remediation: 'Remove the sysctl, or tune the node itself. Only the Pod Security Standard safe set (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies ...) may be set by pods.',
        example: 'spec:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_port_range\n        value: "1024 65535"',
        references: [PSS, SYSCTLS],
        options: {
            allowed: { type: 'string[]', description: 'Sysctls allowed in addition to the safe set.', default: [] },
        },
    },
    *check(obj, ctx) {
        const minor = minorOf(ctx.kubeVersion);
        const safe = new Set([
            ...SAFE_SYSCTLS.filter((s) => SAFE_SYSCTLS_SINCE[s] <= minor),
            ...(stringList(ctx.options.allowed) ?? []).map(sysctlName),
        ]);
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
            const list = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(t.spec, ['securityContext', 'sysctls']);
            if (!Array.isArray(list))
                continue;
            for (let i = 0; i < list.length; i++) {
                const s = list[i];
                const name = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(s) && typeof s.name === 'string' ? s.name : undefined;
                if (name === undefined || safe.has(sysctlName(name)))
                    continue;
                yield {
                    path: [...t.specPath, 'securityContext', 'sysctls', i, 'name'],
                    message: `the pod sets sysctl ${name}, outside the safe set of Kubernetes 1.${minor === Number.MAX_SAFE_INTEGER ? 'x' : minor}`,
                };
            }
        }
    },
};
const windowsHostProcess = {
    meta: {
        id: 'windows-host-process',
        title: 'Windows HostProcess container',
        severity: 'high',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        cis: '5.2.11',
        rationale: 'A Windows HostProcess container runs directly on the host, with host networking and access to the whole node: the equivalent of a privileged Linux container.',
        remediation: 'Remove `windowsOptions.hostProcess: true` (pod and containers) unless the workload is a node agent exempted with a reason.',
        example: 'securityContext:\n  windowsOptions:\n    hostProcess: false',
        references: [PSS, HOSTPROCESS],
    },
    *check(obj) {
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
            const v = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(t.spec, ['securityContext', 'windowsOptions', 'hostProcess']);
            if ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(v) === true) {
                const path = [...t.specPath, 'securityContext', 'windowsOptions', 'hostProcess'];
                yield {
                    path,
                    message: 'the pod runs as a Windows HostProcess pod',
                    fix: setFix('set hostProcess: false', path, false),
                };
            }
        }
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const v = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(c.container, ['securityContext', 'windowsOptions', 'hostProcess']);
            if ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(v) === true) {
                const path = [...c.path, 'securityContext', 'windowsOptions', 'hostProcess'];
                yield {
                    path,
                    message: `${who(c)} is a Windows HostProcess container`,
                    fix: setFix('set hostProcess: false', path, false),
                    details: containerDetails(c),
                };
            }
        }
    },
};
function hostNamespaceRule(id, field, title, what, cis, rationale) {
    return {
        meta: {
            id,
            title,
            severity: 'high',
            enabledByDefault: true,
            category: 'pod-security',
            pss: 'baseline',
            cis,
            rationale,
            remediation: `Remove \`${field}: true\` (it defaults to false). Node agents that need it belong in a separate, exempted namespace.`,
            example: `spec:\n  ${field}: false`,
            references: [PSS],
        },
        *check(obj) {
            for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
                if ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(t.spec[field]) !== true)
                    continue;
                const path = [...t.specPath, field];
                yield {
                    path,
                    message: `the pod shares the host ${what} (${field}: true)`,
                    fix: setFix(`set ${field}: false`, path, false),
                };
            }
        },
    };
}
const hostNetwork = hostNamespaceRule('host-network', 'hostNetwork', 'Host network namespace', 'network namespace', '5.2.5', "With the host's network namespace the pod sees every interface of the node, can bind its ports, sniff traffic and reach services listening on localhost, and bypasses NetworkPolicies.");
const hostPid = hostNamespaceRule('host-pid', 'hostPID', 'Host PID namespace', 'process namespace', '5.2.3', "With the host's PID namespace the pod sees every process of the node, can read their environment and, with ptrace, inject into them.");
const hostIpc = hostNamespaceRule('host-ipc', 'hostIPC', 'Host IPC namespace', 'IPC namespace', '5.2.4', "With the host's IPC namespace the pod can read and write shared memory of every process on the node.");
function portsOf(c, field) {
    const ports = c.container.ports;
    if (!Array.isArray(ports))
        return [];
    const out = [];
    ports.forEach((p, i) => {
        if (!(0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(p))
            return;
        const n = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(p[field]);
        if (n !== undefined)
            out.push({ path: [...c.path, 'ports', i, field], port: n });
    });
    return out;
}
const hostPort = {
    meta: {
        id: 'host-port',
        title: 'Host port',
        severity: 'medium',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        cis: '5.2.13',
        rationale: "A hostPort binds the node's own address: it bypasses Services and NetworkPolicies, limits scheduling to one pod per node and port, and exposes the workload outside the cluster network.",
        remediation: 'Remove `hostPort` and expose the port through a Service (and an Ingress or Gateway when it must be public).',
        example: 'ports:\n  - containerPort: 8080\n    name: http',
        references: [PSS, 'https://kubernetes.io/docs/concepts/configuration/overview/#services'],
    },
    *check(obj) {
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const bad = portsOf(c, 'hostPort').filter((p) => p.port !== 0);
            if (!bad.length)
                continue;
            yield {
                path: bad[0].path,
                message: `${who(c)} binds host port${bad.length > 1 ? 's' : ''} ${bad.map((p) => p.port).join(', ')}`,
                details: containerDetails(c),
            };
        }
    },
};
const hostUsers = {
    meta: {
        id: 'host-users',
        title: 'No user namespace',
        severity: 'low',
        enabledByDefault: false,
        category: 'pod-security',
        rationale: 'With `hostUsers: false` the pod runs in its own user namespace: root in the container maps to an unprivileged uid on the node, which defuses most container escapes. It needs Linux 6.3+ and a runtime that supports it.',
        remediation: 'Set `hostUsers: false` in the pod spec, where the nodes support user namespaces.',
        example: 'spec:\n  hostUsers: false',
        references: [USERNS],
    },
    *check(obj) {
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
            if (isWindows(t))
                continue;
            const v = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(t.spec.hostUsers);
            if (v === false)
                continue;
            // host namespaces cannot be combined with a user namespace
            if (['hostNetwork', 'hostPID', 'hostIPC'].some((f) => (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(t.spec[f]) === true))
                continue;
            const path = [...t.specPath, 'hostUsers'];
            yield {
                path,
                message: v === true
                    ? 'the pod sets hostUsers: true (no user namespace)'
                    : 'the pod does not set hostUsers: false (no user namespace)',
                fix: setFix('set hostUsers: false', path, false),
            };
        }
    },
};
const privilegedPort = {
    meta: {
        id: 'privileged-port',
        title: 'Privileged container port',
        severity: 'low',
        enabledByDefault: false,
        category: 'pod-security',
        rationale: 'Listening on a port below 1024 usually means running as root or adding NET_BIND_SERVICE. Services can map any port to a high container port instead.',
        remediation: 'Listen on a port of 1024 or above and map it in the Service (`port: 80`, `targetPort: 8080`).',
        example: 'ports:\n  - name: http\n    containerPort: 8080',
        references: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service'],
    },
    *check(obj) {
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const bad = portsOf(c, 'containerPort').filter((p) => p.port > 0 && p.port < 1024);
            if (!bad.length)
                continue;
            yield {
                path: bad[0].path,
                message: `${who(c)} listens on privileged port${bad.length > 1 ? 's' : ''} ${bad.map((p) => p.port).join(', ')}`,
                details: containerDetails(c),
            };
        }
    },
};
const sshPort = {
    meta: {
        id: 'ssh-port',
        title: 'SSH port exposed',
        severity: 'low',
        enabledByDefault: true,
        category: 'pod-security',
        rationale: 'An SSH server in a container is a second, unaudited way in, usually with long-lived credentials. Use `kubectl exec` or ephemeral debug containers instead.',
        remediation: 'Remove the SSH server and port 22 from the container.',
        example: 'ports:\n  - name: http\n    containerPort: 8080',
        references: ['https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container'],
    },
    *check(obj) {
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const ports = c.container.ports;
            if (!Array.isArray(ports))
                continue;
            const i = ports.findIndex((p) => (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(p) &&
                ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(p.containerPort) === 22 || (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(p.hostPort) === 22) &&
                (p.protocol === undefined || p.protocol === 'TCP'));
            if (i < 0)
                continue;
            const p = ports[i];
            const field = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(p.containerPort) === 22 ? 'containerPort' : 'hostPort';
            yield {
                path: [...c.path, 'ports', i, field],
                message: `${who(c)} exposes port 22 (SSH)`,
                details: containerDetails(c),
            };
        }
    },
};
const hostAliases = {
    meta: {
        id: 'host-aliases',
        title: 'hostAliases set',
        severity: 'low',
        enabledByDefault: true,
        category: 'pod-security',
        rationale: "hostAliases write entries into the pod's /etc/hosts: they silently redirect names away from cluster DNS, which hides dependencies and can be used to intercept traffic.",
        remediation: 'Remove `hostAliases` and use DNS (a Service, an ExternalName Service, or a DNS record).',
        example: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: legacy-db\nspec:\n  type: ExternalName\n  externalName: db.internal.example.com',
        references: [HOST_ALIASES],
    },
    *check(obj) {
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
            const v = t.spec.hostAliases;
            if (!Array.isArray(v) || v.length === 0)
                continue;
            const names = v
                .flatMap((a) => ((0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(a) && Array.isArray(a.hostnames) ? a.hostnames : []))
                .filter((x) => typeof x === 'string');
            yield {
                path: [...t.specPath, 'hostAliases'],
                message: `the pod overrides /etc/hosts with hostAliases${names.length ? ` (${names.slice(0, 5).join(', ')})` : ''}`,
            };
        }
    },
};
const rules = [
    privilegedContainer,
    privilegeEscalation,
    runAsNonRoot,
    runAsRootUser,
    lowUid,
    rootGroup,
    readOnlyRootFs,
    capabilitiesDropAll,
    netRawCapability,
    dangerousCapabilities,
    addedCapabilities,
    seccompProfile,
    seccompUnconfined,
    apparmorUnconfined,
    selinuxCustomOptions,
    procMountUnmasked,
    unsafeSysctls,
    windowsHostProcess,
    hostNetwork,
    hostPid,
    hostIpc,
    hostPort,
    hostUsers,
    privilegedPort,
    sshPort,
    hostAliases,
];


/***/ }),

/***/ 75495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C$: () => (/* binding */ effective),
/* harmony export */   Jt: () => (/* binding */ get),
/* harmony export */   Mz: () => (/* binding */ containersOf),
/* harmony export */   R7: () => (/* binding */ podTemplates),
/* harmony export */   Ul: () => (/* binding */ boolOf),
/* harmony export */   Yr: () => (/* binding */ allContainers),
/* harmony export */   c0: () => (/* binding */ podAnnotations),
/* harmony export */   og: () => (/* binding */ numOf),
/* harmony export */   sA: () => (/* binding */ isObj)
/* harmony export */ });
/* unused harmony exports podTemplateTable, podTemplateResolvers, INHERITED_FIELDS */
/* harmony import */ var _crd_templates_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(63746);

function isObj(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function get(obj, path) {
    let cur = obj;
    for (const seg of path) {
        if (typeof seg === 'number') {
            if (!Array.isArray(cur))
                return undefined;
            cur = cur[seg];
        }
        else {
            if (!isObj(cur))
                return undefined;
            cur = cur[seg];
        }
    }
    return cur;
}
const TRUE_WORDS = new Set(['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 'y', 'Y', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['false', 'False', 'FALSE', 'no', 'No', 'NO', 'n', 'N', 'off', 'Off', 'OFF']);
/** A boolean as Kubernetes' YAML reads it; undefined when unset or not a boolean. */
function boolOf(v) {
    if (typeof v === 'boolean')
        return v;
    if (typeof v === 'string') {
        if (TRUE_WORDS.has(v))
            return true;
        if (FALSE_WORDS.has(v))
            return false;
    }
    return undefined;
}
/** A number, also from a numeric string; undefined otherwise. */
function numOf(v) {
    if (typeof v === 'number' && Number.isFinite(v))
        return v;
    if (typeof v === 'string' && /^-?\d+$/.test(v.trim()))
        return Number(v);
    return undefined;
}
const TEMPLATE = { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] };
const podTemplateTable = {
    Pod: [{ spec: ['spec'], meta: ['metadata'] }],
    PodTemplate: [{ spec: ['template', 'spec'], meta: ['template', 'metadata'] }],
    Deployment: [TEMPLATE],
    ReplicaSet: [TEMPLATE],
    StatefulSet: [TEMPLATE],
    DaemonSet: [TEMPLATE],
    Job: [TEMPLATE],
    ReplicationController: [TEMPLATE],
    CronJob: [
        {
            spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
            meta: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
        },
    ],
    DeploymentConfig: [
        { ...TEMPLATE, group: 'apps.openshift.io' },
        { ...TEMPLATE, group: '' },
    ],
    Rollout: [{ ...TEMPLATE, group: 'argoproj.io' }],
    Service: [{ ...TEMPLATE, group: 'serving.knative.dev' }],
};
/** Kinds whose pod templates live in several or computed places (Argo Workflows ...). */
const podTemplateResolvers = {};
function groupOf(apiVersion) {
    const i = apiVersion.indexOf('/');
    return i === -1 ? '' : apiVersion.slice(0, i);
}
/**
 * Every rule asks for the same templates and containers of the same objects: computed once per
 * object (rules get their own array copies, so they may sort or filter freely).
 */
const templateCache = new WeakMap();
const containerCache = new WeakMap();
const allContainerCache = new WeakMap();
/** All pod templates in an object (none for kinds that carry no pods). */
function podTemplates(obj) {
    let cached = templateCache.get(obj);
    if (!cached) {
        cached = computePodTemplates(obj);
        templateCache.set(obj, cached);
    }
    return cached.slice();
}
function computePodTemplates(obj) {
    const resolver = podTemplateResolvers[obj.ref.kind];
    if (resolver)
        return resolver(obj);
    const crdResolver = _crd_templates_js__WEBPACK_IMPORTED_MODULE_0__/* .crdTemplateResolvers */ .Rc[obj.ref.kind];
    if (crdResolver) {
        const out = [];
        for (const r of crdResolver(obj)) {
            const spec = get(obj.data, r.specPath);
            if (!isObj(spec))
                continue;
            const md = get(obj.data, r.metaPath);
            out.push({
                specPath: r.specPath,
                spec,
                metaPath: r.metaPath,
                metadata: isObj(md) ? md : {},
                ...(r.containerFields ? { containerFields: r.containerFields } : {}),
            });
        }
        if (out.length)
            return out;
    }
    const locs = [...(podTemplateTable[obj.ref.kind] ?? []), ...(_crd_templates_js__WEBPACK_IMPORTED_MODULE_0__/* .crdTemplateTable */ .ux[obj.ref.kind] ?? [])];
    if (!locs.length)
        return [];
    const group = groupOf(obj.ref.apiVersion);
    const out = [];
    for (const loc of locs) {
        if (loc.group !== undefined && loc.group !== group)
            continue;
        const spec = get(obj.data, loc.spec);
        if (!isObj(spec))
            continue;
        const md = get(obj.data, loc.meta);
        out.push({ specPath: loc.spec, spec, metaPath: loc.meta, metadata: isObj(md) ? md : {} });
        break;
    }
    return out;
}
const CONTAINER_FIELDS = [
    ['initContainers', 'initContainer'],
    ['containers', 'container'],
    ['ephemeralContainers', 'ephemeralContainer'],
];
/** Every container of a pod template: init, regular and ephemeral. */
function containersOf(t) {
    let cached = containerCache.get(t);
    if (!cached) {
        cached = computeContainersOf(t);
        containerCache.set(t, cached);
    }
    return cached.slice();
}
function computeContainersOf(t) {
    if (t.containerFields)
        return crdContainersOf(t, t.containerFields);
    const out = [];
    for (const [field, type] of CONTAINER_FIELDS) {
        const list = t.spec[field];
        if (!Array.isArray(list))
            continue;
        list.forEach((c, i) => {
            if (!isObj(c))
                return;
            out.push({
                container: c,
                path: [...t.specPath, field, i],
                type,
                name: typeof c.name === 'string' ? c.name : `${field}[${i}]`,
                template: t,
            });
        });
    }
    return out;
}
/** Containers of a CRD template from its own container fields (single objects or lists). */
function crdContainersOf(t, fields) {
    const out = [];
    for (const { field, type, single } of fields) {
        const v = t.spec[field];
        if (single) {
            if (isObj(v)) {
                // Argo's `container`/`script` usually have no name: use the template's
                const name = typeof v.name === 'string' ? v.name : typeof t.spec.name === 'string' ? t.spec.name : field;
                out.push({ container: v, path: [...t.specPath, field], type, name, template: t });
            }
            continue;
        }
        if (!Array.isArray(v))
            continue;
        v.forEach((c, i) => {
            if (!isObj(c))
                return;
            const name = typeof c.name === 'string' ? c.name : `${field}[${i}]`;
            out.push({ container: c, path: [...t.specPath, field, i], type, name, template: t });
        });
    }
    return out;
}
/** All containers of all pod templates in the object. */
function allContainers(obj) {
    let cached = allContainerCache.get(obj);
    if (!cached) {
        cached = podTemplates(obj).flatMap(containersOf);
        allContainerCache.set(obj, cached);
    }
    return cached.slice();
}
/** Security context fields that a pod-level securityContext provides to its containers. */
const INHERITED_FIELDS = [
    'runAsUser',
    'runAsGroup',
    'runAsNonRoot',
    'seLinuxOptions',
    'seccompProfile',
    'appArmorProfile',
    'windowsOptions',
];
/**
 * A security context field as the container will run with it: the container's own value,
 * else the pod's for inheritable fields, else unset (path then points at the container's
 * securityContext field that should hold it).
 */
function effective(c, field) {
    const csc = c.container.securityContext;
    if (isObj(csc) && csc[field] !== undefined && csc[field] !== null) {
        return { value: csc[field], path: [...c.path, 'securityContext', field], from: 'container' };
    }
    if (INHERITED_FIELDS.includes(field)) {
        const psc = c.template.spec.securityContext;
        if (isObj(psc) && psc[field] !== undefined && psc[field] !== null) {
            return { value: psc[field], path: [...c.template.specPath, 'securityContext', field], from: 'pod' };
        }
    }
    return { value: undefined, path: [...c.path, 'securityContext', field], from: 'unset' };
}
/** Annotations of the pod template (legacy seccomp/AppArmor annotations live here). */
function podAnnotations(t) {
    const a = t.metadata.annotations;
    const out = {};
    if (isObj(a))
        for (const [k, v] of Object.entries(a))
            if (typeof v === 'string')
                out[k] = v;
    return out;
}


/***/ }),

/***/ 11636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZM: () => (/* binding */ RESTRICTED_VOLUME_TYPES),
/* harmony export */   aO: () => (/* binding */ rules)
/* harmony export */ });
/* unused harmony exports normalizeHostPath, hostPathVolumes, hostPath, SENSITIVE_HOST_PATHS, sensitiveHostPath, RUNTIME_SOCKETS, runtimeSocketIn, containerRuntimeSocket, writableHostPath, restrictedVolumeTypes */
/* harmony import */ var _podspec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75495);

const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const HOSTPATH = 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath';
/**
 * Normalises a POSIX path: collapses `//`, resolves `.` and `..`, drops trailing slashes.
 * Returns undefined for relative or Windows paths.
 */
function normalizeHostPath(p) {
    const s = p.trim();
    if (!s.startsWith('/'))
        return undefined;
    const out = [];
    for (const part of s.split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..')
            out.pop();
        else
            out.push(part);
    }
    return '/' + out.join('/');
}
/** True when `p` is `base` or below it. */
function within(p, base) {
    return base === '/' ? true : p === base || p.startsWith(base + '/');
}
function hostPathVolumes(t) {
    const vols = t.spec.volumes;
    if (!Array.isArray(vols))
        return [];
    const out = [];
    vols.forEach((v, i) => {
        if (!(0,_podspec_js__WEBPACK_IMPORTED_MODULE_0__/* .isObj */ .sA)(v) || !(0,_podspec_js__WEBPACK_IMPORTED_MODULE_0__/* .isObj */ .sA)(v.hostPath))
            return;
        const hp = typeof v.hostPath.path === 'string' ? v.hostPath.path : '';
        out.push({
            name: typeof v.name === 'string' ? v.name : `volumes[${i}]`,
            hostPath: hp,
            normal: normalizeHostPath(hp),
            path: [...t.specPath, 'volumes', i, 'hostPath'],
            template: t,
            index: i,
        });
    });
    return out;
}
function allHostPathVolumes(obj) {
    return (0,_podspec_js__WEBPACK_IMPORTED_MODULE_0__/* .podTemplates */ .R7)(obj).flatMap(hostPathVolumes);
}
const hostPath = {
    meta: {
        id: 'host-path',
        title: 'hostPath volume',
        severity: 'medium',
        enabledByDefault: true,
        category: 'volumes',
        pss: 'baseline',
        cis: '5.2.12',
        rationale: "A hostPath volume gives the pod a piece of the node's filesystem: data of other pods, node credentials, or a foothold for escaping the container. It also ties the pod to one node's contents.",
        remediation: 'Use a PersistentVolumeClaim, emptyDir, ConfigMap, Secret or projected volume instead. Node agents that need host files belong in a separate, exempted namespace, mounted read-only.',
        example: 'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data\n  - name: tmp\n    emptyDir: {}',
        references: [PSS, HOSTPATH],
    },
    *check(obj) {
        for (const v of allHostPathVolumes(obj)) {
            yield {
                path: v.path,
                message: `volume "${v.name}" mounts the host path ${v.hostPath || '(empty)'}`,
                details: { volume: v.name, hostPath: v.hostPath },
            };
        }
    },
};
/** Host paths that expose node credentials, the kernel, devices or other pods' data. */
const SENSITIVE_HOST_PATHS = [
    '/',
    '/etc',
    '/proc',
    '/sys',
    '/dev',
    '/boot',
    '/root',
    '/var/lib/kubelet',
    '/var/lib/docker',
    '/var/lib/containerd',
    '/var/lib/etcd',
    '/etc/kubernetes',
    '/var/run',
    '/run',
];
/** Why `p` is sensitive: it is (under) a sensitive path, or it contains one (mounting /var exposes /var/lib/kubelet). */
function sensitiveReason(p, list) {
    for (const s of list) {
        if (s === '/' ? p === '/' : within(p, s))
            return p === s ? `${s} is sensitive` : `it is under ${s}`;
    }
    for (const s of list)
        if (within(s, p))
            return `it contains ${s}`;
    return undefined;
}
const sensitiveHostPath = {
    meta: {
        id: 'sensitive-host-path',
        title: 'Sensitive host path mounted',
        severity: 'high',
        enabledByDefault: true,
        category: 'volumes',
        pss: 'baseline',
        cis: '5.2.12',
        rationale: 'Host paths such as /, /etc, /proc, /sys, /dev, /var/lib/kubelet or /etc/kubernetes hold node credentials, kubelet and runtime state, and kernel interfaces: mounting them (or a parent of them) is usually a direct path to node compromise.',
        remediation: 'Do not mount these paths. If a node agent needs a specific file, mount that file alone, read-only, in a separate exempted namespace.',
        example: 'volumes:\n  - name: cache\n    emptyDir: {}',
        references: [PSS, HOSTPATH],
        options: {
            paths: {
                type: 'string[]',
                description: 'Host paths reported as sensitive (prefix match after normalisation).',
                default: SENSITIVE_HOST_PATHS,
            },
        },
    },
    *check(obj, ctx) {
        const opt = ctx.options.paths;
        const list = (Array.isArray(opt) ? opt.filter((x) => typeof x === 'string') : SENSITIVE_HOST_PATHS)
            .map(normalizeHostPath)
            .filter((x) => x !== undefined);
        for (const v of allHostPathVolumes(obj)) {
            if (v.normal === undefined)
                continue;
            const why = sensitiveReason(v.normal, list);
            if (!why)
                continue;
            yield {
                path: [...v.path, 'path'],
                message: `volume "${v.name}" mounts the sensitive host path ${v.hostPath}: ${why}`,
                details: { volume: v.name, hostPath: v.hostPath },
            };
        }
    },
};
/** Container runtime API sockets: whoever reaches one controls every container on the node. */
const RUNTIME_SOCKETS = [
    '/run/docker.sock',
    '/run/containerd/containerd.sock',
    '/run/crio/crio.sock',
    '/run/cri-dockerd.sock',
    '/run/dockershim.sock',
    '/run/docker/containerd/containerd.sock',
    '/run/k3s/containerd/containerd.sock',
    '/var/snap/microk8s/common/run/containerd.sock',
];
const SOCKET_NAMES = new Set(['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock']);
/** /var/run is a symlink to /run on every modern distribution. */
function canonicalRun(p) {
    return within(p, '/var/run') ? '/run' + p.slice('/var/run'.length) : p;
}
/** The runtime socket a host path exposes (itself, or one inside it), if any. */
function runtimeSocketIn(normal) {
    const p = canonicalRun(normal);
    const base = p.slice(p.lastIndexOf('/') + 1);
    if (SOCKET_NAMES.has(base))
        return normal;
    for (const s of RUNTIME_SOCKETS)
        if (within(s, p))
            return s;
    return undefined;
}
const containerRuntimeSocket = {
    meta: {
        id: 'container-runtime-socket',
        title: 'Container runtime socket mounted',
        severity: 'critical',
        enabledByDefault: true,
        category: 'volumes',
        pss: 'baseline',
        rationale: 'The Docker, containerd or CRI-O socket is the API that starts containers on the node. Whoever can reach it can start a privileged container with the host filesystem mounted: full node compromise, bypassing every admission control.',
        remediation: 'Do not mount runtime sockets or their directories. Build images with rootless builders (BuildKit rootless, kaniko-style tools) and read container metadata from the Kubernetes API instead.',
        example: 'volumes:\n  - name: workspace\n    emptyDir: {}',
        references: [
            PSS,
            HOSTPATH,
            'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/find-out-runtime-you-use/',
        ],
    },
    *check(obj) {
        for (const v of allHostPathVolumes(obj)) {
            if (v.normal === undefined)
                continue;
            const sock = runtimeSocketIn(v.normal);
            if (!sock)
                continue;
            yield {
                path: [...v.path, 'path'],
                message: sock === v.normal
                    ? `volume "${v.name}" mounts the container runtime socket ${v.hostPath}`
                    : `volume "${v.name}" mounts ${v.hostPath}, which contains the container runtime socket ${sock}`,
                details: { volume: v.name, hostPath: v.hostPath },
            };
        }
    },
};
const writableHostPath = {
    meta: {
        id: 'writable-host-path',
        title: 'Writable hostPath mount',
        severity: 'high',
        enabledByDefault: true,
        category: 'volumes',
        pss: 'baseline',
        rationale: "A hostPath mounted read-write lets the container change the node's files: plant binaries or cron jobs, alter kubelet or runtime state, fill the node's disk.",
        remediation: 'Mount hostPath volumes with `readOnly: true`, or replace them with a volume type that does not touch the node.',
        example: 'volumeMounts:\n  - name: varlog\n    mountPath: /var/log\n    readOnly: true',
        references: [PSS, HOSTPATH],
    },
    *check(obj) {
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_0__/* .podTemplates */ .R7)(obj)) {
            const vols = new Map(hostPathVolumes(t).map((v) => [v.name, v]));
            if (!vols.size)
                continue;
            for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_0__/* .containersOf */ .Mz)(t)) {
                const mounts = c.container.volumeMounts;
                if (!Array.isArray(mounts))
                    continue;
                for (let i = 0; i < mounts.length; i++) {
                    const m = mounts[i];
                    if (!(0,_podspec_js__WEBPACK_IMPORTED_MODULE_0__/* .isObj */ .sA)(m) || typeof m.name !== 'string')
                        continue;
                    const v = vols.get(m.name);
                    if (!v || (0,_podspec_js__WEBPACK_IMPORTED_MODULE_0__/* .boolOf */ .Ul)(m.readOnly) === true)
                        continue;
                    const path = [...c.path, 'volumeMounts', i, 'readOnly'];
                    yield {
                        path,
                        message: `${c.type} "${c.name}" mounts the hostPath volume "${v.name}" (${v.hostPath}) writable at ${typeof m.mountPath === 'string' ? m.mountPath : '?'}`,
                        fix: { description: 'mount it read-only', set: [{ path, value: true }] },
                        details: { container: c.name, containerType: c.type, volume: v.name, hostPath: v.hostPath },
                    };
                }
            }
        }
    },
};
/** Volume types the restricted Pod Security Standard allows. */
const RESTRICTED_VOLUME_TYPES = [
    'configMap',
    'csi',
    'downwardAPI',
    'emptyDir',
    'ephemeral',
    'persistentVolumeClaim',
    'projected',
    'secret',
];
const restrictedVolumeTypes = {
    meta: {
        id: 'restricted-volume-types',
        title: 'Volume type outside the restricted set',
        severity: 'low',
        enabledByDefault: true,
        category: 'volumes',
        pss: 'restricted',
        rationale: 'The restricted Pod Security Standard allows only volume types that do not reach the node or external storage directly (configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret). In-tree types such as nfs, iscsi or rbd bypass the PersistentVolume abstraction and its access controls.',
        remediation: 'Use a PersistentVolumeClaim (bound to a PersistentVolume of the needed type, managed by the cluster admin) or one of the allowed types.',
        example: 'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data',
        references: [PSS, 'https://kubernetes.io/docs/concepts/storage/volumes/'],
    },
    *check(obj) {
        const allowed = new Set(RESTRICTED_VOLUME_TYPES);
        for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_0__/* .podTemplates */ .R7)(obj)) {
            const vols = t.spec.volumes;
            if (!Array.isArray(vols))
                continue;
            for (let i = 0; i < vols.length; i++) {
                const v = vols[i];
                if (!(0,_podspec_js__WEBPACK_IMPORTED_MODULE_0__/* .isObj */ .sA)(v))
                    continue;
                // a volume with no source is an emptyDir
                const type = Object.keys(v).find((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
                if (!type || allowed.has(type))
                    continue;
                yield {
                    path: [...t.specPath, 'volumes', i, type],
                    message: `volume "${typeof v.name === 'string' ? v.name : i}" is of type ${type}, outside the restricted set`,
                    details: { volume: typeof v.name === 'string' ? v.name : String(i), type },
                };
            }
        }
    },
};
const rules = [
    hostPath,
    sensitiveHostPath,
    containerRuntimeSocket,
    writableHostPath,
    restrictedVolumeTypes,
];


/***/ }),

/***/ 11160:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LE: () => (/* binding */ createSuppressor),
/* harmony export */   Nj: () => (/* binding */ suppressionRules)
/* harmony export */ });
/* unused harmony exports IGNORE_ANNOTATION, INLINE_MARKER, invalidSuppression, expiredExemption, isoDate, isExpired, parseIgnoreAnnotation, parseInlineComment, inlineCommentOf, pathWithin, objectKeys */
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(14006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44146);
/* harmony import */ var _rules_podspec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75495);
/**
 * Suppressions: the engine's `suppress` hook. Four forms, tried in this order:
 *   1. annotation `kubeward.io/ignore.<container>: "rule-a,rule-b -- reason"` (container-scoped)
 *   2. annotation `kubeward.io/ignore: "rule-a,rule-b -- reason"` (whole object)
 *   3. inline comment `# kubeward-ignore rule-a,rule-b reason` on the finding's line or the line above
 *   4. config exemptions (rules, objects, paths, reason, expires)
 * A suppression without a reason is not applied. That, and an unknown rule id in an annotation
 * or comment, is reported as an `info` finding of rule `invalid-suppression`; an expired
 * exemption stops applying and is reported as an `info` finding of rule `expired-exemption`.
 * (Findings, not Report.errors: they must not turn a run into "input errors, exit 2".)
 */



const IGNORE_ANNOTATION = 'kubeward.io/ignore';
const INLINE_MARKER = 'kubeward-ignore';
/** Reported (not checked) by the suppressor: a suppression that is not applied. */
const invalidSuppression = {
    meta: {
        id: 'invalid-suppression',
        title: 'Suppression that is not applied',
        severity: 'info',
        enabledByDefault: true,
        category: 'configuration',
        rationale: 'A `kubeward.io/ignore` annotation or `# kubeward-ignore` comment without a reason cannot be reviewed, so kubeward does not apply it; one that names a rule id that does not exist silences nothing. Either way the author believes a finding is accepted while it is not.',
        remediation: 'Give the rule ids and a reason: `kubeward.io/ignore: "rule-a,rule-b -- why"` on the object (or `kubeward.io/ignore.<container>` for one container), or `# kubeward-ignore rule-a why` on the reported line or the line above. `kubeward rules` lists the rule ids; docs/configuration.md describes every form.',
        example: 'metadata:\n  annotations:\n    kubeward.io/ignore: "host-network -- node-exporter reads host metrics"',
        references: [],
    },
};
/** Reported (not checked) by the suppressor: a config exemption past its `expires` date. */
const expiredExemption = {
    meta: {
        id: 'expired-exemption',
        title: 'Expired exemption',
        severity: 'info',
        enabledByDefault: true,
        category: 'configuration',
        rationale: 'An exemption in `.kubeward.yaml` accepted some findings until its `expires` date. After that date it no longer applies: the findings it covered are reported again, and this finding says why they came back.',
        remediation: 'Fix the findings and remove the exemption, or, if the exception still holds, review the reason and move `expires` to a new date (docs/configuration.md, "Config exemptions").',
        example: 'exemptions:\n  - rules: [host-network]\n    objects: [DaemonSet/monitoring/node-exporter]\n    reason: node metrics need the host network\n    expires: 2027-09-30',
        references: [],
    },
};
/** The rules whose findings the suppressor reports. Add them to the catalog for docs and SARIF metadata. */
const suppressionRules = [invalidSuppression, expiredExemption];
/** Today's date (UTC) as YYYY-MM-DD. */
function isoDate(d) {
    return d.toISOString().slice(0, 10);
}
/** An exemption is expired once its `expires` date has passed (it applies through that day, UTC). */
function isExpired(e, now = new Date()) {
    return e.expires !== undefined && e.expires < isoDate(now);
}
/** Parses an annotation value `rule-a,rule-b -- reason`. reason is '' when missing. */
function parseIgnoreAnnotation(value) {
    const m = /^(.*?)(?:\s+--\s*|\s*--\s+|--$)(.*)$/s.exec(value.trim());
    const rulesPart = m ? m[1] : value;
    const reason = m ? m[2].trim() : '';
    return { rules: splitRules(rulesPart), reason };
}
/** Parses the text after `# kubeward-ignore`: `rule-a,rule-b reason` (a leading `--` or `:` before the reason is dropped). */
function parseInlineComment(rest) {
    const t = rest.trim();
    const m = /^([^\s,:]+(?:\s*,\s*[^\s,:]+)*)(.*)$/s.exec(t);
    if (!m)
        return { rules: [], reason: '' };
    return {
        rules: splitRules(m[1]),
        reason: m[2]
            .trim()
            .replace(/^(--|:|-)\s*/, '')
            .trim(),
    };
}
function splitRules(s) {
    return s
        .split(/[\s,]+/)
        .map((x) => x.trim())
        .filter(Boolean);
}
const INLINE = /(?:^|\s)#\s*kubeward-ignore(?=\s|$)(.*)$/;
/** The `# kubeward-ignore` comment on a line, if any; `commentOnly` when the line holds nothing else. */
function inlineCommentOf(line) {
    const m = INLINE.exec(line);
    if (!m)
        return undefined;
    return { spec: parseInlineComment(m[1]), commentOnly: /^\s*#/.test(line) };
}
function ruleMatcher(patterns) {
    return patterns.length ? picomatch__WEBPACK_IMPORTED_MODULE_2___default()(patterns) : () => false;
}
/** Does a finding path lie inside the field at `prefix` (formatPath form)? */
function pathWithin(path, prefix) {
    return path === prefix || path.startsWith(prefix + '.') || path.startsWith(prefix + '[');
}
/** Strings `Kind/namespace/name` (namespaced) or `Kind/name` an object is matched as. */
function objectKeys(f) {
    const o = f.object;
    if (!o)
        return [];
    if (o.namespace)
        return [`${o.kind}/${o.namespace}/${o.name}`];
    return [`${o.kind}/${o.name}`, `${o.kind}/default/${o.name}`];
}
function createSuppressor(opts = {}) {
    const useAnnotations = opts.annotations ?? true;
    const useInline = opts.inline ?? true;
    const now = opts.now ?? new Date();
    const notes = [];
    const noted = new Set();
    const note = (rule, n) => {
        const setting = opts.settings?.(rule.meta) ?? { enabled: rule.meta.enabledByDefault, severity: rule.meta.severity };
        if (!setting.enabled)
            return;
        const fp = (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprint */ .Rj)(rule.meta.id, n.object, n.key, n.location?.file);
        if (noted.has(fp))
            return;
        noted.add(fp);
        notes.push({
            ruleId: rule.meta.id,
            severity: setting.severity,
            category: rule.meta.category,
            title: rule.meta.title,
            message: n.message,
            path: n.path ?? '',
            fingerprint: fp,
            ...(n.object ? { object: n.object } : {}),
            ...(n.location ? { location: n.location } : {}),
            ...(n.origin ? { origin: n.origin } : {}),
        });
    };
    // Config exemptions: expired ones stop applying and are reported once.
    const exemptions = [];
    for (const e of opts.exemptions ?? []) {
        if (isExpired(e, now)) {
            note(expiredExemption, {
                message: `the exemption for ${e.rules.join(', ')} expired on ${e.expires} (reason: ${e.reason}); the findings it covered are reported again. Renew or remove it`,
                location: { file: e.file, line: e.line, column: e.column },
                key: `exemption:${e.rules.join(',')}:${e.objects.join(',')}:${e.paths.join(',')}:${e.expires}`,
            });
            continue;
        }
        exemptions.push({
            e,
            rules: ruleMatcher(e.rules),
            ...(e.objects.length ? { objects: picomatch__WEBPACK_IMPORTED_MODULE_2___default()(e.objects, { nocase: true }) } : {}),
            ...(e.paths.length ? { paths: picomatch__WEBPACK_IMPORTED_MODULE_2___default()(e.paths, { dot: true }) } : {}),
        });
    }
    const unknownRules = (spec) => opts.knownRules ? spec.rules.filter((r) => !/[*?[\]{}]/.test(r) && !opts.knownRules?.has(r)) : [];
    // Annotations, parsed once per object.
    const annotationCache = new WeakMap();
    const annotationsOf = (obj) => {
        const cached = annotationCache.get(obj);
        if (cached)
            return cached;
        const entries = [];
        let containers;
        const sources = [
            { metaPath: ['metadata'], annotations: (0,_rules_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(obj.data.metadata) ? obj.data.metadata.annotations : undefined },
        ];
        for (const t of (0,_rules_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
            if ((0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPath */ .jV)(t.metaPath) === 'metadata')
                continue; // a Pod's template metadata is its own
            sources.push({ metaPath: t.metaPath, annotations: t.metadata.annotations, specPath: t.specPath });
        }
        for (const src of sources) {
            if (!(0,_rules_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(src.annotations))
                continue;
            for (const [key, value] of Object.entries(src.annotations)) {
                let container;
                if (key === IGNORE_ANNOTATION)
                    container = undefined;
                else if (key.startsWith(IGNORE_ANNOTATION + '.'))
                    container = key.slice(IGNORE_ANNOTATION.length + 1);
                else
                    continue;
                const fieldPath = [...src.metaPath, 'annotations', key];
                const at = {
                    object: obj.ref,
                    path: (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPath */ .jV)(fieldPath),
                    key: (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPath */ .jV)(fieldPath),
                    origin: obj.origin,
                    ...(obj.locate?.(fieldPath) ? { location: obj.locate(fieldPath) } : {}),
                };
                const label = `annotation ${key}`;
                if (typeof value !== 'string') {
                    note(invalidSuppression, {
                        ...at,
                        message: `${label} must be a string "rule-a,rule-b -- reason": the suppression is not applied`,
                    });
                    continue;
                }
                const spec = parseIgnoreAnnotation(value);
                if (!spec.rules.length || !spec.reason) {
                    note(invalidSuppression, {
                        ...at,
                        message: `${label} has no ${spec.rules.length ? 'reason' : 'rule ids'} (write "rule-a,rule-b -- reason"): the suppression is not applied`,
                    });
                    continue;
                }
                const unknown = unknownRules(spec);
                if (unknown.length) {
                    note(invalidSuppression, {
                        ...at,
                        message: `${label} names ${unknown.length > 1 ? 'unknown rules' : 'an unknown rule'} ${unknown.join(', ')}: ${unknown.length > 1 ? 'they suppress' : 'it suppresses'} nothing`,
                    });
                }
                const entry = { ...spec, matches: ruleMatcher(spec.rules) };
                if (container !== undefined) {
                    const specPrefix = src.specPath ? (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPath */ .jV)(src.specPath) : undefined;
                    containers ??= (0,_rules_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj);
                    entry.containerPaths = containers
                        .filter((c) => c.name === container)
                        .map((c) => (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPath */ .jV)(c.path))
                        .filter((p) => !specPrefix || pathWithin(p, specPrefix));
                }
                entries.push(entry);
            }
        }
        annotationCache.set(obj, entries);
        return entries;
    };
    // Source lines per file, for inline comments.
    const lineCache = new Map();
    const linesOf = (obj) => {
        const src = obj.source;
        if (!src)
            return undefined;
        let lines = lineCache.get(src.file);
        if (!lines) {
            lines = src.fileText.split(/\r?\n/);
            lineCache.set(src.file, lines);
        }
        return lines;
    };
    const inspectedFiles = new Set();
    /** Whether a file mentions the inline marker at all: searched once per file, not per finding. */
    const markerIn = new Map();
    const hasMarker = (src) => {
        let has = markerIn.get(src.file);
        if (has === undefined)
            markerIn.set(src.file, (has = src.fileText.includes(INLINE_MARKER)));
        return has;
    };
    const inlineFor = (f, obj) => {
        const line = f.location?.line;
        if (!line || !obj.source || f.location?.file !== obj.source.file)
            return undefined;
        if (!hasMarker(obj.source))
            return undefined;
        const lines = linesOf(obj);
        if (!lines)
            return undefined;
        const here = lines[line - 1] !== undefined ? inlineCommentOf(lines[line - 1]) : undefined;
        const above = line >= 2 ? inlineCommentOf(lines[line - 2]) : undefined;
        for (const c of [here, above?.commentOnly ? above : undefined]) {
            if (c && c.spec.reason && ruleMatcher(c.spec.rules)(f.ruleId))
                return c.spec;
        }
        return undefined;
    };
    return {
        suppress(f, obj) {
            if (obj && useAnnotations) {
                const entries = annotationsOf(obj);
                for (const e of entries) {
                    if (!e.containerPaths || !e.matches(f.ruleId))
                        continue;
                    if (e.containerPaths.some((p) => pathWithin(f.path, p)))
                        return { kind: 'annotation', reason: e.reason };
                }
                for (const e of entries) {
                    if (!e.containerPaths && e.matches(f.ruleId))
                        return { kind: 'annotation', reason: e.reason };
                }
            }
            if (obj && useInline) {
                const spec = inlineFor(f, obj);
                if (spec)
                    return { kind: 'inline', reason: spec.reason };
            }
            for (const x of exemptions) {
                if (!x.rules(f.ruleId))
                    continue;
                if (x.objects && !objectKeys(f).some((k) => x.objects?.(k)))
                    continue;
                if (x.paths && !(f.location?.file && x.paths(f.location.file)))
                    continue;
                return { kind: 'config', reason: x.e.reason, ...(x.e.expires ? { expires: x.e.expires } : {}) };
            }
            return undefined;
        },
        inspect(objects) {
            for (const obj of objects) {
                if (useAnnotations)
                    annotationsOf(obj);
                if (!useInline || !obj.source || inspectedFiles.has(obj.source.file))
                    continue;
                inspectedFiles.add(obj.source.file);
                if (!hasMarker(obj.source))
                    continue;
                const lines = linesOf(obj) ?? [];
                lines.forEach((text, i) => {
                    const c = inlineCommentOf(text);
                    if (!c)
                        return;
                    const file = obj.source?.file ?? '';
                    const at = {
                        location: { file, line: i + 1, column: text.indexOf('#') + 1 },
                        key: `inline:${text.trim()}`,
                    };
                    if (!c.spec.rules.length || !c.spec.reason) {
                        note(invalidSuppression, {
                            ...at,
                            message: `"# ${INLINE_MARKER}" without ${c.spec.rules.length ? 'a reason' : 'a rule id'} (write "# ${INLINE_MARKER} rule-id reason"): the suppression is not applied`,
                        });
                        return;
                    }
                    const unknown = unknownRules(c.spec);
                    if (unknown.length) {
                        note(invalidSuppression, {
                            ...at,
                            message: `"# ${INLINE_MARKER}" names ${unknown.length > 1 ? 'unknown rules' : 'an unknown rule'} ${unknown.join(', ')}: ${unknown.length > 1 ? 'they suppress' : 'it suppresses'} nothing`,
                        });
                    }
                });
            }
        },
        findings() {
            return [...notes];
        },
    };
}


/***/ }),

/***/ 72020:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ editDistance)
/* harmony export */ });
/** Small text helpers shared by the core and the adapters (a leaf module: imports nothing). */
/** Levenshtein edit distance (for "did you mean" suggestions on short names). */
function editDistance(a, b) {
    if (a === b)
        return 0;
    const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const up = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = up;
        }
    }
    return prev[b.length];
}


/***/ }),

/***/ 34793:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ev: () => (/* binding */ annotateInputErrors),
/* harmony export */   OE: () => (/* binding */ ANNOTATION_LIMIT),
/* harmony export */   fz: () => (/* binding */ annotate)
/* harmony export */ });
/* unused harmony export levelOf */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/** Workflow annotations: most severe first, within GitHub's 10 per type per step. */

const ANNOTATION_LIMIT = 10;
function levelOf(s) {
    return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'notice';
}
/** Emits annotations for findings (already sorted most severe first); `used`: annotations already made. */
function annotate(findings, used = {}) {
    const shown = { error: 0, warning: 0, notice: 0, ...used };
    let notShown = 0;
    for (const f of findings) {
        const level = levelOf(f.severity);
        if (shown[level] >= ANNOTATION_LIMIT) {
            notShown++;
            continue;
        }
        shown[level]++;
        const loc = f.location;
        const props = { title: `${f.ruleId}: ${f.title}` };
        if (loc && !loc.file.startsWith('<')) {
            props.file = loc.file;
            props.startLine = loc.line;
            const end = loc.endLine ?? loc.line;
            props.endLine = end;
            // GitHub uses columns only for single-line annotations
            if (end === loc.line) {
                props.startColumn = loc.column;
                if (loc.endColumn !== undefined && loc.endColumn > loc.column)
                    props.endColumn = loc.endColumn;
            }
        }
        const where = !loc && f.object ? ` (${f.object.kind}/${f.object.name})` : '';
        const msg = `[${f.severity}] ${f.message}${where}${f.secretPreview ? ` (${f.secretPreview})` : ''}`;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__[level](msg, props);
    }
    return { shown, notShown };
}
/** Input errors (unreadable files, rules that failed) as warnings, first: they say results are missing. */
function annotateInputErrors(errors) {
    let n = 0;
    for (const e of errors.slice(0, ANNOTATION_LIMIT)) {
        const props = { title: 'kubeward: input error' };
        if (e.file && !e.file.startsWith('<'))
            props.file = e.file;
        if (e.line)
            props.startLine = e.line;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(e.message, props);
        n++;
    }
    return n;
}


/***/ }),

/***/ 19556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ readContext)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/** The run's GitHub context, read from the runner's environment and event payload (no Octokit needed). */

function readContext(env = process.env) {
    const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
    const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
    const ctx = {
        owner,
        repo,
        sha: env.GITHUB_SHA ?? '',
        serverUrl,
        apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
        workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
        eventName: env.GITHUB_EVENT_NAME ?? '',
        ...(env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
            ? { runUrl: `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` }
            : {}),
    };
    let payload = {};
    if (env.GITHUB_EVENT_PATH) {
        try {
            payload = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
        }
        catch {
            payload = {};
        }
    }
    const pr = payload.pull_request;
    const number = pr?.number ?? payload.number;
    if (pr && typeof number === 'number' && pr.head?.sha) {
        const head = pr.head.repo?.full_name;
        const base = pr.base?.repo?.full_name ?? `${owner}/${repo}`;
        ctx.pullRequest = { number, headSha: pr.head.sha, fromFork: !!head && head !== base };
    }
    return ctx;
}


/***/ }),

/***/ 65446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ko: () => (/* binding */ readInputs),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   ry: () => (/* binding */ splitList)
/* harmony export */ });
/* unused harmony export COMMENT_MODES */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/* harmony import */ var _core_model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44146);
/** Every action input, read and validated in one place. */


const COMMENT_MODES = ['sticky', 'review', 'both', 'off'];
/** An input the user got wrong: reported as a failure with the input's name. */
class InputError extends Error {
    name = 'InputError';
}
function opt(name) {
    const v = _actions_core__WEBPACK_IMPORTED_MODULE_0__.getInput(name).trim();
    return v === '' ? undefined : v;
}
function bool(name, dflt) {
    const v = opt(name);
    if (v === undefined)
        return dflt;
    if (/^(true|yes|on|1)$/i.test(v))
        return true;
    if (/^(false|no|off|0)$/i.test(v))
        return false;
    throw new InputError(`input ${name} must be true or false, got "${v}"`);
}
function oneOf(name, allowed, dflt) {
    const v = opt(name)?.toLowerCase() ?? dflt;
    if (!allowed.includes(v)) {
        throw new InputError(`input ${name} must be one of ${allowed.join(', ')}, got "${v}"`);
    }
    return v;
}
/** Paths from a newline- or comma-separated list. */
function splitList(v) {
    return (v ?? '')
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
function readInputs() {
    const failOn = opt('fail-on')?.toLowerCase() ?? 'high';
    if (failOn !== 'none' && !(0,_core_model_js__WEBPACK_IMPORTED_MODULE_1__/* .isSeverity */ ._Z)(failOn)) {
        throw new InputError(`input fail-on must be one of ${[..._core_model_js__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .oC, 'none'].join(', ')}, got "${failOn}"`);
    }
    const paths = splitList(opt('paths'));
    return {
        mode: oneOf('mode', ['scan', 'verify'], 'scan'),
        paths: paths.length > 0 ? paths : ['.'],
        config: opt('config'),
        profile: opt('profile'),
        failOn,
        sarifFile: opt('sarif-file') ?? 'kubeward.sarif',
        comment: oneOf('comment', COMMENT_MODES, 'both'),
        suggestions: bool('suggestions', true),
        onlyNew: bool('only-new', false),
        githubToken: opt('github-token') ?? '',
        annotations: bool('annotations', true),
        verify: {
            kubeconfig: opt('kubeconfig'),
            context: opt('context'),
            namespace: opt('namespace'),
            manifests: opt('manifests'),
            timeout: opt('timeout'),
        },
    };
}


/***/ }),

/***/ 31738:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(96421);
/* harmony import */ var _core_model_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(44146);
/* harmony import */ var _pr_client_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(84091);
/* harmony import */ var _annotations_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(34793);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(19556);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(65446);
/* harmony import */ var _core_version_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(83323);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(92935);
/**
 * The action, start to finish: inputs -> scan -> SARIF, annotations, PR comments, job summary,
 * outputs. Returns the failure message (if any) for main.ts; never calls core.setFailed itself.
 */










const PERMISSIONS_HINT = 'Give the workflow `permissions: pull-requests: write` (and `contents: read`) to get PR comments; ' +
    'pull requests from forks get a read-only token on `pull_request` events.';
async function run() {
    const inputs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_6__/* .readInputs */ .Ko)();
    _actions_core__WEBPACK_IMPORTED_MODULE_2__.info(`kubeward: ${inputs.mode} ${inputs.paths.join(', ')}`);
    if (inputs.mode === 'verify') {
        const { runVerify } = await Promise.all(/* import() */[__webpack_require__.e(221), __webpack_require__.e(377), __webpack_require__.e(701), __webpack_require__.e(319)]).then(__webpack_require__.bind(__webpack_require__, 56319));
        return runVerify(inputs);
    }
    return runScan(inputs, (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .readContext */ .y)());
}
function filterReport(report, keep) {
    const findings = report.findings.filter(keep);
    return { ...report, findings, counts: (0,_core_model_js__WEBPACK_IMPORTED_MODULE_3__/* .countBySeverity */ .Ot)(findings) };
}
async function runScan(inputs, ctx) {
    const { scan } = await Promise.all(/* import() */[__webpack_require__.e(221), __webpack_require__.e(463), __webpack_require__.e(377), __webpack_require__.e(238)]).then(__webpack_require__.bind(__webpack_require__, 49238));
    const sarifPath = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(ctx.workspace, inputs.sarifFile);
    let report;
    try {
        report = await scan({
            paths: inputs.paths,
            cwd: ctx.workspace,
            ...(inputs.failOn !== 'none' ? { failOn: inputs.failOn } : {}),
            ...(inputs.config ? { configFile: inputs.config } : {}),
            ...(inputs.profile ? { profile: inputs.profile } : {}),
        });
    }
    catch (e) {
        // a configuration error stops the scan: still leave a (empty) SARIF file for the upload step
        await writeSarif(sarifPath, emptyReport(inputs)).catch(() => undefined);
        throw e;
    }
    if (inputs.failOn === 'none')
        report = { ...report, failOn: 'none' };
    const notes = [];
    const pr = ctx.pullRequest;
    // The PR client, when there is a PR and something to do with it.
    const wantsPr = inputs.comment !== 'off' || inputs.onlyNew;
    let client;
    let files;
    let diffs;
    if (pr && wantsPr && inputs.githubToken) {
        const { githubClient, retryOptions } = await __webpack_require__.e(/* import() */ 184).then(__webpack_require__.bind(__webpack_require__, 77184));
        client = await githubClient(inputs.githubToken);
        const target = { client, owner: ctx.owner, repo: ctx.repo, pullNumber: pr.number, headSha: pr.headSha };
        if (inputs.onlyNew) {
            try {
                const pr_ = await Promise.all(/* import() */[__webpack_require__.e(221), __webpack_require__.e(377), __webpack_require__.e(487)]).then(__webpack_require__.bind(__webpack_require__, 487));
                files = await pr_.fetchPullFiles({ ...target, retry: retryOptions() });
                diffs = pr_.diffsOf(files);
                const before = report.findings.length;
                report = filterReport(report, (f) => pr_.findingsOnChangedLines([f], diffs).length === 1);
                notes.push(`only-new: ${report.findings.length} of ${before} findings are on lines this pull request changes.`);
            }
            catch (e) {
                const msg = `only-new: could not read the pull request's files (${describe(e)}); reporting every finding.`;
                _actions_core__WEBPACK_IMPORTED_MODULE_2__.notice(msg);
                notes.push(msg);
            }
        }
    }
    else if (inputs.onlyNew) {
        const msg = pr
            ? 'only-new needs github-token to read the pull request: reporting every finding.'
            : 'only-new applies to pull requests only: reporting every finding.';
        _actions_core__WEBPACK_IMPORTED_MODULE_2__.notice(msg);
        notes.push(msg);
    }
    // SARIF: always written, also when there is nothing to report.
    await writeSarif(sarifPath, report);
    if (inputs.annotations) {
        const warned = (0,_annotations_js__WEBPACK_IMPORTED_MODULE_4__/* .annotateInputErrors */ .Ev)(report.errors);
        const a = (0,_annotations_js__WEBPACK_IMPORTED_MODULE_4__/* .annotate */ .fz)(report.findings, { warning: warned });
        if (a.notShown > 0) {
            notes.push(`${a.notShown} more finding(s) have no annotation: GitHub shows at most ${_annotations_js__WEBPACK_IMPORTED_MODULE_4__/* .ANNOTATION_LIMIT */ .OE} errors, ${_annotations_js__WEBPACK_IMPORTED_MODULE_4__/* .ANNOTATION_LIMIT */ .OE} warnings and ${_annotations_js__WEBPACK_IMPORTED_MODULE_4__/* .ANNOTATION_LIMIT */ .OE} notices per step. All are in the table below and in the SARIF file.`);
        }
    }
    else {
        for (const e of report.errors)
            _actions_core__WEBPACK_IMPORTED_MODULE_2__.info(`input error: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
    }
    // PR comments.
    if (pr && inputs.comment !== 'off') {
        if (!inputs.githubToken) {
            notes.push('No github-token: PR comments skipped.');
        }
        else if (pr.fromFork && ctx.eventName === 'pull_request') {
            const msg = `kubeward: this pull request comes from a fork, whose token is read-only: findings are reported as annotations and in the job summary only.`;
            _actions_core__WEBPACK_IMPORTED_MODULE_2__.notice(msg);
            notes.push(msg);
        }
        else if (client) {
            await publishToPr(inputs, ctx, report, client, files, notes);
        }
    }
    await (0,_summary_js__WEBPACK_IMPORTED_MODULE_7__/* .writeSummary */ .Sy)(report, ctx, notes);
    const failOn = inputs.failOn;
    const failed = failOn !== 'none' && (0,_core_model_js__WEBPACK_IMPORTED_MODULE_3__/* .failsThreshold */ .Lh)(report, failOn);
    _actions_core__WEBPACK_IMPORTED_MODULE_2__.setOutput('findings', report.findings.length);
    for (const s of _core_model_js__WEBPACK_IMPORTED_MODULE_3__/* .SEVERITIES */ .oC)
        if (s !== 'info')
            _actions_core__WEBPACK_IMPORTED_MODULE_2__.setOutput(s, report.counts[s]);
    _actions_core__WEBPACK_IMPORTED_MODULE_2__.setOutput('sarif-file', sarifPath);
    _actions_core__WEBPACK_IMPORTED_MODULE_2__.setOutput('passed', String(!failed));
    const total = report.findings.length;
    _actions_core__WEBPACK_IMPORTED_MODULE_2__.info(`kubeward: ${total} finding(s) in ${report.filesScanned} file(s), ${report.durationMs} ms`);
    if (failed) {
        const n = report.findings.filter((f) => (0,_core_model_js__WEBPACK_IMPORTED_MODULE_3__/* .atLeast */ .jZ)(f.severity, failOn)).length;
        return { failure: `kubeward: ${n} finding(s) at or above ${failOn}` };
    }
    return {};
}
async function writeSarif(file, report) {
    const { formatReport } = await __webpack_require__.e(/* import() */ 701).then(__webpack_require__.bind(__webpack_require__, 75701));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(file), { recursive: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, formatReport(report, 'sarif'));
}
function emptyReport(inputs) {
    return {
        tool: { name: 'kubeward', version: _core_version_js__WEBPACK_IMPORTED_MODULE_8__/* .VERSION */ .x },
        findings: [],
        suppressed: [],
        counts: (0,_core_model_js__WEBPACK_IMPORTED_MODULE_3__/* .countBySeverity */ .Ot)([]),
        filesScanned: 0,
        objectsScanned: 0,
        skipped: [],
        errors: [],
        notVerified: [],
        failOn: (inputs.failOn === 'none' ? 'none' : inputs.failOn),
        durationMs: 0,
    };
}
function describe(e) {
    const info = (0,_pr_client_js__WEBPACK_IMPORTED_MODULE_9__/* .httpError */ .p2)(e);
    return info ? `HTTP ${info.status}: ${info.message}` : e.message;
}
async function publishToPr(inputs, ctx, report, client, files, notes) {
    const pr = ctx.pullRequest;
    const { retryOptions } = await __webpack_require__.e(/* import() */ 184).then(__webpack_require__.bind(__webpack_require__, 77184));
    const { publishStickyComment, publishReview } = await Promise.all(/* import() */[__webpack_require__.e(221), __webpack_require__.e(377), __webpack_require__.e(487)]).then(__webpack_require__.bind(__webpack_require__, 487));
    const target = {
        client,
        owner: ctx.owner,
        repo: ctx.repo,
        pullNumber: pr.number,
        headSha: pr.headSha,
        serverUrl: ctx.serverUrl,
        retry: retryOptions(),
    };
    const fallback = (what, e) => {
        const msg = `kubeward could not post the ${what} (${describe(e)}): findings are reported as annotations and in the job summary only. ${PERMISSIONS_HINT}`;
        _actions_core__WEBPACK_IMPORTED_MODULE_2__.notice(msg);
        notes.push(msg);
    };
    let denied = false;
    if (inputs.comment === 'review' || inputs.comment === 'both') {
        try {
            const r = await publishReview({
                ...target,
                report,
                suggestions: inputs.suggestions,
                ...(files ? { files } : {}),
                readFile: async (p) => {
                    const full = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(ctx.workspace, p);
                    if (!full.startsWith(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(ctx.workspace) + (node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)))
                        return undefined;
                    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(full, 'utf8');
                },
                log: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_2__.info(m),
            });
            _actions_core__WEBPACK_IMPORTED_MODULE_2__.info(`kubeward: review with ${r.posted} comment(s) (${r.suggestions} suggestion(s)); ${r.alreadyCommented} already commented, ${r.outsideDiff} outside the diff`);
            if (r.rejected) {
                const msg = `GitHub refused ${r.rejected.count} review comment(s): ${r.rejected.message}`;
                _actions_core__WEBPACK_IMPORTED_MODULE_2__.warning(msg);
                notes.push(msg);
            }
        }
        catch (e) {
            if ((0,_pr_client_js__WEBPACK_IMPORTED_MODULE_9__/* .isPermissionError */ .gj)(e) || (0,_pr_client_js__WEBPACK_IMPORTED_MODULE_9__/* .httpError */ .p2)(e)?.status === 404) {
                denied = true;
                fallback('review', e);
            }
            else {
                _actions_core__WEBPACK_IMPORTED_MODULE_2__.warning(`kubeward: the review failed: ${describe(e)}`);
            }
        }
    }
    if (!denied && (inputs.comment === 'sticky' || inputs.comment === 'both')) {
        try {
            const r = await publishStickyComment({ ...target, report, ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}) });
            _actions_core__WEBPACK_IMPORTED_MODULE_2__.info(`kubeward: ${r.action} the PR comment ${r.url ?? r.id}`);
        }
        catch (e) {
            if ((0,_pr_client_js__WEBPACK_IMPORTED_MODULE_9__/* .isPermissionError */ .gj)(e) || (0,_pr_client_js__WEBPACK_IMPORTED_MODULE_9__/* .httpError */ .p2)(e)?.status === 404)
                fallback('PR comment', e);
            else
                _actions_core__WEBPACK_IMPORTED_MODULE_2__.warning(`kubeward: the PR comment failed: ${describe(e)}`);
        }
    }
}


/***/ }),

/***/ 92935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sy: () => (/* binding */ writeSummary)
/* harmony export */ });
/* unused harmony exports SUMMARY_BYTES, SUMMARY_LIMIT, summaryMarkdown */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/* harmony import */ var _pr_escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87027);
/* harmony import */ var _pr_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28137);
/** The job summary (GitHub caps it at 1 MiB per step). */



/** GitHub's limit on a step's summary, in bytes. */
const SUMMARY_BYTES = 1024 * 1024;
/** Characters to aim for first (markdown is mostly ASCII), shrunk while the UTF-8 size is over the limit. */
const SUMMARY_LIMIT = 1_000_000;
function summaryMarkdown(report, ctx, notes) {
    const sha = ctx.pullRequest?.headSha ?? ctx.sha;
    let md = '';
    for (let max = SUMMARY_LIMIT; max > 1000; max = Math.floor(max * 0.8)) {
        md = render(report, ctx, notes, sha, max);
        if (Buffer.byteLength(md, 'utf8') < SUMMARY_BYTES - 1024)
            break;
    }
    return md;
}
function render(report, ctx, notes, sha, maxLength) {
    return (0,_pr_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .renderMarkdown */ .Gc)(report, {
        maxLength,
        chart: true,
        notes: notes.map(_pr_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV),
        ...(ctx.owner && sha ? { fileUrlPrefix: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/blob/${sha}/` } : {}),
        footer: `<sub>kubeward ${report.tool.version} · ${report.durationMs} ms</sub>`,
    });
}
async function writeSummary(report, ctx, notes) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.summary.addRaw(summaryMarkdown(report, ctx, notes), true).write();
}


/***/ }),

/***/ 84091:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   En: () => (/* binding */ paginate),
/* harmony export */   T1: () => (/* binding */ call),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   gj: () => (/* binding */ isPermissionError),
/* harmony export */   p2: () => (/* binding */ httpError)
/* harmony export */ });
/* unused harmony export rateLimitWait */
/**
 * The GitHub REST surface the PR publishers need, vendor-neutral: any Octokit (`octokit.request`)
 * fits. Retries rate limits (429, secondary limits) with Retry-After or backoff, bounded.
 */
function httpError(e) {
    if (typeof e !== 'object' || e === null)
        return undefined;
    const err = e;
    if (typeof err.status !== 'number')
        return undefined;
    const dataMessage = err.response?.data?.message;
    return {
        status: err.status,
        message: typeof dataMessage === 'string' ? dataMessage : String(err.message ?? ''),
        headers: err.response?.headers ?? {},
    };
}
function header(h, name) {
    const v = h[name] ?? h[name.toLowerCase()];
    return v === undefined ? undefined : String(v);
}
/** Rate limited (primary exhausted, secondary, or 429): how long to wait, or undefined if not a limit. */
function rateLimitWait(info, attempt, base, now = Date.now()) {
    const retryAfter = header(info.headers, 'retry-after');
    const remaining = header(info.headers, 'x-ratelimit-remaining');
    const limited = info.status === 429 ||
        (info.status === 403 && (retryAfter !== undefined || remaining === '0' || /rate limit/i.test(info.message)));
    if (!limited)
        return undefined;
    if (retryAfter !== undefined && /^\d+$/.test(retryAfter))
        return Number(retryAfter) * 1000;
    const reset = header(info.headers, 'x-ratelimit-reset');
    if (remaining === '0' && reset && /^\d+$/.test(reset))
        return Math.max(0, Number(reset) * 1000 - now) + 1000;
    return base * 2 ** attempt;
}
/** True for "this token may not do that": 403 (not a rate limit) or 404 on a write. */
function isPermissionError(e) {
    const info = httpError(e);
    if (!info)
        return false;
    return (info.status === 403 && rateLimitWait(info, 0, 0) === undefined) || info.status === 401;
}
const defaultSleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Runs `fn`, retrying rate-limited calls (bounded); other errors are thrown at once. */
async function withRetry(fn, opts = {}) {
    const retries = opts.retries ?? 3;
    const maxWait = opts.maxWaitMs ?? 60_000;
    const base = opts.baseDelayMs ?? 1000;
    for (let attempt = 0;; attempt++) {
        try {
            return await fn();
        }
        catch (e) {
            const info = httpError(e);
            const wait = info ? rateLimitWait(info, attempt, base) : undefined;
            if (wait === undefined || attempt >= retries || wait > maxWait)
                throw e;
            opts.log?.(`GitHub API rate limit (HTTP ${info.status}): retrying in ${Math.ceil(wait / 1000)} s`);
            await (opts.sleep ?? defaultSleep)(wait);
        }
    }
}
/** A request with retries. */
async function call(client, route, params, retry) {
    const res = await withRetry(() => client.request(route, params), retry);
    return res.data;
}
/** Every page of a list endpoint (100 per page, bounded to `maxPages`). */
async function paginate(client, route, params, retry, maxPages = 100) {
    const all = [];
    for (let page = 1; page <= maxPages; page++) {
        const data = await call(client, route, { ...params, per_page: 100, page }, retry);
        if (!Array.isArray(data))
            break;
        all.push(...data);
        if (data.length < 100)
            break;
    }
    return all;
}


/***/ }),

/***/ 87027:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   Lt: () => (/* binding */ fenceFor),
/* harmony export */   O0: () => (/* binding */ encodePath),
/* harmony export */   XO: () => (/* binding */ commentSafe),
/* harmony export */   bN: () => (/* binding */ catalogMarkdown),
/* harmony export */   ti: () => (/* binding */ inlineCode)
/* harmony export */ });
/**
 * Escaping of untrusted text (manifest names, messages, paths) for GitHub markdown: no markdown or
 * HTML injection, no @mentions or team pings, no broken tables, no escaping out of code fences.
 */
const ZWJ = '\u200d';
/** Text for a markdown paragraph or table cell: one line, HTML and markdown punctuation escaped. */
function escapeMarkdown(text) {
    return text
        .replace(/[\r\n\t]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]()#|~!{}]/g, (c) => `\\${c}`)
        .replace(/@/g, `@${ZWJ}`)
        .replace(/:(?=[a-z0-9_+-]+:)/gi, `:${ZWJ}`);
}
/**
 * Markdown written by kubeward itself (rule rationale and remediation from the catalog): its
 * `code` and emphasis are kept; HTML and @mentions are still neutralised, and it stays one paragraph.
 */
function catalogMarkdown(text) {
    return text
        .replace(/\s*\n\s*/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/@/g, `@${ZWJ}`);
}
/** An inline code span that holds `text` whatever backticks it contains. */
function inlineCode(text) {
    const one = text.replace(/[\r\n]+/g, ' ');
    const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((r) => r.length));
    const ticks = '`'.repeat(longest + 1);
    const pad = one.startsWith('`') || one.endsWith('`') || one === '' ? ' ' : '';
    // inside a table a pipe ends the cell even in code: use its entity
    return `${ticks}${pad}${one.replace(/\|/g, '&#124;')}${pad}${ticks}`;
}
/** A code fence longer than any backtick run in `content` (at least three backticks). */
function fenceFor(content) {
    const longest = Math.max(0, ...(content.match(/`{3,}/g) ?? []).map((r) => r.length));
    return '`'.repeat(Math.max(3, longest + 1));
}
/** A fenced code block with `info` (e.g. `yaml`, `suggestion`). */
function codeBlock(info, content) {
    const fence = fenceFor(content);
    const body = content.endsWith('\n') || content === '' ? content : content + '\n';
    return `${fence}${info}\n${body}${fence}`;
}
/** A link target: each path segment URL-encoded. */
function encodePath(path) {
    return path
        .split('/')
        .map((seg) => encodeURIComponent(seg).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
        .join('/');
}
/** Text inside an HTML comment marker: no `--` or `>` can end it early. */
function commentSafe(text) {
    return text.replace(/[^A-Za-z0-9:._/-]/g, '').replace(/--+/g, '-');
}


/***/ }),

/***/ 28137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* binding */ renderMarkdown),
/* harmony export */   Pl: () => (/* binding */ headline),
/* harmony export */   _9: () => (/* binding */ SEVERITY_ICON)
/* harmony export */ });
/* unused harmony export findingLocation */
/* harmony import */ var _core_model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44146);
/* harmony import */ var _core_rules_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(98904);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87027);
/**
 * Markdown for a report: the job summary and the sticky PR comment (shared by the GitHub Action and
 * the CircleCI orb). Every piece of manifest-derived text is escaped; the whole stays under
 * `maxLength` by dropping rows and details with a note saying how many were left out.
 */



const SEVERITY_ICON = {
    critical: '🟣',
    high: '🔴',
    medium: '🟠',
    low: '🟡',
    info: '🔵',
};
function findingLocation(f) {
    if (!f.location)
        return f.object ? `${f.object.kind}/${f.object.name}` : '';
    return `${f.location.file}:${f.location.line}`;
}
function locationCell(f, prefix) {
    const text = (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(findingLocation(f));
    if (!f.location || !prefix || f.location.file.startsWith('<'))
        return text;
    return `[${text}](${prefix}${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .encodePath */ .O0)(f.location.file)}#L${f.location.line})`;
}
function countsLine(report) {
    return _core_model_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC.filter((s) => report.counts[s] > 0)
        .map((s) => `${report.counts[s]} ${s}`)
        .join(', ');
}
function headline(report) {
    const n = report.findings.length;
    if (n === 0)
        return 'all clear: no findings ✅';
    const failOn = report.failOn;
    if (!(0,_core_model_js__WEBPACK_IMPORTED_MODULE_0__/* .isSeverity */ ._Z)(failOn))
        return `${n} finding${n === 1 ? '' : 's'} (${countsLine(report)}) — fail-on ${failOn}: never fails`;
    const failing = report.findings.some((f) => (0,_core_model_js__WEBPACK_IMPORTED_MODULE_0__/* .atLeast */ .jZ)(f.severity, failOn));
    const verdict = failing ? `❌ fails at **${failOn}**` : `✅ passes at **${failOn}**`;
    return `${n} finding${n === 1 ? '' : 's'} (${countsLine(report)}) — ${verdict}`;
}
function countsTable(report) {
    const rows = _core_model_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC.map((s) => `| ${SEVERITY_ICON[s]} ${s} | ${report.counts[s]} |`);
    return ['| Severity | Findings |', '| --- | ---: |', ...rows].join('\n');
}
function chart(report) {
    const slices = _core_model_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC.filter((s) => report.counts[s] > 0).map((s) => `    "${s}" : ${report.counts[s]}`);
    if (slices.length === 0)
        return '';
    return ['```mermaid', 'pie showData title Findings by severity', ...slices, '```'].join('\n');
}
function findingRow(f, prefix) {
    const msg = (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(f.message) + (f.secretPreview ? ` (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .ti)(f.secretPreview)})` : '');
    return `| ${SEVERITY_ICON[f.severity]} ${f.severity} | ${locationCell(f, prefix)} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .ti)(f.ruleId)} | ${msg} |`;
}
function ruleDetails(ruleId, findings) {
    const meta = (0,_core_rules_index_js__WEBPACK_IMPORTED_MODULE_1__/* .getRule */ .r)(ruleId)?.meta;
    const title = (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(findings[0].title || meta?.title || ruleId);
    const parts = [
        `<details><summary><code>${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(ruleId)}</code> ${title} (${findings.length})</summary>`,
        '',
    ];
    if (meta?.rationale)
        parts.push(`**Why:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .catalogMarkdown */ .bN)(meta.rationale)}`, '');
    if (meta?.remediation)
        parts.push(`**Fix:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .catalogMarkdown */ .bN)(meta.remediation)}`, '');
    if (meta?.example)
        parts.push((0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .codeBlock */ .DV)('yaml', meta.example), '');
    const fixes = [...new Set(findings.map((f) => f.fix?.description).filter((d) => !!d))];
    if (fixes.length > 0)
        parts.push(`Automatic fix: ${fixes.map(_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV).join('; ')}`, '');
    parts.push('</details>');
    return parts.join('\n');
}
/** Renders the report; never longer than `opts.maxLength`. */
function renderMarkdown(report, opts) {
    const note = (n, what) => `\n\n> ⚠️ ${n} more ${what} not shown here (size limit): see the SARIF file or the annotations.`;
    const head = [];
    if (opts.header)
        head.push(opts.header);
    head.push(`### ${opts.title ?? 'kubeward'}: ${headline(report)}`);
    for (const n of opts.notes ?? [])
        head.push(`> ${n}`);
    const extra = [];
    if (report.suppressed.length > 0)
        extra.push(`${report.suppressed.length} suppressed`);
    if (report.errors.length > 0)
        extra.push(`${report.errors.length} input error(s)`);
    head.push(`Scanned ${report.filesScanned} file(s), ${report.objectsScanned} object(s)${extra.length ? ` · ${extra.join(' · ')}` : ''}.`);
    if (report.findings.length > 0) {
        head.push(countsTable(report));
        if (opts.chart)
            head.push(chart(report));
    }
    const footer = opts.footer ? `\n\n${opts.footer}` : '';
    let out = head.join('\n\n');
    const reserve = footer.length + 200;
    const budget = opts.maxLength - reserve;
    if (out.length > budget)
        return (out.slice(0, Math.max(0, budget)) + '\n\n> ⚠️ truncated' + footer).slice(0, opts.maxLength);
    if (report.findings.length > 0) {
        let table = '\n\n#### Findings\n\n| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |';
        let shown = 0;
        for (const f of report.findings) {
            const row = '\n' + findingRow(f, opts.fileUrlPrefix);
            if (out.length + table.length + row.length > budget)
                break;
            table += row;
            shown++;
        }
        out += table;
        if (shown < report.findings.length)
            return out + note(report.findings.length - shown, 'findings') + footer;
        const byRule = new Map();
        for (const f of report.findings)
            byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
        let details = '\n\n#### Rules\n';
        let rulesShown = 0;
        for (const [id, fs] of byRule) {
            const block = '\n' + ruleDetails(id, fs) + '\n';
            if (out.length + details.length + block.length > budget)
                break;
            details += block;
            rulesShown++;
        }
        if (rulesShown > 0)
            out += details;
        if (rulesShown < byRule.size)
            out += note(byRule.size - rulesShown, 'rule details');
    }
    if (report.errors.length > 0) {
        let errs = '\n\n#### Input errors\n';
        for (const e of report.errors) {
            const row = `\n- ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`)}`;
            if (out.length + errs.length + row.length > budget)
                break;
            errs += row;
        }
        out += errs;
    }
    return out + footer;
}


/***/ })

};
