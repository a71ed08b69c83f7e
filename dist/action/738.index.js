export const id = 738;
export const ids = [738,385];
export const modules = {

/***/ 53309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ maxOf),
/* harmony export */   i: () => (/* binding */ pushAll)
/* harmony export */ });
/**
 * Array helpers that do not spread: `a.push(...b)` and `Math.max(...b)` pass every element as a
 * call argument, which overflows the stack past ~100,000 elements (130,000 documents in one file,
 * 170,000 findings). Use these wherever the array's length comes from input.
 */
/** Appends every item of `items` to `target`; returns `target`. */
function pushAll(target, items) {
    for (const x of items)
        target.push(x);
    return target;
}
/** The largest of `values`, or `floor` when there are none (or all are smaller). */
function maxOf(values, floor = -Infinity) {
    let m = floor;
    for (const v of values)
        if (v > m)
            m = v;
    return m;
}


/***/ }),

/***/ 94731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OI: () => (/* binding */ rolloutStatus),
/* harmony export */   U3: () => (/* binding */ podProblems)
/* harmony export */ });
/* unused harmony exports FATAL_WAITING, warningEventsFor */
/* harmony import */ var _arrays_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53309);

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
            (0,_arrays_js__WEBPACK_IMPORTED_MODULE_0__/* .pushAll */ .i)(res.problems, podProblems(store, p));
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

/***/ 85142:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HR: () => (/* binding */ CONFIG_FILE_NAMES),
  "if": () => (/* binding */ findConfigFile),
  HT: () => (/* binding */ loadConfigFile),
  parseConfig: () => (/* binding */ parseConfig),
  pE: () => (/* binding */ resolveConfig)
});

// UNUSED EXPORTS: ConfigError, closest, configSchema, formatProblem, isExpired, isValidDate, isoDate, rebaseGlob, ruleSetting

// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(72020);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(42463);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/core/glob.ts
var glob = __webpack_require__(16085);
;// CONCATENATED MODULE: ./schema/kubeward.schema.json
const kubeward_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"kubeward configuration (.kubeward.yaml)","description":"Configuration of the kubeward Kubernetes security scanner. See docs/configuration.md.","type":"object","additionalProperties":false,"definitions":{"helmEnvironment":{"description":"An environment\'s values: a list of values files, or an object with values files, --set pairs and a profile.","oneOf":[{"type":"array","items":{"type":"string","minLength":1}},{"type":"object","additionalProperties":false,"properties":{"values":{"type":"array","items":{"type":"string","minLength":1},"description":"Values files, in order (relative to the chart, else to the working directory)."},"set":{"type":"array","items":{"type":"string","minLength":1},"description":"--set key=value pairs."},"profile":{"type":"string","minLength":1,"description":"Profile applied to this environment\'s findings (e.g. stricter rules for prod)."}}}]},"helmChart":{"type":"object","additionalProperties":false,"required":["chart"],"properties":{"chart":{"type":"string","minLength":1,"description":"The chart directory (holds Chart.yaml), relative to this file."},"release":{"type":"string","minLength":1,"description":"Release name (default: the chart folder\'s name)."},"namespace":{"type":"string","minLength":1},"kubeVersion":{"type":"string","pattern":"^v?\\\\d+\\\\.\\\\d+(\\\\.\\\\d+)?$","description":"--kube-version for helm template (default: the scan\'s kubeVersion)."},"values":{"type":"array","items":{"type":"string","minLength":1},"description":"Values files for every environment, after the chart\'s values.yaml."},"set":{"type":"array","items":{"type":"string","minLength":1},"description":"--set key=value pairs for every environment."},"environments":{"type":"object","additionalProperties":{"$ref":"#/definitions/helmEnvironment"},"description":"Named value sets (dev, prod ...): each is rendered and scanned as its own set."},"includeTests":{"type":"boolean","description":"Scan helm.sh/hook: test objects (skipped by default)."},"includeCrds":{"type":"boolean","description":"Render crds/ too (--include-crds)."}}},"kustomizeTree":{"type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"type":"string","minLength":1,"description":"A kustomization directory, or the folder holding the overlays (relative to this file)."},"overlays":{"type":"object","description":"Overlays as environments: name -> directory (relative to path), or {path, profile}.","additionalProperties":{"oneOf":[{"type":"string","minLength":1},{"type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"type":"string","minLength":1},"profile":{"type":"string","minLength":1}}}]}}}},"sources":{"type":"object","additionalProperties":false,"description":"Delivery sources: Helm charts per environment, Kustomize overlays, Dockerfiles.","properties":{"helm":{"type":"array","items":{"$ref":"#/definitions/helmChart"}},"kustomize":{"type":"array","items":{"$ref":"#/definitions/kustomizeTree"}},"images":{"type":"object","additionalProperties":{"type":"string","minLength":1},"description":"Image name (without tag) -> the Dockerfile that builds it, for the Dockerfile/manifest cross-check."},"values":{"type":"array","items":{"type":"string","minLength":1},"description":"Values files for charts found among the paths that have no helm entry."},"set":{"type":"array","items":{"type":"string","minLength":1}},"environments":{"type":"object","additionalProperties":{"$ref":"#/definitions/helmEnvironment"},"description":"Environments for charts found among the paths that have no helm entry."},"includeTests":{"type":"boolean","description":"Scan Helm test hooks of every chart."},"release":{"type":"string","minLength":1,"description":"Release name for charts found among the paths."},"namespace":{"type":"string","minLength":1,"description":"Namespace for charts found among the paths."},"overlays":{"type":"object","additionalProperties":{"type":"string","minLength":1},"description":"Overlays (name -> directory) of the kustomize trees given as scan paths."},"render":{"type":"boolean","description":"false: charts and kustomizations found among the paths are not rendered (only the listed ones are)."}}},"severity":{"type":"string","enum":["critical","high","medium","low","info"],"description":"One of critical, high, medium, low, info."},"kubeVersion":{"type":"string","pattern":"^[0-9]+\\\\.[0-9]+$","description":"Target Kubernetes minor version, quoted: \\"1.34\\"."},"preset":{"type":"string","enum":["baseline","restricted"],"description":"baseline enables every Pod Security Standards baseline rule; restricted enables the baseline and restricted rules."},"globs":{"type":"array","items":{"type":"string","minLength":1},"description":"Glob patterns, relative to the directory of the configuration file."},"ruleSetting":{"type":"object","description":"enabled, severity and the rule\'s own options (see docs/rules/<id>.md).","properties":{"enabled":{"type":"boolean"},"severity":{"$ref":"#/definitions/severity"}},"additionalProperties":true},"rules":{"type":"object","description":"Rule id -> setting.","properties":{"privileged-container":{"type":"object","description":"Privileged container (critical, on by default). See docs/rules/privileged-container.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"privilege-escalation":{"type":"object","description":"Privilege escalation allowed (high, on by default). See docs/rules/privilege-escalation.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"run-as-non-root":{"type":"object","description":"Container may run as root (high, on by default). See docs/rules/run-as-non-root.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"run-as-root-user":{"type":"object","description":"Container runs as uid 0 (high, on by default). See docs/rules/run-as-root-user.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"low-uid":{"type":"object","description":"Container uid below 10000 (low, off by default). See docs/rules/low-uid.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."},"threshold":{"type":"number","description":"Smallest acceptable uid (runAsUser below it is reported).","default":10000}}},"root-group":{"type":"object","description":"Root group (gid 0) (low, on by default). See docs/rules/root-group.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"read-only-root-fs":{"type":"object","description":"Writable root filesystem (medium, on by default). See docs/rules/read-only-root-fs.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"capabilities-drop-all":{"type":"object","description":"Capabilities not dropped (medium, on by default). See docs/rules/capabilities-drop-all.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"net-raw-capability":{"type":"object","description":"NET_RAW capability (medium, on by default). See docs/rules/net-raw-capability.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"dangerous-capabilities":{"type":"object","description":"Dangerous capability added (critical, on by default). See docs/rules/dangerous-capabilities.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."},"capabilities":{"type":"array","items":{"type":"string"},"description":"Capabilities reported as dangerous (without the CAP_ prefix).","default":["ALL","SYS_ADMIN","NET_ADMIN","SYS_MODULE","SYS_PTRACE","SYS_RAWIO","SYS_BOOT","SYS_TIME","BPF","PERFMON","DAC_READ_SEARCH","MAC_ADMIN","MAC_OVERRIDE","SYSLOG","LINUX_IMMUTABLE","CHECKPOINT_RESTORE"]}}},"added-capabilities":{"type":"object","description":"Capability added beyond NET_BIND_SERVICE (low, on by default). See docs/rules/added-capabilities.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."},"allowed":{"type":"array","items":{"type":"string"},"description":"Capabilities that may be added.","default":["NET_BIND_SERVICE"]}}},"seccomp-profile":{"type":"object","description":"No seccomp profile (medium, on by default). See docs/rules/seccomp-profile.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"seccomp-unconfined":{"type":"object","description":"Seccomp explicitly unconfined (high, on by default). See docs/rules/seccomp-unconfined.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"apparmor-unconfined":{"type":"object","description":"AppArmor unconfined (medium, on by default). See docs/rules/apparmor-unconfined.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"selinux-custom-options":{"type":"object","description":"Custom SELinux options (medium, on by default). See docs/rules/selinux-custom-options.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"proc-mount-unmasked":{"type":"object","description":"Unmasked /proc mount (high, on by default). See docs/rules/proc-mount-unmasked.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"unsafe-sysctls":{"type":"object","description":"Unsafe sysctl (high, on by default). See docs/rules/unsafe-sysctls.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"allowed":{"type":"array","items":{"type":"string"},"description":"Sysctls allowed in addition to the safe set.","default":[]}}},"windows-host-process":{"type":"object","description":"Windows HostProcess container (high, on by default). See docs/rules/windows-host-process.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"host-network":{"type":"object","description":"Host network namespace (high, on by default). See docs/rules/host-network.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"host-pid":{"type":"object","description":"Host PID namespace (high, on by default). See docs/rules/host-pid.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"host-ipc":{"type":"object","description":"Host IPC namespace (high, on by default). See docs/rules/host-ipc.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"host-port":{"type":"object","description":"Host port (medium, on by default). See docs/rules/host-port.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"probe-host":{"type":"object","description":"Probe or lifecycle hook on another host (medium, on by default). See docs/rules/probe-host.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"host-users":{"type":"object","description":"No user namespace (low, off by default). See docs/rules/host-users.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"privileged-port":{"type":"object","description":"Privileged container port (low, off by default). See docs/rules/privileged-port.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"ssh-port":{"type":"object","description":"SSH port exposed (low, on by default). See docs/rules/ssh-port.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"host-aliases":{"type":"object","description":"hostAliases set (low, on by default). See docs/rules/host-aliases.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"host-path":{"type":"object","description":"hostPath volume (medium, on by default). See docs/rules/host-path.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"sensitive-host-path":{"type":"object","description":"Sensitive host path mounted (high, on by default). See docs/rules/sensitive-host-path.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"paths":{"type":"array","items":{"type":"string"},"description":"Host paths reported as sensitive (prefix match after normalisation).","default":["/","/etc","/proc","/sys","/dev","/boot","/root","/var/lib/kubelet","/var/lib/docker","/var/lib/containerd","/var/lib/etcd","/etc/kubernetes","/var/run","/run"]}}},"container-runtime-socket":{"type":"object","description":"Container runtime socket mounted (critical, on by default). See docs/rules/container-runtime-socket.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"writable-host-path":{"type":"object","description":"Writable hostPath mount (high, on by default). See docs/rules/writable-host-path.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"restricted-volume-types":{"type":"object","description":"Volume type outside the restricted set (low, on by default). See docs/rules/restricted-volume-types.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"image-tag-latest":{"type":"object","description":"Image uses :latest or no tag (high, on by default). See docs/rules/image-tag-latest.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"image-reference-invalid":{"type":"object","description":"Image reference is not valid (medium, on by default). See docs/rules/image-reference-invalid.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"image-digest":{"type":"object","description":"Image not pinned by digest (medium, off by default). See docs/rules/image-digest.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"image-pull-policy":{"type":"object","description":"Image pull policy not Always (low, on by default). See docs/rules/image-pull-policy.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"image-registry-allowlist":{"type":"object","description":"Image from a registry outside the allow-list (medium, off by default). See docs/rules/image-registry-allowlist.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"registries":{"type":"array","items":{"type":"string"},"description":"Allowed registries or registry path prefixes; the rule reports nothing while the list is empty.","default":[]}}},"deprecated-registry":{"type":"object","description":"Image from a retired registry (medium, on by default). See docs/rules/deprecated-registry.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"risky-component":{"type":"object","description":"Known-risky component (medium, on by default). See docs/rules/risky-component.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"cpu-requests":{"type":"object","description":"CPU request missing (medium, on by default). See docs/rules/cpu-requests.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"memory-requests":{"type":"object","description":"Memory request missing (medium, on by default). See docs/rules/memory-requests.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"cpu-limits":{"type":"object","description":"CPU limit missing (low, on by default). See docs/rules/cpu-limits.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"memory-limits":{"type":"object","description":"Memory limit missing (medium, on by default). See docs/rules/memory-limits.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"resource-bounds":{"type":"object","description":"Resource request or limit outside configured bounds (medium, off by default). See docs/rules/resource-bounds.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"requests":{"type":"object","description":"Bounds for requests: `{cpu: {min, max}, memory: {min, max}}` (Kubernetes quantities).","default":{}},"limits":{"type":"object","description":"Bounds for limits: `{cpu: {min, max}, memory: {min, max}}` (Kubernetes quantities).","default":{}}}},"ephemeral-storage":{"type":"object","description":"Ephemeral-storage request or limit missing (low, off by default). See docs/rules/ephemeral-storage.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"requests-equal-limits":{"type":"object","description":"Requests differ from limits (not Guaranteed QoS) (low, off by default). See docs/rules/requests-equal-limits.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"liveness-probe":{"type":"object","description":"Liveness probe missing (low, on by default). See docs/rules/liveness-probe.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"readiness-probe":{"type":"object","description":"Readiness probe missing (low, on by default). See docs/rules/readiness-probe.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"probes-identical":{"type":"object","description":"Liveness and readiness probes are identical (low, on by default). See docs/rules/probes-identical.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"probe-port":{"type":"object","description":"Probe targets a port the container does not expose (medium, on by default). See docs/rules/probe-port.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"replicas-minimum":{"type":"object","description":"Too few replicas (medium, off by default). See docs/rules/replicas-minimum.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"min":{"type":"number","description":"Minimum number of replicas.","default":2}}},"anti-affinity":{"type":"object","description":"Multi-replica workload without anti-affinity or topology spread (low, on by default). See docs/rules/anti-affinity.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"pdb-missing":{"type":"object","description":"Multi-replica workload without a PodDisruptionBudget (low, on by default). See docs/rules/pdb-missing.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"pdb-blocks-eviction":{"type":"object","description":"PodDisruptionBudget always blocks eviction (medium, on by default). See docs/rules/pdb-blocks-eviction.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"pdb-policy":{"type":"object","description":"PodDisruptionBudget without a budget or unhealthy-pod eviction policy (low, on by default). See docs/rules/pdb-policy.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"hpa-dangling":{"type":"object","description":"HPA target not in the set (low, on by default). See docs/rules/hpa-dangling.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"hpa-replicas-conflict":{"type":"object","description":"HPA target also sets replicas (low, on by default). See docs/rules/hpa-replicas-conflict.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"selector-mismatch":{"type":"object","description":"Selector does not match the pod template labels (high, on by default). See docs/rules/selector-mismatch.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"job-ttl":{"type":"object","description":"Job without ttlSecondsAfterFinished (low, off by default). See docs/rules/job-ttl.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"naked-pod":{"type":"object","description":"Pod without a controller (low, on by default). See docs/rules/naked-pod.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"rollout-strategy":{"type":"object","description":"Deployment strategy allows full unavailability (low, off by default). See docs/rules/rollout-strategy.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"priority-class":{"type":"object","description":"priorityClassName missing or not allowed (low, off by default). See docs/rules/priority-class.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."},"allowed":{"type":"array","items":{"type":"string"},"description":"Allowed priority class names; any name is accepted while empty.","default":[]}}},"topology-spread-invalid":{"type":"object","description":"Invalid topology spread constraint (low, on by default). See docs/rules/topology-spread-invalid.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"cronjob-config":{"type":"object","description":"CronJob misconfigured (low, on by default). See docs/rules/cronjob-config.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"statefulset-service-name":{"type":"object","description":"StatefulSet serviceName is not a headless Service (low, on by default). See docs/rules/statefulset-service-name.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"automount-service-account-token":{"type":"object","description":"Service account token automounted but not needed (medium, on by default). See docs/rules/automount-service-account-token.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"default-service-account":{"type":"object","description":"Pod runs as the default service account (medium, on by default). See docs/rules/default-service-account.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"deprecated-service-account-field":{"type":"object","description":"Deprecated serviceAccount field (low, on by default). See docs/rules/deprecated-service-account-field.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"missing-service-account":{"type":"object","description":"ServiceAccount not in the set (low, on by default). See docs/rules/missing-service-account.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"secret-env-reference":{"type":"object","description":"Secret consumed as an environment variable (low, on by default). See docs/rules/secret-env-reference.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"dangling-reference":{"type":"object","description":"Reference to a missing Secret or ConfigMap (low, on by default). See docs/rules/dangling-reference.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"duplicate-env":{"type":"object","description":"Duplicate environment variable (low, on by default). See docs/rules/duplicate-env.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"secret-in-env":{"type":"object","description":"Plaintext secret in container env, args or command (critical, on by default). See docs/rules/secret-in-env.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"secret-in-configmap":{"type":"object","description":"Secret in a ConfigMap (high, on by default). See docs/rules/secret-in-configmap.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"secret-in-annotation":{"type":"object","description":"Secret in an annotation (high, on by default). See docs/rules/secret-in-annotation.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"secret-in-custom-resource":{"type":"object","description":"Secret in a custom resource (high, on by default). See docs/rules/secret-in-custom-resource.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"secret-committed":{"type":"object","description":"Secret with data committed to the repository (high, on by default). See docs/rules/secret-committed.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"secret-over-shared":{"type":"object","description":"Secret shared by many workloads (medium, on by default). See docs/rules/secret-over-shared.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"threshold":{"type":"number","description":"Report a Secret referenced by at least this many workloads.","default":3},"serviceAccountThreshold":{"type":"number","description":"Report a Secret used by (or listed in) at least this many distinct service accounts.","default":3}}},"network-policy-missing":{"type":"object","description":"Workload not isolated by a NetworkPolicy (medium, on by default). See docs/rules/network-policy-missing.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"directions":{"type":"array","items":{"type":"string"},"description":"Traffic directions that must be covered: Ingress, Egress.","default":["Ingress","Egress"]}}},"namespace-default-deny":{"type":"object","description":"Namespace without a default-deny NetworkPolicy (medium, on by default). See docs/rules/namespace-default-deny.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"directions":{"type":"array","items":{"type":"string"},"description":"Traffic directions that must be covered: Ingress, Egress.","default":["Ingress","Egress"]},"exemptNamespaces":{"type":"array","items":{"type":"string"},"description":"Namespaces that need no default-deny policy.","default":["kube-system","kube-public","kube-node-lease"]}}},"network-policy-allow-all":{"type":"object","description":"NetworkPolicy allows all traffic (medium, on by default). See docs/rules/network-policy-allow-all.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"network-policy-cross-namespace":{"type":"object","description":"NetworkPolicy allows ingress from other namespaces (medium, off by default). See docs/rules/network-policy-cross-namespace.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"allowedNamespaces":{"type":"array","items":{"type":"string"},"description":"Namespaces from which ingress is acceptable (e.g. the ingress controller namespace).","default":[]}}},"network-policy-dangling":{"type":"object","description":"NetworkPolicy selector matches no workload (low, on by default). See docs/rules/network-policy-dangling.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"service-exposed":{"type":"object","description":"Service exposed outside the cluster (low, on by default). See docs/rules/service-exposed.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."},"allowedTypes":{"type":"array","items":{"type":"string"},"description":"Service types that are acceptable (NodePort, LoadBalancer).","default":[]}}},"service-external-ips":{"type":"object","description":"Service with externalIPs (high, on by default). See docs/rules/service-external-ips.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"service-dangling":{"type":"object","description":"Service selects no workload (low, on by default). See docs/rules/service-dangling.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"servicemonitor-dangling":{"type":"object","description":"ServiceMonitor selects no Service (low, on by default). See docs/rules/servicemonitor-dangling.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"ingress-tls":{"type":"object","description":"Ingress without TLS (medium, on by default). See docs/rules/ingress-tls.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"ingress-nginx-snippet":{"type":"object","description":"ingress-nginx snippet annotation (high, on by default). See docs/rules/ingress-nginx-snippet.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"ingress-dangling":{"type":"object","description":"Ingress backend Service or port missing (low, on by default). See docs/rules/ingress-dangling.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"invalid-target-port":{"type":"object","description":"Invalid or unknown port name (low, on by default). See docs/rules/invalid-target-port.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"rbac-wildcard":{"type":"object","description":"RBAC wildcard (high, on by default). See docs/rules/rbac-wildcard.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"rbac-cluster-admin-binding":{"type":"object","description":"Binding to cluster-admin (critical, on by default). See docs/rules/rbac-cluster-admin-binding.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"rbac-secrets-access":{"type":"object","description":"RBAC read access to Secrets (high, on by default). See docs/rules/rbac-secrets-access.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"allowResourceNames":{"type":"boolean","description":"Accept rules limited to specific Secrets with resourceNames.","default":true}}},"rbac-pod-create":{"type":"object","description":"RBAC permission to create pods or workloads (medium, on by default). See docs/rules/rbac-pod-create.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"rbac-exec":{"type":"object","description":"RBAC permission to exec or attach into pods (high, on by default). See docs/rules/rbac-exec.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"rbac-escalation-verbs":{"type":"object","description":"RBAC privilege escalation verbs (critical, on by default). See docs/rules/rbac-escalation-verbs.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"rbac-sensitive-resources":{"type":"object","description":"RBAC access to sensitive resources (high, on by default). See docs/rules/rbac-sensitive-resources.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"rbac-system-group-binding":{"type":"object","description":"Binding to a system group (critical, on by default). See docs/rules/rbac-system-group-binding.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"rbac-default-service-account":{"type":"object","description":"Permissions granted to a default ServiceAccount (medium, on by default). See docs/rules/rbac-default-service-account.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"istio-mtls-permissive":{"type":"object","description":"Istio mutual TLS not STRICT (high, on by default). See docs/rules/istio-mtls-permissive.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"rootNamespace":{"type":"string","description":"Istio root namespace (mesh-wide policies).","default":"istio-system"}}},"istio-destination-tls-disabled":{"type":"object","description":"Istio DestinationRule disables TLS (high, on by default). See docs/rules/istio-destination-tls-disabled.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"istio-authz-allow-all":{"type":"object","description":"Istio AuthorizationPolicy allows everything (high, on by default). See docs/rules/istio-authz-allow-all.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"istio-sidecar-injection-disabled":{"type":"object","description":"Istio sidecar injection disabled (medium, on by default). See docs/rules/istio-sidecar-injection-disabled.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"exemptNamespaces":{"type":"array","items":{"type":"string"},"description":"Namespaces where opting out is expected.","default":["kube-system","kube-public","kube-node-lease","istio-system"]}}},"default-namespace":{"type":"object","description":"Object in the default namespace (low, on by default). See docs/rules/default-namespace.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"kube-system-workload":{"type":"object","description":"User workload in kube-system (medium, on by default). See docs/rules/kube-system-workload.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"deprecated-api":{"type":"object","description":"Deprecated or removed apiVersion (high, on by default). See docs/rules/deprecated-api.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"schema-invalid":{"type":"object","description":"Unknown field or wrong type (high, on by default). See docs/rules/schema-invalid.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"dockerfile-user-root":{"type":"object","description":"Dockerfile final stage runs as root (high, on by default). See docs/rules/dockerfile-user-root.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"dockerfile-base-latest":{"type":"object","description":"Dockerfile FROM uses latest or no tag (high, on by default). See docs/rules/dockerfile-base-latest.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"dockerfile-base-digest":{"type":"object","description":"Dockerfile FROM not pinned by digest (medium, off by default). See docs/rules/dockerfile-base-digest.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"dockerfile-secret":{"type":"object","description":"Secret in a Dockerfile (critical, on by default). See docs/rules/dockerfile-secret.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"dockerfile-add":{"type":"object","description":"Dockerfile ADD where COPY serves (low, on by default). See docs/rules/dockerfile-add.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"dockerfile-apt-pinning":{"type":"object","description":"Packages installed without versions (low, on by default). See docs/rules/dockerfile-apt-pinning.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"dockerfile-curl-pipe-shell":{"type":"object","description":"Dockerfile pipes a download into a shell (high, on by default). See docs/rules/dockerfile-curl-pipe-shell.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"dockerfile-sudo":{"type":"object","description":"Dockerfile uses sudo (medium, on by default). See docs/rules/dockerfile-sudo.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"dockerfile-healthcheck":{"type":"object","description":"Dockerfile has no HEALTHCHECK (low, off by default). See docs/rules/dockerfile-healthcheck.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"dockerfile-registry":{"type":"object","description":"Dockerfile base image from a registry not allowed (medium, off by default). See docs/rules/dockerfile-registry.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"registries":{"type":"array","items":{"type":"string"},"description":"Allowed registries, registry paths or *.wildcards (Docker Hub short names mean docker.io).","default":[]}}},"dockerfile-user-conflict":{"type":"object","description":"runAsNonRoot with an image that runs as root (high, on by default). See docs/rules/dockerfile-user-conflict.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"images":{"type":"object","description":"Image name -> Dockerfile path (set from `sources.images`).","default":{}}}},"invalid-yaml":{"type":"object","description":"Document does not parse (high, on by default). See docs/rules/invalid-yaml.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"duplicate-key":{"type":"object","description":"Duplicate key in a mapping (medium, on by default). See docs/rules/duplicate-key.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"rule-error":{"type":"object","description":"A rule failed on an object (high, on by default). See docs/rules/rule-error.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"invalid-suppression":{"type":"object","description":"Suppression that is not applied (info, on by default). See docs/rules/invalid-suppression.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: info."}}},"expired-exemption":{"type":"object","description":"Expired exemption (info, on by default). See docs/rules/expired-exemption.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: info."}}},"rollout-failed":{"type":"object","description":"Rollout did not complete (critical, on by default). See docs/rules/rollout-failed.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"pod-crashloop":{"type":"object","description":"Pod crashing or unable to start (high, on by default). See docs/rules/pod-crashloop.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"restartThreshold":{"type":"number","description":"Restart count that counts as a crash loop.","default":5}}},"drift":{"type":"object","description":"Live object differs from its manifest (high, on by default). See docs/rules/drift.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"deployers":{"type":"array","items":{"type":"string"},"description":"Field managers that count as the deployer; edits by any other manager after the deploy are reported.","default":["kubectl","kubectl-client-side-apply","helm","argocd-controller","argocd-application-controller","kustomize-controller","helm-controller","fluxcd","pulumi-kubernetes","Terraform","kubeward"]}}},"unexpected-container":{"type":"object","description":"Container the manifest does not declare (high, on by default). See docs/rules/unexpected-container.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"allowed":{"type":"array","items":{"type":"string"},"description":"Container names that may be injected without a finding (e.g. istio-proxy).","default":[]}}},"image-not-pinned-live":{"type":"object","description":"Running image differs from the pinned digest (medium, on by default). See docs/rules/image-not-pinned-live.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"secret-unused":{"type":"object","description":"Secret referenced by nothing (low, on by default). See docs/rules/secret-unused.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"secret-readers":{"type":"object","description":"Secret readable by service accounts that do not use it (high, on by default). See docs/rules/secret-readers.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"pod-security-admission":{"type":"object","description":"Namespace without Pod Security Admission enforcement (medium, on by default). See docs/rules/pod-security-admission.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"warning-events":{"type":"object","description":"Warning events on deployed objects (low, on by default). See docs/rules/warning-events.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"admission-policy":{"type":"object","description":"Rejected by a ValidatingAdmissionPolicy (high, on by default). See docs/rules/admission-policy.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"kyverno-policy":{"type":"object","description":"Rejected by a Kyverno ValidatingPolicy (high, on by default). See docs/rules/kyverno-policy.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"policy-invalid":{"type":"object","description":"Admission policy or custom rule is invalid (high, on by default). See docs/rules/policy-invalid.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"policy-not-evaluated":{"type":"object","description":"Admission policy could not be evaluated offline (high, on by default). See docs/rules/policy-not-evaluated.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"pod-security-level":{"type":"object","description":"Pods below their namespace’s Pod Security level (high, on by default). See docs/rules/pod-security-level.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}}},"additionalProperties":{"$ref":"#/definitions/ruleSetting"}},"exemption":{"type":"object","additionalProperties":false,"required":["rules","reason"],"properties":{"rules":{"type":"array","minItems":1,"items":{"type":"string","minLength":1},"description":"Rule ids or globs (\\"rbac-*\\", \\"*\\")."},"objects":{"type":"array","items":{"type":"string","minLength":1},"description":"Kind/namespace/name (namespaced) or Kind/name (cluster-scoped or no namespace); globs allowed."},"paths":{"$ref":"#/definitions/globs"},"reason":{"type":"string","minLength":1,"description":"Why the exemption exists (required)."},"expires":{"type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}$","description":"YYYY-MM-DD: the last day the exemption applies."}}},"customRule":{"type":"object","additionalProperties":false,"required":["id","severity","match","expression"],"description":"A rule written in CEL, judged like a ValidatingAdmissionPolicy validation (object, oldObject, params, namespaceObject, request, variables). See docs/policies.md.","properties":{"id":{"type":"string","pattern":"^[a-z0-9]+(-[a-z0-9]+)*$","description":"Rule id (kebab-case), unique among all rules."},"title":{"type":"string","description":"One line shown in reports."},"severity":{"$ref":"#/definitions/severity"},"description":{"type":"string"},"rationale":{"type":"string"},"remediation":{"type":"string"},"references":{"type":"array","items":{"type":"string"}},"enabled":{"type":"boolean","description":"On by default (true)."},"match":{"type":"object","additionalProperties":false,"description":"Which objects the rule judges: kinds (Deployment or apps/v1/Deployment) and/or resource rules as in a ValidatingAdmissionPolicy.","properties":{"kinds":{"type":"array","items":{"type":"string"}},"resourceRules":{"type":"array","items":{"type":"object","additionalProperties":false,"properties":{"apiGroups":{"type":"array","items":{"type":"string"}},"apiVersions":{"type":"array","items":{"type":"string"}},"resources":{"type":"array","items":{"type":"string"}},"operations":{"type":"array","items":{"type":"string"}},"scope":{"type":"string"}}}}}},"expression":{"type":"string","description":"CEL: true when the object is fine."},"message":{"type":"string"},"messageExpression":{"type":"string","description":"CEL giving the message (a string)."},"path":{"type":"string","description":"Field path to report at (spec.template.spec.containers)."},"variables":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["name","expression"],"properties":{"name":{"type":"string"},"expression":{"type":"string"}}}},"params":{"description":"The value of `params` in the expressions."}}},"suppressions":{"type":"object","additionalProperties":false,"description":"Which in-manifest suppressions are honoured (config exemptions always are).","properties":{"annotations":{"type":"boolean","description":"Honour kubeward.io/ignore annotations (default true)."},"inline":{"type":"boolean","description":"Honour # kubeward-ignore comments (default true)."}}},"policy":{"type":"object","additionalProperties":false,"description":"The admin section: what a pull request may not change. Meant for a configuration the pull request does not control (the action\'s `config` with `config-ref: base`). See docs/security.md.","properties":{"locked":{"type":"boolean","description":"true: this configuration is the policy. A configuration in the pull request\'s tree is ignored, and annotations and inline comments apply only as allowSuppressions says."},"lockedRules":{"type":"array","items":{"type":"string","minLength":1},"description":"Rule ids that no suppression of any kind (annotation, inline comment, exemption) may silence."},"allowSuppressions":{"description":"Which suppressions apply under this policy. true: annotations and inline comments (default); false: none; or per kind. `wildcard: true` lets `*` patterns silence secret and input-error findings.","oneOf":[{"type":"boolean"},{"type":"object","additionalProperties":false,"properties":{"annotations":{"type":"boolean"},"inline":{"type":"boolean"},"wildcard":{"type":"boolean"}}}]},"maxExemptionDays":{"type":"integer","minimum":1,"description":"Exemptions must have an expires date within this many days; others are not applied."}}},"profile":{"type":"object","additionalProperties":false,"description":"Overlays the top-level configuration when selected with --profile.","properties":{"failOn":{"$ref":"#/definitions/severity"},"kubeVersion":{"$ref":"#/definitions/kubeVersion"},"preset":{"$ref":"#/definitions/preset"},"include":{"$ref":"#/definitions/globs"},"exclude":{"$ref":"#/definitions/globs"},"rules":{"$ref":"#/definitions/rules"},"exemptions":{"type":"array","items":{"$ref":"#/definitions/exemption"}},"suppressions":{"$ref":"#/definitions/suppressions"}}}},"properties":{"sources":{"$ref":"#/definitions/sources"},"$schema":{"type":"string"},"failOn":{"$ref":"#/definitions/severity"},"kubeVersion":{"$ref":"#/definitions/kubeVersion"},"preset":{"$ref":"#/definitions/preset"},"include":{"$ref":"#/definitions/globs"},"exclude":{"$ref":"#/definitions/globs"},"rules":{"$ref":"#/definitions/rules"},"profiles":{"type":"object","additionalProperties":{"$ref":"#/definitions/profile"}},"exemptions":{"type":"array","items":{"$ref":"#/definitions/exemption"}},"suppressions":{"$ref":"#/definitions/suppressions"},"policy":{"$ref":"#/definitions/policy"},"policies":{"$ref":"#/definitions/globs"},"customRules":{"type":"array","items":{"$ref":"#/definitions/customRule"}}}}');
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(44146);
// EXTERNAL MODULE: ./src/core/engine.ts
var engine = __webpack_require__(63805);
// EXTERNAL MODULE: ./src/core/rules/index.ts + 15 modules
var core_rules = __webpack_require__(95992);
// EXTERNAL MODULE: ./src/core/policies/cel.ts + 2 modules
var cel = __webpack_require__(25833);
// EXTERNAL MODULE: ./src/core/policies/match.ts
var match = __webpack_require__(85731);
// EXTERNAL MODULE: ./src/core/policies/rules.ts + 3 modules
var rules = __webpack_require__(86038);
// EXTERNAL MODULE: ./src/core/policies/vap.ts
var vap = __webpack_require__(13429);
;// CONCATENATED MODULE: ./src/core/policies/custom.ts
/**
 * Custom rules written in CEL in `.kubeward.yaml` (`customRules:`). Each becomes a Rule like the
 * built-in ones (same engine, docs, SARIF metadata, suppressions, exemptions, baselines), judged
 * in the environment of a ValidatingAdmissionPolicy validation: `object`, `oldObject` (null),
 * `params`, `namespaceObject`, `request`, `variables`.
 */





const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** `spec.containers[0].image` / `metadata.labels["app.kubernetes.io/name"]` as a field path. */
function parseFieldPath(text) {
    const out = [];
    const re = /\s*(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*"|'[^']*')\])/y;
    let i = 0;
    while (i < text.length) {
        re.lastIndex = i;
        const m = re.exec(text);
        if (!m || m[0].length === 0)
            return undefined;
        if (m[1] !== undefined)
            out.push(m[1]);
        else if (m[2] !== undefined)
            out.push(Number(m[2]));
        else if (m[3] !== undefined)
            out.push(m[3].startsWith("'") ? m[3].slice(1, -1) : JSON.parse(m[3]));
        i = re.lastIndex;
    }
    return out;
}
/** Compile errors of a custom rule's expressions, with the key they are under. */
function customRuleErrors(spec) {
    const env = (0,cel/* admissionEnvironment */.nk)();
    const out = [];
    const e = (0,cel/* compile */.wE)(env, spec.expression);
    if (e.error)
        out.push({ key: 'expression', message: e.error });
    if (spec.messageExpression) {
        const m = (0,cel/* compile */.wE)(env, spec.messageExpression);
        if (m.error)
            out.push({ key: 'messageExpression', message: m.error });
    }
    (spec.variables ?? []).forEach((v, i) => {
        const c = (0,cel/* compile */.wE)(env, v.expression);
        if (c.error)
            out.push({ key: `variables[${i}].expression`, message: c.error });
    });
    if (spec.path !== undefined && !parseFieldPath(spec.path))
        out.push({ key: 'path', message: `"${spec.path}" is not a field path` });
    return out;
}
function kindMatches(kinds, o) {
    return kinds.some((k) => {
        if (k === '*' || k === o.ref.kind)
            return true;
        const slash = k.lastIndexOf('/');
        return slash > 0 && k.slice(slash + 1) === o.ref.kind && k.slice(0, slash) === o.ref.apiVersion;
    });
}
/** A custom rule as a catalog Rule. */
function customRule(spec) {
    let compiled;
    const get = () => {
        if (!compiled) {
            const env = (0,cel/* admissionEnvironment */.nk)();
            const path = spec.path !== undefined ? parseFieldPath(spec.path) : undefined;
            compiled = {
                expr: (0,cel/* compile */.wE)(env, spec.expression),
                ...(spec.messageExpression ? { messageExpr: (0,cel/* compile */.wE)(env, spec.messageExpression) } : {}),
                variables: (spec.variables ?? []).map((v) => ({ name: v.name, expr: (0,cel/* compile */.wE)(env, v.expression) })),
                ...(path ? { path } : {}),
            };
        }
        return compiled;
    };
    const params = spec.params === undefined ? null : (0,cel/* toCel */.Oo)(spec.params);
    const where = `${spec.file}:${spec.line}`;
    return {
        meta: {
            id: spec.id,
            title: spec.title,
            ...(spec.description ? { description: spec.description } : {}),
            severity: spec.severity,
            enabledByDefault: spec.enabled ?? true,
            category: 'policy',
            rationale: spec.rationale ?? spec.description ?? `Custom rule declared in ${where}.`,
            remediation: spec.remediation ?? `Make \`${spec.expression}\` hold for the object.`,
            example: `# ${where}\nexpression: ${JSON.stringify(spec.expression)}`,
            references: spec.references ?? [],
        },
        *check(o, ctx) {
            const m = spec.match;
            let matched = false;
            const env = (0,rules/* admissionEnv */.xE)(ctx);
            const req = (0,vap/* admissionRequest */.zS)(o, env);
            if (m.kinds?.length && kindMatches(m.kinds, o))
                matched = true;
            if (!matched && m.resourceRules?.length) {
                const rr = m.resourceRules.map((r) => ({ operations: ['*'], ...r }));
                matched = (0,match/* matchResources */.jc)({ resourceRules: rr }, req, undefined, false).matches;
            }
            if (!matched)
                return;
            const c = get();
            const object = (0,cel/* toCel */.Oo)(o.data);
            const ns = req.namespace ? env.namespaces.get(req.namespace) : undefined;
            const act = {
                object,
                oldObject: null,
                params,
                namespaceObject: req.namespace
                    ? (0,cel/* toCel */.Oo)(ns ?? { metadata: { name: req.namespace, labels: { 'kubernetes.io/metadata.name': req.namespace } } })
                    : null,
                request: (0,cel/* toCel */.Oo)({
                    operation: 'CREATE',
                    name: req.name,
                    namespace: req.namespace,
                    kind: { group: req.resource.group, version: req.resource.version, kind: req.resource.kind },
                    resource: { group: req.resource.group, version: req.resource.version, resource: req.resource.resource },
                }),
                variables: {},
            };
            const size = (0,cel/* inputSize */.IQ)(object);
            const vars = {};
            act.variables = vars;
            for (const v of c.variables) {
                const r = (0,cel/* run */.eF)(v.expr, act, size);
                if (r.ok)
                    vars[v.name] = r.value;
            }
            const path = c.path ?? c.expr.objectPath ?? [];
            const r = (0,cel/* run */.eF)(c.expr, act, size);
            if (!r.ok) {
                yield {
                    path,
                    message: `custom rule ${spec.id} could not be evaluated: expression '${spec.expression}' resulted in error: ${r.error}`,
                    details: { rule: where },
                };
                return;
            }
            if (r.value === true)
                return;
            if (r.value !== false) {
                yield {
                    path,
                    message: `custom rule ${spec.id}: expression '${spec.expression}' must evaluate to a bool`,
                    details: { rule: where },
                };
                return;
            }
            let message = '';
            if (c.messageExpr) {
                const mr = (0,cel/* run */.eF)(c.messageExpr, act, size);
                if (mr.ok && typeof mr.value === 'string')
                    message = mr.value.trim();
            }
            if (!message)
                message = spec.message?.trim() || `failed expression: ${spec.expression.trim()}`;
            yield { path, message, details: { rule: where } };
        },
    };
}
/** Reads one `customRules:` entry (already schema-checked); undefined when it is unusable. */
function readCustomRule(raw, file, line) {
    if (typeof raw.id !== 'string' || typeof raw.expression !== 'string' || !(0,model/* isSeverity */._Z)(raw.severity))
        return undefined;
    const str = (v) => (typeof v === 'string' ? v : undefined);
    const match = (raw.match ?? {});
    return {
        id: raw.id,
        title: str(raw.title) ?? raw.id,
        severity: raw.severity,
        ...(str(raw.description) ? { description: str(raw.description) } : {}),
        ...(str(raw.rationale) ? { rationale: str(raw.rationale) } : {}),
        ...(str(raw.remediation) ? { remediation: str(raw.remediation) } : {}),
        ...(Array.isArray(raw.references) ? { references: raw.references.map(String) } : {}),
        ...(typeof raw.enabled === 'boolean' ? { enabled: raw.enabled } : {}),
        match,
        expression: raw.expression,
        ...(str(raw.message) ? { message: str(raw.message) } : {}),
        ...(str(raw.messageExpression) ? { messageExpression: str(raw.messageExpression) } : {}),
        ...(str(raw.path) ? { path: str(raw.path) } : {}),
        ...(Array.isArray(raw.variables) ? { variables: raw.variables } : {}),
        ...(raw.params !== undefined ? { params: raw.params } : {}),
        file,
        line,
    };
}

// EXTERNAL MODULE: ./src/core/suppress.ts
var suppress = __webpack_require__(11160);
;// CONCATENATED MODULE: ./src/core/config.ts
/**
 * `.kubeward.yaml`: rules on/off, severity overrides, rule options, presets, profiles,
 * exemptions and the suppression switch. Parsed with the `yaml` package (for positions),
 * validated against schema/kubeward.schema.json (ajv) and then against the rule catalog.
 * Any problem is a ConfigError naming file, line, column and what is wrong.
 */












/** File names looked for, in this order. */
const CONFIG_FILE_NAMES = ['.kubeward.yaml', '.kubeward.yml'];
/** An invalid or unreadable configuration. The CLI maps it to exit code 2. */
class ConfigError extends Error {
    file;
    line;
    column;
    /** Every problem found (the fields above are the first one's). */
    problems;
    constructor(problems) {
        const first = problems[0] ?? { file: '', line: 0, column: 0, message: 'invalid configuration' };
        super(problems.map(formatProblem).join('\n'));
        this.name = 'ConfigError';
        this.file = first.file;
        this.line = first.line;
        this.column = first.column;
        this.problems = problems;
    }
}
function formatProblem(p) {
    const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
    return where ? `${where}: ${p.message}` : p.message;
}
function parsePolicy(ctx, raw) {
    if (!isPlainObject(raw))
        return undefined;
    const lockedRules = Array.isArray(raw.lockedRules)
        ? raw.lockedRules.filter((x) => typeof x === 'string')
        : [];
    lockedRules.forEach((r, i) => {
        if (!ctx.rules.has(r))
            problem(ctx, ['policy', 'lockedRules', i], `unknown rule "${r}"${didYouMean(r, ctx.rules.keys())}`);
    });
    const a = raw.allowSuppressions;
    const allow = typeof a === 'boolean'
        ? { annotations: a, inline: a, wildcard: false }
        : isPlainObject(a)
            ? {
                annotations: a.annotations !== false,
                inline: a.inline !== false,
                wildcard: a.wildcard === true,
            }
            : { annotations: true, inline: true, wildcard: false };
    return {
        locked: raw.locked === true,
        lockedRules,
        allowSuppressions: allow,
        ...(typeof raw.maxExemptionDays === 'number' ? { maxExemptionDays: raw.maxExemptionDays } : {}),
    };
}
// ---------------------------------------------------------------------------------------------
// Helpers
/** The candidate closest to `name` (case-insensitive edit distance, prefix/substring matches first). */
function closest(name, candidates) {
    const n = name.toLowerCase();
    let best;
    let bestScore = Infinity;
    for (const c of candidates) {
        const l = c.toLowerCase();
        let score = (0,core_text/* editDistance */.Y)(n, l);
        if (l.includes(n) || n.includes(l))
            score = Math.min(score, Math.abs(l.length - n.length) / 2);
        if (score < bestScore) {
            best = c;
            bestScore = score;
        }
    }
    return best;
}
/** `; did you mean "x"?` when a candidate is close; else the closest one, or nothing when `always` is false. */
function didYouMean(name, candidates, always = true) {
    const c = closest(name, candidates);
    if (!c)
        return '';
    const near = (0,core_text/* editDistance */.Y)(name.toLowerCase(), c.toLowerCase()) <= Math.max(2, Math.ceil(name.length / 3));
    const related = c.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(c.toLowerCase());
    if (near || related)
        return `; did you mean "${c}"?`;
    return always ? ` (the closest valid name is "${c}")` : '';
}
function isGlob(s) {
    return /[*?[\]{}!]/.test(s);
}
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function typeName(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'a list';
    if (typeof v === 'object')
        return 'a mapping';
    return `${typeof v} ${JSON.stringify(v)}`;
}
/** True for a real calendar date written YYYY-MM-DD. */
function isValidDate(s) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m)
        return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
class Positions {
    doc;
    lc;
    text;
    constructor(doc, lc, text) {
        this.doc = doc;
        this.lc = lc;
        this.text = text;
    }
    /** Source text of the scalar at `segs`, when there is one. */
    raw(segs) {
        const node = this.doc.getIn(segs, true);
        return (0,dist.isScalar)(node) && node.range ? this.text.slice(node.range[0], node.range[1]).trim() : undefined;
    }
    /** Position of the value at `segs` (or of its key with `key`), else of the deepest existing parent. */
    at(segs, key = false) {
        let node = this.doc.contents;
        let found = node;
        for (const seg of segs) {
            if ((0,dist.isMap)(node)) {
                const pair = node.items.find((p) => ((0,dist.isScalar)(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
                if (!pair)
                    break;
                node = pair.value;
                found = key ? pair.key : (node ?? pair.key);
            }
            else if ((0,dist.isSeq)(node)) {
                const item = node.items[Number(seg)];
                if (item === undefined)
                    break;
                node = item;
                found = node;
            }
            else
                break;
        }
        const range = found?.range;
        if (!range)
            return { line: 1, column: 1 };
        const p = this.lc.linePos(range[0]);
        return { line: p.line, column: p.col };
    }
}
function describePath(segs) {
    let out = '';
    for (const s of segs)
        out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
    return out || '(top level)';
}
// ---------------------------------------------------------------------------------------------
// Schema validation
let validator;
function validate(data) {
    if (!validator) {
        const ajv = new dist_ajv.Ajv({ allErrors: true, verbose: true, strict: true });
        validator = ajv.compile(kubeward_schema_namespaceObject);
    }
    return validator(data) ? [] : [...(validator.errors ?? [])];
}
/** The JSON schema of the configuration (schema/kubeward.schema.json). */
const configSchema = (/* unused pure expression or super */ null && (schema));
function decodePointer(p) {
    if (!p)
        return [];
    return p
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
function ajvProblem(e, file, pos) {
    const segs = decodePointer(e.instancePath);
    const where = describePath(segs);
    const last = segs[segs.length - 1];
    const params = e.params;
    let message;
    let at = pos.at(segs);
    switch (e.keyword) {
        case 'additionalProperties': {
            const prop = String(params.additionalProperty);
            const props = Object.keys(e.parentSchema?.properties ?? {});
            at = pos.at([...segs, prop], true);
            message = `unknown key "${prop}" ${segs.length ? `in ${where}` : 'at the top level'}${didYouMean(prop, props)}${props.length ? ` (valid keys: ${props.join(', ')})` : ''}`;
            break;
        }
        case 'required':
            message = `${where} is missing the required key "${String(params.missingProperty)}"`;
            break;
        case 'enum':
            message = `${where} must be one of ${params.allowedValues.join(', ')} (got ${typeName(e.data)})`;
            break;
        case 'type': {
            message = `${where} must be ${params.type === 'object' ? 'a mapping' : params.type === 'array' ? 'a list' : `a ${String(params.type)}`} (got ${typeName(e.data)})`;
            if (last === 'kubeVersion' && typeof e.data === 'number')
                message += `; quote it: kubeVersion: "${pos.raw(segs) ?? String(e.data)}" (YAML reads 1.30 as the number 1.3)`;
            if ((last === 'enabled' || last === 'annotations' || last === 'inline') && typeof e.data === 'string')
                message += '; write true or false';
            break;
        }
        case 'pattern':
            if (last === 'expires')
                message = `${where} must be a date YYYY-MM-DD (got ${typeName(e.data)})`;
            else if (last === 'kubeVersion')
                message = `${where} must be a Kubernetes version like "1.34" (got ${typeName(e.data)})`;
            else
                message = `${where} ${e.message ?? 'is invalid'} (got ${typeName(e.data)})`;
            break;
        default:
            message = `${where} ${e.message ?? 'is invalid'}`;
    }
    return { file, ...at, message };
}
/** Records a problem, unless the schema already reported one at the same place. */
function problem(ctx, segs, message, key = false) {
    const at = ctx.pos.at(segs, key);
    if (ctx.problems.some((p) => p.line === at.line && p.column === at.column))
        return;
    ctx.problems.push({ file: ctx.file, ...at, message });
}
function checkOptionType(opt, v) {
    switch (opt.type) {
        case 'number':
            return typeof v === 'number' && Number.isFinite(v) ? undefined : 'a number';
        case 'string':
            return typeof v === 'string' ? undefined : 'a string';
        case 'boolean':
            return typeof v === 'boolean' ? undefined : 'true or false';
        case 'string[]':
            return Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'a list of strings';
        case 'object':
            return isPlainObject(v) ? undefined : 'a mapping';
        default:
            return undefined;
    }
}
function parseRules(ctx, raw, base) {
    const out = {};
    if (!isPlainObject(raw))
        return out;
    for (const [id, value] of Object.entries(raw)) {
        const meta = ctx.rules.get(id);
        if (!meta) {
            problem(ctx, [...base, id], `unknown rule "${id}"${didYouMean(id, ctx.rules.keys())}`, true);
            continue;
        }
        const setting = isPlainObject(value) ? value : {};
        const rc = { options: {} };
        if (typeof setting.enabled === 'boolean')
            rc.enabled = setting.enabled;
        if ((0,model/* isSeverity */._Z)(setting.severity))
            rc.severity = setting.severity;
        const declared = meta.options ?? {};
        for (const [k, v] of Object.entries(setting)) {
            if (k === 'enabled' || k === 'severity')
                continue;
            const opt = declared[k];
            if (!opt) {
                const names = Object.keys(declared);
                problem(ctx, [...base, id, k], names.length
                    ? `rule "${id}" has no option "${k}"${didYouMean(k, [...names, 'enabled', 'severity'])} (options: ${names.join(', ')}, enabled, severity)`
                    : `rule "${id}" has no option "${k}"${didYouMean(k, ['enabled', 'severity'])} (it takes only enabled and severity)`, true);
                continue;
            }
            const want = checkOptionType(opt, v);
            if (want) {
                problem(ctx, [...base, id, k], `rule "${id}" option "${k}" must be ${want} (got ${typeName(v)})`);
                continue;
            }
            rc.options[k] = v;
        }
        out[id] = rc;
    }
    return out;
}
function parseExemptions(ctx, raw, base) {
    const out = [];
    if (!Array.isArray(raw))
        return out;
    raw.forEach((item, i) => {
        if (!isPlainObject(item))
            return;
        const at = [...base, i];
        const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
        const rules = strings(item.rules);
        const objects = strings(item.objects);
        const paths = strings(item.paths);
        let ok = true;
        rules.forEach((r, j) => {
            const bad = isGlob(r) ? (0,glob/* globProblem */.AI)(r) : undefined;
            if (bad) {
                problem(ctx, [...at, 'rules', j], bad);
                ok = false;
            }
            else if (isGlob(r)) {
                const m = (0,glob/* compileGlob */.SO)(r);
                if (![...ctx.rules.keys()].some((id) => m(id))) {
                    problem(ctx, [...at, 'rules', j], `rule pattern "${r}" matches no rule`);
                    ok = false;
                }
            }
            else if (!ctx.rules.has(r)) {
                problem(ctx, [...at, 'rules', j], `unknown rule "${r}"${didYouMean(r, ctx.rules.keys())}`);
                ok = false;
            }
        });
        paths.forEach((g, j) => {
            const bad = (0,glob/* globProblem */.AI)(g);
            if (bad) {
                problem(ctx, [...at, 'paths', j], bad);
                ok = false;
            }
        });
        objects.forEach((o, j) => {
            const n = o.split('/').length;
            const bad = (0,glob/* globProblem */.AI)(o);
            if (bad) {
                problem(ctx, [...at, 'objects', j], bad);
                ok = false;
            }
            else if (n < 2 || n > 3 || o.split('/').some((s) => s === '')) {
                problem(ctx, [...at, 'objects', j], `object "${o}" must be Kind/namespace/name (namespaced) or Kind/name (cluster-scoped), globs allowed`);
                ok = false;
            }
        });
        if (!objects.length && !paths.length) {
            problem(ctx, at, 'an exemption needs objects or paths to say what it covers (to turn a rule off everywhere, set rules.<id>.enabled: false)');
            ok = false;
        }
        const expires = typeof item.expires === 'string' ? item.expires : undefined;
        if (expires !== undefined && !isValidDate(expires)) {
            problem(ctx, [...at, 'expires'], `expires "${expires}" is not a valid date (YYYY-MM-DD)`);
            ok = false;
        }
        if (!ok)
            return;
        const p = ctx.pos.at(at);
        out.push({
            rules,
            objects,
            paths,
            reason: String(item.reason),
            ...(expires ? { expires } : {}),
            file: ctx.file,
            line: p.line,
            column: p.column,
        });
    });
    return out;
}
function parseLayer(ctx, raw, base) {
    const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
    for (const key of ['include', 'exclude']) {
        const list = raw[key];
        if (!Array.isArray(list))
            continue;
        list.forEach((g, j) => {
            const bad = typeof g === 'string' ? (0,glob/* globProblem */.AI)(g) : undefined;
            if (bad)
                problem(ctx, [...base, key, j], bad);
        });
    }
    const sw = isPlainObject(raw.suppressions) ? raw.suppressions : {};
    return {
        ...((0,model/* isSeverity */._Z)(raw.failOn) ? { failOn: raw.failOn } : {}),
        ...(typeof raw.kubeVersion === 'string' ? { kubeVersion: raw.kubeVersion } : {}),
        ...(raw.preset === 'baseline' || raw.preset === 'restricted' ? { preset: raw.preset } : {}),
        include: strings(raw.include),
        exclude: strings(raw.exclude),
        rules: parseRules(ctx, raw.rules, [...base, 'rules']),
        exemptions: parseExemptions(ctx, raw.exemptions, [...base, 'exemptions']),
        suppressions: {
            ...(typeof sw.annotations === 'boolean' ? { annotations: sw.annotations } : {}),
            ...(typeof sw.inline === 'boolean' ? { inline: sw.inline } : {}),
        },
    };
}
/** Parses and validates configuration text. Throws ConfigError listing every problem. */
function parseConfig(text, file, opts = {}) {
    const lc = new dist.LineCounter();
    const doc = (0,dist.parseDocument)(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length) {
        throw new ConfigError(doc.errors.map((e) => {
            const p = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
            return { file, line: p.line, column: p.col, message: `YAML syntax error: ${e.message.split('\n')[0]}` };
        }));
    }
    const pos = new Positions(doc, lc, text);
    let data;
    try {
        data = doc.toJS({ maxAliasCount: 100 }) ?? {};
    }
    catch (e) {
        throw new ConfigError([{ file, line: 1, column: 1, message: `cannot read YAML: ${e.message}` }]);
    }
    if (!isPlainObject(data)) {
        throw new ConfigError([
            { file, ...pos.at([]), message: `the configuration must be a mapping (got ${typeName(data)})` },
        ]);
    }
    const errors = validate(data);
    const problems = [];
    const seen = new Set();
    for (const e of errors) {
        const p = ajvProblem(e, file, pos);
        const key = formatProblem(p);
        if (!seen.has(key)) {
            seen.add(key);
            problems.push(p);
        }
    }
    const rules = new Map((opts.rules ?? core_rules/* catalog */.U$).map((r) => [r.meta.id, r.meta]));
    const customRules = [];
    if (Array.isArray(data.customRules)) {
        data.customRules.forEach((raw, i) => {
            if (!isPlainObject(raw))
                return;
            const at = pos.at(['customRules', i]);
            const spec = readCustomRule(raw, file, at.line);
            if (!spec)
                return; // the schema reported what is missing
            if (rules.has(spec.id)) {
                const where = customRules.some((c) => c.id === spec.id) ? 'another custom rule' : 'a built-in rule';
                problems.push({
                    file,
                    ...pos.at(['customRules', i, 'id']),
                    message: `custom rule id "${spec.id}" is already ${where}'s id`,
                });
                return;
            }
            const errs = customRuleErrors(spec);
            for (const e of errs) {
                const key = e.key.startsWith('variables[')
                    ? ['variables', Number(/\d+/.exec(e.key)[0]), 'expression']
                    : [e.key];
                problems.push({
                    file,
                    ...pos.at(['customRules', i, ...key]),
                    message: `custom rule "${spec.id}": ${e.message}`,
                });
            }
            if (errs.length)
                return;
            customRules.push(spec);
            rules.set(spec.id, customRule(spec).meta);
        });
    }
    const ctx = { file, pos, problems, rules };
    const top = parseLayer(ctx, data, []);
    const profiles = {};
    const profilePositions = {};
    if (isPlainObject(data.profiles)) {
        profilePositions[''] = pos.at(['profiles'], true);
        for (const [name, raw] of Object.entries(data.profiles)) {
            profilePositions[name] = pos.at(['profiles', name], true);
            if (isPlainObject(raw))
                profiles[name] = parseLayer(ctx, raw, ['profiles', name]);
        }
    }
    const policy = parsePolicy(ctx, data.policy);
    const dir = opts.dir ?? external_node_path_default().resolve(external_node_path_default().dirname(file));
    const sources = isPlainObject(data.sources)
        ? sourcesConfig(data.sources, dir, profiles, pos, file, problems)
        : undefined;
    if (problems.length) {
        problems.sort((a, b) => a.line - b.line || a.column - b.column);
        throw new ConfigError(problems);
    }
    const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
    return {
        ...top,
        file,
        dir,
        profiles,
        profilePositions,
        ...(sources ? { sources } : {}),
        ...(policy ? { policy } : {}),
        policies: strings(data.policies),
        customRules,
    };
}
/** `sources:` with environment shorthands expanded, directories absolute, profiles checked. */
function sourcesConfig(raw, dir, profiles, pos, file, problems) {
    const src = raw;
    const checkProfile = (name, at) => {
        if (name !== undefined && !Object.hasOwn(profiles, name)) {
            problems.push({
                file,
                ...pos.at(at, false),
                message: `unknown profile "${name}"${didYouMean(name, Object.keys(profiles), false)}`,
            });
        }
    };
    const envs = (e, at) => {
        if (!isPlainObject(e))
            return undefined;
        const out = {};
        for (const [name, v] of Object.entries(e)) {
            if (Array.isArray(v))
                out[name] = { values: v };
            else if (isPlainObject(v)) {
                out[name] = v;
                checkProfile(out[name].profile, [...at, name, 'profile']);
            }
        }
        return out;
    };
    const out = { ...src };
    if (Array.isArray(src.helm)) {
        out.helm = src.helm.map((c, i) => {
            const e = envs(c.environments, ['sources', 'helm', i, 'environments']);
            return { ...c, chart: external_node_path_default().resolve(dir, c.chart), ...(e ? { environments: e } : {}) };
        });
    }
    if (Array.isArray(src.kustomize)) {
        out.kustomize = src.kustomize.map((k, i) => {
            for (const [name, o] of Object.entries(k.overlays ?? {}))
                if (typeof o === 'object')
                    checkProfile(o.profile, ['sources', 'kustomize', i, 'overlays', name, 'profile']);
            return { ...k, path: external_node_path_default().resolve(dir, k.path) };
        });
    }
    const e = envs(src.environments, ['sources', 'environments']);
    if (e)
        out.environments = e;
    if (isPlainObject(src.images)) {
        out.images = Object.fromEntries(Object.entries(src.images).map(([k, v]) => [k, external_node_path_default().resolve(dir, String(v))]));
    }
    return out;
}
/** Reads and parses a config file. `file` is shown in messages as given. */
async function loadConfigFile(file, cwd = process.cwd(), rules) {
    const abs = external_node_path_default().resolve(cwd, file);
    let text;
    try {
        text = await (0,promises_.readFile)(abs, 'utf8');
    }
    catch (e) {
        const code = e.code;
        throw new ConfigError([
            {
                file,
                line: 0,
                column: 0,
                message: `cannot read the configuration file: ${code === 'ENOENT' ? 'no such file' : (code ?? e.message)}`,
            },
        ]);
    }
    return parseConfig(text, file, { dir: external_node_path_default().dirname(abs), ...(rules ? { rules } : {}) });
}
async function isFile(p) {
    try {
        return (await (0,promises_.stat)(p)).isFile();
    }
    catch {
        return false;
    }
}
async function isDir(p) {
    try {
        return (await (0,promises_.stat)(p)).isDirectory();
    }
    catch {
        return false;
    }
}
function display(abs, cwd) {
    const rel = external_node_path_default().relative(cwd, abs);
    return rel && !rel.startsWith('..') && !external_node_path_default().isAbsolute(rel) ? rel.split((external_node_path_default()).sep).join('/') : abs;
}
/**
 * The config file to use: `configFile` when given; else .kubeward.yaml/.kubeward.yml in cwd;
 * else in the first scanned path that is a directory. Returned as shown in messages.
 */
async function findConfigFile(opts) {
    const cwd = opts.cwd ?? process.cwd();
    if (opts.configFile)
        return display(external_node_path_default().resolve(cwd, opts.configFile), cwd);
    const dirs = [cwd];
    for (const p of opts.paths ?? []) {
        if (p === '-' || isGlob(p))
            continue;
        const abs = external_node_path_default().resolve(cwd, p);
        if (await isDir(abs)) {
            dirs.push(abs);
            break;
        }
    }
    for (const dir of dirs) {
        for (const name of CONFIG_FILE_NAMES) {
            const f = external_node_path_default().join(dir, name);
            if (await isFile(f))
                return display(f, cwd);
        }
    }
    return undefined;
}
/** Rewrites a glob relative to `dir` as one relative to `cwd`. */
function rebaseGlob(pattern, dir, cwd) {
    const neg = pattern.startsWith('!') ? '!' : '';
    let p = neg ? pattern.slice(1) : pattern;
    if (external_node_path_default().isAbsolute(p))
        return pattern;
    p = p.replace(/^(\.\/)+/, '');
    const rel = external_node_path_default().relative(cwd, dir).split((external_node_path_default()).sep).join('/');
    return neg + (rel ? `${rel}/${p}` : p);
}
function overlay(top, p) {
    if (!p)
        return top;
    const rules = { ...top.rules };
    for (const [id, rc] of Object.entries(p.rules)) {
        const t = rules[id];
        if (!t) {
            rules[id] = rc;
            continue;
        }
        const merged = { options: { ...t.options, ...rc.options } };
        const enabled = rc.enabled ?? t.enabled;
        const severity = rc.severity ?? t.severity;
        if (enabled !== undefined)
            merged.enabled = enabled;
        if (severity !== undefined)
            merged.severity = severity;
        rules[id] = merged;
    }
    return {
        failOn: p.failOn ?? top.failOn,
        kubeVersion: p.kubeVersion ?? top.kubeVersion,
        preset: p.preset ?? top.preset,
        include: [...top.include, ...p.include],
        exclude: [...top.exclude, ...p.exclude],
        rules,
        exemptions: [...top.exemptions, ...p.exemptions],
        suppressions: { ...top.suppressions, ...p.suppressions },
    };
}
/** The setting of one rule under a preset and rule configuration. */
function ruleSetting(meta, preset, rc) {
    const d = (0,engine/* defaultSetting */.u$)(meta);
    let enabled = d.enabled;
    if (preset === 'baseline' && meta.pss === 'baseline')
        enabled = true;
    if (preset === 'restricted' && (meta.pss === 'baseline' || meta.pss === 'restricted'))
        enabled = true;
    if (!rc)
        return { ...d, enabled };
    if (rc.enabled !== undefined)
        enabled = rc.enabled;
    else if (Object.keys(rc.options).length)
        enabled = true; // configuring a rule's options turns it on
    return { enabled, severity: rc.severity ?? d.severity, options: { ...d.options, ...rc.options } };
}
/**
 * Applies the chosen profile over the top level and returns what the scan needs. Without a
 * config, the defaults. Throws ConfigError for an unknown profile.
 */
function resolveConfig(config, opts = {}) {
    const cwd = opts.cwd ?? process.cwd();
    if (!config) {
        if (opts.profile) {
            throw new ConfigError([
                {
                    file: CONFIG_FILE_NAMES[0],
                    line: 0,
                    column: 0,
                    message: `profile "${opts.profile}" was requested but no configuration file was found (looked for ${CONFIG_FILE_NAMES.join(', ')})`,
                },
            ]);
        }
        return {
            include: [],
            exclude: [],
            rules: {},
            exemptions: [],
            suppressions: { annotations: true, inline: true },
            policies: [],
            customRules: [],
            settings: engine/* defaultSetting */.u$,
        };
    }
    let layer;
    if (opts.profile !== undefined) {
        layer = Object.hasOwn(config.profiles, opts.profile) ? config.profiles[opts.profile] : undefined;
        if (!layer) {
            const names = Object.keys(config.profiles);
            const at = config.profilePositions[''] ?? { line: 0, column: 0 };
            throw new ConfigError([
                {
                    file: config.file,
                    ...at,
                    message: names.length
                        ? `unknown profile "${opts.profile}"${didYouMean(opts.profile, names, false)} (profiles: ${names.join(', ')})`
                        : `unknown profile "${opts.profile}": the configuration defines no profiles`,
                },
            ]);
        }
    }
    const merged = overlay(config, layer);
    const rebase = (g) => rebaseGlob(g, config.dir, cwd);
    const preset = merged.preset;
    const rules = merged.rules;
    return {
        file: config.file,
        ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
        ...(merged.failOn ? { failOn: merged.failOn } : {}),
        ...(merged.kubeVersion ? { kubeVersion: merged.kubeVersion } : {}),
        ...(preset ? { preset } : {}),
        include: merged.include.map(rebase),
        exclude: merged.exclude.map(rebase),
        rules,
        exemptions: merged.exemptions.map((e) => ({ ...e, paths: e.paths.map(rebase) })),
        suppressions: {
            // the policy's allowSuppressions bounds what the (possibly PR-side) layers switch on
            annotations: (merged.suppressions.annotations ?? true) && (config.policy?.allowSuppressions.annotations ?? true),
            inline: (merged.suppressions.inline ?? true) && (config.policy?.allowSuppressions.inline ?? true),
        },
        ...(config.policy ? { policy: config.policy } : {}),
        policies: (config.policies ?? []).map(rebase),
        customRules: (config.customRules ?? []).map(customRule),
        settings: (meta) => ruleSetting(meta, preset, Object.hasOwn(rules, meta.id) ? rules[meta.id] : undefined),
        ...(config.sources ? { sources: config.sources } : {}),
    };
}


/***/ }),

/***/ 45035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ ensureDir)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/**
 * `mkdir -p` for report files. Node's own `mkdir(dir, { recursive: true })` never returns for a
 * path under /proc whose parent does not exist (`-o /proc/nope/report.json` spun a CPU forever):
 * this walks up one level at a time, so it ends with the first error that is not "missing parent".
 */


async function ensureDir(dir) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir);
    }
    catch (e) {
        const code = e.code;
        if (code === 'EEXIST')
            return;
        const parent = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(dir);
        if (code !== 'ENOENT' || parent === dir)
            throw e;
        await ensureDir(parent);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir);
        }
        catch (e2) {
            if (e2.code !== 'EEXIST')
                throw e2;
        }
    }
}


/***/ }),

/***/ 63805:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tc: () => (/* binding */ sortFindings),
/* harmony export */   _3: () => (/* binding */ evaluate),
/* harmony export */   u$: () => (/* binding */ defaultSetting),
/* harmony export */   zT: () => (/* binding */ DEFAULT_KUBE_VERSION)
/* harmony export */ });
/* unused harmony exports EvaluationDeadlineError, problemReport, problemFindings */
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44146);
/* harmony import */ var _rules_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(95992);
/* harmony import */ var _rules_types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(98018);
/* harmony import */ var _rules_podspec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(75495);
/* harmony import */ var _secrets_quoted_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(33809);
/**
 * Runs rules over an inventory of objects and turns violations into located findings.
 * Knows nothing about files on disk or output formats.
 */





/** The evaluation ran past `EngineOptions.deadline`; no result was produced. */
class EvaluationDeadlineError extends Error {
    constructor(message = 'the evaluation ran past its deadline') {
        super(message);
        this.name = 'EvaluationDeadlineError';
    }
}
const DEFAULT_KUBE_VERSION = '1.34';
/** Default setting of a rule from its metadata and option defaults. */
function defaultSetting(meta) {
    const options = {};
    for (const [k, o] of Object.entries(meta.options ?? {}))
        if (o.default !== undefined)
            options[k] = o.default;
    return { enabled: meta.enabledByDefault, severity: meta.severity, options };
}
/** The text of 1-based line `n` of `text`, or undefined. */
function lineText(text, n) {
    let start = 0;
    for (let i = 1; i < n; i++) {
        const nl = text.indexOf('\n', start);
        if (nl === -1)
            return undefined;
        start = nl + 1;
    }
    const end = text.indexOf('\n', start);
    return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}
/** Line `n` (1-based, of the file) of a document's source: from the document's own text when it has one. */
function fileLine(src, n) {
    const { text, line, column } = src;
    if (text === undefined || line === undefined || column === undefined)
        return lineText(src.fileText, n);
    // before the document, on its first line when that starts after a `---` marker, or past its
    // end (an empty line, as far as the document's text knows): the file's text answers
    if (n < line || (n === line && column > 0))
        return lineText(src.fileText, n);
    const t = lineText(text, n - line + 1);
    return t === undefined || t === '' ? lineText(src.fileText, n) : t;
}
/**
 * A violation inside a multi-line value (a file in a ConfigMap, a script) says which line of the
 * value (`details.lineInValue`); when the value is a literal block scalar (`key: |`, `- |`), its lines are
 * the file's lines, so the finding points at that line instead of the key.
 */
function refineToValueLine(loc, src, lineInValue) {
    const header = fileLine(src, loc.line);
    // `key: |` or a sequence item `- |` (a script in args)
    if (header === undefined || !/(?::|^\s*-)\s*\|[-+0-9]*\s*(?:#.*)?$/.test(header))
        return loc;
    const line = loc.line + lineInValue;
    const text = fileLine(src, line);
    if (text === undefined || text.trim() === '')
        return loc;
    const column = text.length - text.trimStart().length + 1;
    return { file: loc.file, line, column, endLine: line, endColumn: text.trimEnd().length + 1 };
}
function makeFinding(rule, setting, v, obj, origin) {
    const path = (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPath */ .jV)(v.path);
    // the one redaction point: a rule may quote a value by accident, never a secret one
    const hidden = obj ? (0,_secrets_quoted_js__WEBPACK_IMPORTED_MODULE_3__/* .sensitiveValues */ .DJ)(obj.data) : [];
    let location = obj?.locate?.(v.path);
    const inValue = Number(v.details?.lineInValue);
    if (location && obj?.source && inValue >= 1)
        location = refineToValueLine(location, obj.source, inValue);
    const f = {
        ruleId: rule.meta.id,
        // a per-violation severity (e.g. removed vs deprecated API) wins unless the user overrode the rule's
        severity: v.severity && setting.severity === rule.meta.severity ? v.severity : setting.severity,
        category: rule.meta.category,
        title: rule.meta.title,
        message: hidden.length ? (0,_secrets_quoted_js__WEBPACK_IMPORTED_MODULE_3__/* .redactQuoted */ .SA)(v.message, hidden) : v.message,
        path,
        fingerprint: (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprint */ .Rj)(rule.meta.id, obj?.ref, v.key ? `${path}#${v.key}` : path, obj?.file),
        ...(obj ? { object: obj.ref } : {}),
        ...(location ? { location } : {}),
        ...(v.secretPreview ? { secretPreview: v.secretPreview } : {}),
        ...(v.fix ? { fix: v.fix } : {}),
        ...(v.details ? { details: hidden.length ? redactDetails(v.details, hidden) : v.details } : {}),
        ...(origin ? { origin } : {}),
    };
    return f;
}
function redactDetails(details, hidden) {
    const out = {};
    for (const [k, v] of Object.entries(details))
        out[k] = typeof v === 'string' ? (0,_secrets_quoted_js__WEBPACK_IMPORTED_MODULE_3__/* .redactQuoted */ .SA)(v, hidden) : v;
    return out;
}
/** Sorts findings most severe first, then by file, line, column, rule. */
function sortFindings(findings) {
    return findings.sort((a, b) => (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .compareSeverity */ .zK)(a.severity, b.severity) ||
        (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
        (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
        (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
        a.ruleId.localeCompare(b.ruleId));
}
/** Load problems that mean input was not read at all: always input errors (exit 2), whatever the config. */
const UNREAD = new Set(['unreadable', 'too-large', 'binary']);
/** The input rule that reports a load problem. */
function problemRule(p) {
    return _rules_index_js__WEBPACK_IMPORTED_MODULE_1__/* .catalog */ .U$.find((r) => r.meta.id === (p.kind === 'duplicate-key' ? 'duplicate-key' : 'invalid-yaml'));
}
/**
 * Findings and input errors for load problems (invalid YAML, Helm sources, binary files, duplicate
 * keys ...). Configuration can re-rate an input rule, but never hide input: a file that was not read
 * is always an input error, and a problem whose rule is turned off becomes one.
 */
function problemReport(problems, settings) {
    const out = { findings: [], errors: [] };
    for (const p of problems) {
        const rule = problemRule(p);
        const setting = rule && (settings ? settings(rule.meta) : defaultSetting(rule.meta));
        if (!rule || !setting?.enabled || UNREAD.has(p.kind)) {
            const off = rule && !setting?.enabled && !UNREAD.has(p.kind) ? ` (rule ${rule.meta.id} is off)` : '';
            out.errors.push({ file: p.file, line: p.line, column: p.column, message: p.message + off });
        }
        if (!rule || !setting?.enabled)
            continue;
        const path = p.path ? (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPath */ .jV)(p.path) : '';
        out.findings.push({
            ruleId: rule.meta.id,
            severity: setting.severity,
            category: rule.meta.category,
            title: rule.meta.title,
            message: p.message,
            path,
            ...(p.object ? { object: p.object } : {}),
            location: { file: p.file, line: p.line, column: p.column },
            fingerprint: p.object
                ? (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprint */ .Rj)(rule.meta.id, p.object, path, p.file)
                : (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprint */ .Rj)(rule.meta.id, undefined, `${p.kind}:${p.line}`, p.file),
        });
    }
    return out;
}
/** Findings for documents that could not be parsed (invalid YAML, Helm sources, binary files ...). */
function problemFindings(problems, settings) {
    return problemReport(problems, settings).findings;
}
/** Quoted text in an error message may be input (a value, a key): it is not repeated. */
function safeErrorText(e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const msg = err.message
        .replace(/"(?:[^"\\\n]|\\.){0,200}"|'(?:[^'\\\n]|\\.){0,200}'|`[^`\n]{0,200}`/g, '"…"')
        .split('\n')[0];
    const text = `${err.name}: ${msg}`;
    return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
/**
 * A rule that throws does not vanish: the object it was checking was not judged by it. The failure
 * is a `rule-error` finding (high, never suppressed or turned off) and an input error (exit 2).
 */
function ruleErrorReport(rule, obj, e) {
    const meta = _rules_index_js__WEBPACK_IMPORTED_MODULE_1__/* .catalog */ .U$.find((r) => r.meta.id === 'rule-error')?.meta;
    const on = obj
        ? `${obj.ref.kind}/${obj.ref.namespace ? `${obj.ref.namespace}/` : ''}${obj.ref.name}`
        : 'the inventory (a cross-object rule)';
    const message = `rule ${rule.meta.id} failed on ${on}, which was not checked by it: ${safeErrorText(e)}`;
    const location = obj?.locate?.([]);
    return {
        finding: {
            ruleId: 'rule-error',
            severity: 'high',
            category: meta?.category ?? 'hygiene',
            title: meta?.title ?? 'A rule failed on an object',
            message,
            path: '',
            fingerprint: (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprint */ .Rj)('rule-error', obj?.ref, rule.meta.id, obj?.file),
            ...(obj ? { object: obj.ref } : {}),
            ...(location ? { location } : obj?.file ? { location: { file: obj.file, line: 1, column: 1 } } : {}),
            ...(obj?.origin ? { origin: obj.origin } : {}),
            details: { rule: rule.meta.id },
        },
        error: {
            file: obj?.file ?? (obj ? `${obj.ref.kind}/${obj.ref.name}` : ''),
            ...(location ? { line: location.line, column: location.column } : {}),
            message,
        },
    };
}
function evaluate(objects, problems, opts = {}) {
    const rules = opts.rules ?? _rules_index_js__WEBPACK_IMPORTED_MODULE_1__/* .catalog */ .U$;
    const settingOf = opts.settings ?? defaultSetting;
    const memo = new Map();
    const result = { findings: [], suppressed: [], errors: [] };
    const push = (f, obj) => {
        const s = opts.suppress?.(f, obj);
        if (s)
            result.suppressed.push({ ...f, suppression: s });
        else
            result.findings.push(f);
    };
    const fromProblems = problemReport(problems, opts.settings);
    for (const f of fromProblems.findings)
        push(f, undefined);
    for (const e of fromProblems.errors)
        result.errors.push(e);
    const failed = (rule, obj, e) => {
        const r = ruleErrorReport(rule, obj, e);
        result.findings.push(r.finding); // never suppressed
        result.errors.push(r.error);
    };
    // Violations are located after every rule has run, document by document: each document's
    // position index is then built once and can be dropped before the next (manifests/locate.ts)
    const pending = new Map();
    const defer = (rule, setting, v, obj) => {
        const key = obj.source ?? obj;
        const list = pending.get(key);
        if (list)
            list.push({ rule, setting, v, obj });
        else
            pending.set(key, [{ rule, setting, v, obj }]);
    };
    // Dispatch by kind: a rule that declares its kinds sees only objects of those kinds
    const byKind = new Map();
    for (const o of objects) {
        const list = byKind.get(o.ref.kind);
        if (list)
            list.push(o);
        else
            byKind.set(o.ref.kind, [o]);
    }
    const dispatched = new Map();
    let templated;
    const objectsFor = (kinds) => {
        if (!kinds)
            return objects;
        const key = kinds.join('\0');
        let list = dispatched.get(key);
        if (!list) {
            const set = new Set();
            for (const k of kinds) {
                if (k === _rules_types_js__WEBPACK_IMPORTED_MODULE_4__/* .POD_TEMPLATE_KINDS */ .V)
                    for (const t of (templated ??= (0,_rules_podspec_js__WEBPACK_IMPORTED_MODULE_2__/* .podTemplateKinds */ .Lv)()))
                        set.add(t);
                else
                    set.add(k);
            }
            list = set.size === 1 ? (byKind.get([...set][0]) ?? []) : objects.filter((o) => set.has(o.ref.kind));
            dispatched.set(key, list);
        }
        return list;
    };
    const deadline = opts.deadline;
    const checkDeadline = () => {
        if (deadline !== undefined && performance.now() > deadline)
            throw new EvaluationDeadlineError();
    };
    for (const rule of rules) {
        const setting = settingOf(rule.meta);
        if (!setting.enabled)
            continue;
        checkDeadline();
        const ctx = {
            objects,
            options: setting.options,
            kubeVersion: opts.kubeVersion ?? DEFAULT_KUBE_VERSION,
            mode: opts.mode ?? (opts.live ? 'live' : 'manifest'),
            ...(opts.live ? { live: opts.live } : {}),
            policies: opts.policies ?? [],
            memo(key, compute) {
                if (!memo.has(key))
                    memo.set(key, compute());
                return memo.get(key);
            },
        };
        if (rule.check) {
            for (const obj of objectsFor(rule.meta.kinds)) {
                if (deadline !== undefined)
                    checkDeadline();
                try {
                    for (const v of rule.check(obj, ctx))
                        defer(rule, setting, v, obj);
                }
                catch (e) {
                    failed(rule, obj, e);
                }
            }
        }
        if (rule.checkAll) {
            try {
                for (const v of rule.checkAll(ctx))
                    defer(rule, setting, v, v.object);
            }
            catch (e) {
                failed(rule, undefined, e);
            }
        }
    }
    for (const group of pending.values()) {
        for (const p of group)
            push(makeFinding(p.rule, p.setting, p.v, p.obj, p.obj.origin), p.obj);
    }
    sortFindings(result.findings);
    sortFindings(result.suppressed);
    return result;
}


/***/ }),

/***/ 16085:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AI: () => (/* binding */ globProblem),
/* harmony export */   SO: () => (/* binding */ compileGlob)
/* harmony export */ });
/* unused harmony exports MAX_GLOB_LENGTH, GlobError */
/* harmony import */ var re2js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2856);
/**
 * Glob matching in linear time. picomatch compiles a glob to a backtracking RegExp, and
 * `Pod/ns/*a*a*a*a*a*a*a*a*b` against a long name took minutes: a pull request could stall the gate
 * with one exemption or `exclude` pattern. Here a glob is translated to a regular expression without
 * lookarounds or backreferences and run by RE2JS (a JavaScript port of RE2: matching time is linear
 * in the input, whatever the pattern). Patterns are also bounded in length.
 *
 * Supported: `*` and `?` (within a path segment), `**` (any number of segments), `[...]` classes
 * (`[!...]`/`[^...]` negated), `{a,b}` alternatives (nested), `\` escapes, and a leading `!` that
 * negates the pattern. Like picomatch, a pattern matches the whole string; with `dot: false`,
 * wildcards do not match a segment that starts with `.`.
 */

/** Longer patterns are refused: no real path or object glob comes near it. */
const MAX_GLOB_LENGTH = 1024;
class GlobError extends Error {
    constructor(message) {
        super(message);
        this.name = 'GlobError';
    }
}
const META = /[\\^$.|?*+()[\]{}]/g;
const escape = (s) => s.replace(META, '\\$&');
/** Why a pattern cannot be used, or undefined when it can. */
function globProblem(pattern) {
    if (pattern.length > MAX_GLOB_LENGTH) {
        return `pattern is ${pattern.length} characters long, over the ${MAX_GLOB_LENGTH}-character limit for a glob`;
    }
    try {
        compileOne(pattern, {});
    }
    catch (e) {
        return e.message;
    }
    return undefined;
}
/** Index of the `}` closing the `{` at `i`, or -1. */
function closingBrace(p, i) {
    let depth = 0;
    for (let j = i; j < p.length; j++) {
        const c = p[j];
        if (c === '\\')
            j++;
        else if (c === '{')
            depth++;
        else if (c === '}' && --depth === 0)
            return j;
    }
    return -1;
}
/** Splits brace content at top-level commas. */
function alternatives(body) {
    const out = [];
    let depth = 0;
    let start = 0;
    for (let j = 0; j < body.length; j++) {
        const c = body[j];
        if (c === '\\')
            j++;
        else if (c === '{')
            depth++;
        else if (c === '}')
            depth--;
        else if (c === ',' && depth === 0) {
            out.push(body.slice(start, j));
            start = j + 1;
        }
    }
    out.push(body.slice(start));
    return out;
}
/** Translates a glob (no leading `!`) to RE2 syntax. `segStart`: the text starts a path segment. */
function translate(p, dot, segStart) {
    // a segment of any name (dot: false, not one that starts with `.`)
    const anySeg = dot ? '[^/]*' : '(?:[^/.][^/]*)?';
    let out = '';
    let atStart = segStart;
    for (let i = 0; i < p.length; i++) {
        const c = p[i];
        if (c === '\\') {
            if (i + 1 < p.length)
                out += escape(p[++i]);
            atStart = false;
        }
        else if (c === '*') {
            let j = i;
            while (p[j + 1] === '*')
                j++;
            const globstar = j > i && atStart && (j + 1 === p.length || p[j + 1] === '/');
            if (globstar) {
                if (p[j + 1] === '/') {
                    // `**/`: zero or more whole segments
                    out += `(?:${anySeg}/)*`;
                    i = j + 1;
                    atStart = true;
                    continue;
                }
                // trailing `**`: the rest, any depth (also nothing)
                out += dot ? '.*' : `(?:${anySeg}(?:/${anySeg})*)?`;
            }
            else
                out += atStart && !dot ? anySeg : '[^/]*';
            i = j;
            atStart = false;
        }
        else if (c === '?') {
            out += atStart && !dot ? '[^/.]' : '[^/]';
            atStart = false;
        }
        else if (c === '[') {
            const end = p.indexOf(']', i + 2);
            if (end === -1) {
                out += '\\[';
            }
            else {
                let body = p.slice(i + 1, end);
                const neg = body[0] === '!' || body[0] === '^';
                if (neg)
                    body = body.slice(1);
                const cls = body.replace(/[\\[\]^]/g, (m) => `\\${m}`);
                out += neg ? `[^/${cls}]` : `[${cls}]`;
                i = end;
            }
            atStart = false;
        }
        else if (c === '{') {
            const end = closingBrace(p, i);
            const alts = end === -1 ? [] : alternatives(p.slice(i + 1, end));
            if (alts.length < 2) {
                out += '\\{';
                atStart = false;
                continue;
            }
            out += `(?:${alts.map((a) => translate(a, dot, atStart)).join('|')})`;
            i = end;
            atStart = false;
        }
        else if (c === '/' && i + 3 === p.length && p.endsWith('**')) {
            // trailing `/**`: the directory itself or anything below it (as picomatch)
            out += dot ? '(?:/.*)?' : `(?:/${anySeg}(?:/${anySeg})*)?`;
            break;
        }
        else {
            out += escape(c);
            atStart = c === '/';
        }
    }
    return out;
}
function compileOne(pattern, opts) {
    if (pattern.length > MAX_GLOB_LENGTH)
        throw new GlobError(globProblem(pattern) ?? 'pattern too long');
    let p = pattern;
    let negate = false;
    while (p.startsWith('!')) {
        negate = !negate;
        p = p.slice(1);
    }
    if (p.startsWith('./'))
        p = p.slice(2);
    let re;
    try {
        re = re2js__WEBPACK_IMPORTED_MODULE_0__/* .RE2JS */ .L3.compile(`^(?:${translate(p, Boolean(opts.dot), true)})$`, opts.nocase ? re2js__WEBPACK_IMPORTED_MODULE_0__/* .RE2JS */ .L3.CASE_INSENSITIVE : 0);
    }
    catch (e) {
        throw new GlobError(`invalid glob "${pattern.slice(0, 80)}": ${e.message}`);
    }
    return negate ? (s) => !re.matches(s) : (s) => re.matches(s);
}
/**
 * A matcher for one pattern or any of several (like `picomatch(patterns)`). Throws GlobError for a
 * pattern over MAX_GLOB_LENGTH or one that cannot be compiled.
 */
function compileGlob(patterns, opts = {}) {
    const list = (typeof patterns === 'string' ? [patterns] : patterns).map((p) => compileOne(p, opts));
    if (list.length === 1)
        return list[0];
    return (s) => list.some((m) => m(s));
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
    const text = `${ruleId}\0${id}\0${path}`;
    // one-shot hashing (Node >= 21.7) is several times cheaper than a Hash object per finding
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)('sha256', text, 'hex').slice(0, 32);
}
/** Does this report fail the given threshold? Never for 'none'. */
function failsThreshold(report, failOn) {
    return failOn !== 'none' && report.findings.some((f) => atLeast(f.severity, failOn));
}


/***/ }),

/***/ 29411:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ verifyOutcome),
/* harmony export */   i: () => (/* binding */ scanOutcome)
/* harmony export */ });
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44146);
/**
 * The verdict of a run, decided in one place for every adapter: the CLI's exit code, the action's
 * `passed` output and failed step, the orb's exit status. A run that could not look at what it
 * was given (input errors, nothing to scan, a cluster not verified) never passes, whatever the
 * findings; the adapters only phrase the reasons.
 */

/** `1 file`, `2 files`: no "1 files" in a message. */
function count(n, word) {
    return `${n} ${n === 1 ? word : `${word}s`}`;
}
function failingCount(report, failOn) {
    if (failOn === 'none')
        return 0;
    let n = 0;
    for (const f of report.findings)
        if ((0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .atLeast */ .jZ)(f.severity, failOn))
            n++;
    return n;
}
/**
 * The verdict of a scan: exit 2 when the report has input errors or (without allowEmpty) holds no
 * Kubernetes object; else 1 when a finding is at or above failOn; else 0.
 */
function scanOutcome(report, opts = {}) {
    const failOn = opts.failOn ?? report.failOn;
    const problems = [];
    if (report.errors.length) {
        // the first error is named, so the one line a CI log shows says what to fix
        const e = report.errors[0];
        const at = e.line ? `${e.file}:${e.line}` : e.file;
        const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : '';
        problems.push({
            code: 'input-errors',
            message: `${count(report.errors.length, 'input error')}: the results are incomplete; ${at ? `${at}: ` : ''}${e.message}${more}`,
        });
    }
    if (report.objectsScanned === 0 && !opts.allowEmpty) {
        const where = opts.paths?.length ? ` in ${opts.paths.join(', ')}` : '';
        problems.push({
            code: 'no-objects',
            message: `no Kubernetes objects found${where} (${count(report.filesScanned, 'file')} read, ${count(report.skipped.length, 'document')} skipped)`,
        });
    }
    const failing = failingCount(report, failOn);
    const exitCode = problems.length ? 2 : (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .failsThreshold */ .Lh)(report, failOn) ? 1 : 0;
    return { exitCode, passed: exitCode === 0, problems, failing, failOn };
}
/**
 * The verdict of a verification: 3 when anything could not be verified (a cluster unreachable, a
 * kind whose list failed, a check without permission), as a scan with input errors exits 2 whatever
 * its findings: the findings are reported, but the run has not looked at everything. Else 1 for
 * findings at or above failOn, else 0. With failOn `none`, findings never fail.
 */
function verifyOutcome(report, opts = {}) {
    const failOn = opts.failOn ?? report.failOn;
    const cluster = report.notVerified.filter((n) => n.check === 'cluster');
    const problems = cluster.length
        ? cluster.map((n) => ({ code: 'cluster', message: n.reason }))
        : report.notVerified.map((n) => ({ code: 'not-verified', message: `${n.check}: ${n.reason}` }));
    const failing = failingCount(report, failOn);
    const exitCode = report.notVerified.length ? 3 : (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .failsThreshold */ .Lh)(report, failOn) ? 1 : 0;
    return { exitCode, passed: exitCode === 0, problems, failing, failOn };
}


/***/ }),

/***/ 25833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  zw: () => (/* binding */ NotEvaluableError),
  nk: () => (/* binding */ admissionEnvironment),
  wE: () => (/* binding */ compile),
  MO: () => (/* binding */ createEnvironment),
  IQ: () => (/* binding */ inputSize),
  eF: () => (/* binding */ run),
  Oo: () => (/* binding */ toCel)
});

// UNUSED EXPORTS: ADMISSION_VARIABLES, CostExceededError, PER_CALL_COST_LIMIT, celEquals, fromCel, re2

// EXTERNAL MODULE: ./node_modules/@marcbachmann/cel-js/lib/index.js + 13 modules
var lib = __webpack_require__(47337);
;// CONCATENATED MODULE: ./src/core/policies/cel-types.ts
/**
 * Value types of the Kubernetes CEL libraries (k8s.io/apiserver/pkg/cel/library): IP addresses and
 * CIDRs, URLs, quantities and semantic versions, each with the parsing rules the API server uses.
 * Pure data and parsing: src/core/policies/cel.ts registers them with the CEL environment.
 */
class CelLibError extends Error {
}
// ---------------------------------------------------------------------------------------------
// IP addresses and CIDRs (library/ip.go, library/cidr.go: netip.ParseAddr without zones or
// IPv4-mapped IPv6 addresses)
class IPAddr {
    family;
    /** 32 or 128 bits. */
    bits;
    constructor(family, bits) {
        this.family = family;
        this.bits = bits;
    }
    toString() {
        return this.family === 4 ? v4String(this.bits) : v6String(this.bits);
    }
}
function v4String(b) {
    return [24n, 16n, 8n, 0n].map((s) => String((b >> s) & 255n)).join('.');
}
function v6String(b) {
    const groups = [];
    for (let i = 7; i >= 0; i--)
        groups.push(Number((b >> BigInt(i * 16)) & 0xffffn));
    // longest run (>= 2) of zero groups becomes '::' (RFC 5952, as Go prints them)
    let best = -1;
    let bestLen = 0;
    for (let i = 0; i < 8;) {
        if (groups[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && groups[j] === 0)
            j++;
        if (j - i > bestLen && j - i >= 2) {
            best = i;
            bestLen = j - i;
        }
        i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (best < 0)
        return hex.join(':');
    return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
function parseV4(s) {
    const parts = s.split('.');
    if (parts.length !== 4)
        return undefined;
    let v = 0n;
    for (const p of parts) {
        // netip rejects leading zeros ("010") and empty parts
        if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)
            return undefined;
        v = (v << 8n) | BigInt(p);
    }
    return v;
}
function parseV6(s) {
    if (s.includes('%'))
        return undefined; // zones are rejected
    let tail4;
    let text = s;
    const lastColon = s.lastIndexOf(':');
    if (s.slice(lastColon + 1).includes('.')) {
        tail4 = parseV4(s.slice(lastColon + 1));
        if (tail4 === undefined)
            return undefined;
        text = s.slice(0, lastColon + 1) + '0:0';
    }
    const dbl = text.split('::');
    if (dbl.length > 2)
        return undefined;
    const head = dbl[0] ? dbl[0].split(':') : [];
    const tail = dbl.length === 2 && dbl[1] ? dbl[1].split(':') : [];
    const count = head.length + tail.length;
    if (dbl.length === 1 ? count !== 8 : count > 7)
        return undefined;
    const groups = [...head, ...Array(8 - count).fill('0'), ...tail];
    let v = 0n;
    for (const g of groups) {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g))
            return undefined;
        v = (v << 16n) | BigInt(parseInt(g, 16));
    }
    if (tail4 !== undefined)
        v = (v & ~0xffffffffn) | tail4;
    return v;
}
function parseIP(s) {
    const v4 = s.includes(':') ? undefined : parseV4(s);
    if (v4 !== undefined)
        return new IPAddr(4, v4);
    const v6 = s.includes(':') ? parseV6(s) : undefined;
    if (v6 === undefined)
        throw new CelLibError(`IP Address ${JSON.stringify(s)} parse error during conversion from string`);
    if (v6 >> 32n === 0xffffn)
        throw new CelLibError('IPv4-mapped IPv6 address is not allowed');
    return new IPAddr(6, v6);
}
function isIP(s) {
    try {
        parseIP(s);
        return true;
    }
    catch {
        return false;
    }
}
const V4_ALL = 0xffffffffn;
const V6_ALL = (1n << 128n) - 1n;
function inPrefix(ip, prefix, len) {
    const width = ip.family === 4 ? 32 : 128;
    return ip.bits >> BigInt(width - len) === prefix >> BigInt(width - len);
}
const ipPredicates = {
    isUnspecified: (ip) => ip.bits === 0n,
    isLoopback: (ip) => (ip.family === 4 ? inPrefix(ip, 0x7f000000n, 8) : ip.bits === 1n),
    isLinkLocalMulticast: (ip) => ip.family === 4 ? inPrefix(ip, 0xe0000000n, 24) : inPrefix(ip, 0xff02n << 112n, 16),
    isLinkLocalUnicast: (ip) => ip.family === 4 ? inPrefix(ip, 0xa9fe0000n, 16) : inPrefix(ip, 0xfe80n << 112n, 10),
    isGlobalUnicast: (ip) => {
        if (ip.family === 4) {
            if (ip.bits === V4_ALL || ip.bits === 0n)
                return false;
            return !inPrefix(ip, 0x7f000000n, 8) && !inPrefix(ip, 0xe0000000n, 4) && !inPrefix(ip, 0xa9fe0000n, 16);
        }
        if (ip.bits === 0n || ip.bits === 1n)
            return false;
        return !inPrefix(ip, 0xffn << 120n, 8) && !inPrefix(ip, 0xfe80n << 112n, 10);
    },
};
class CIDR {
    ip;
    prefix;
    constructor(ip, prefix) {
        this.ip = ip;
        this.prefix = prefix;
    }
    masked() {
        const width = this.ip.family === 4 ? 32 : 128;
        const all = this.ip.family === 4 ? V4_ALL : V6_ALL;
        const mask = (all << BigInt(width - this.prefix)) & all;
        return new CIDR(new IPAddr(this.ip.family, this.ip.bits & mask), this.prefix);
    }
    containsIP(ip) {
        return ip.family === this.ip.family && inPrefix(ip, this.ip.bits, this.prefix);
    }
    containsCIDR(other) {
        return other.prefix >= this.prefix && this.containsIP(other.ip);
    }
    toString() {
        return `${this.ip.toString()}/${this.prefix}`;
    }
}
function parseCIDR(s) {
    const slash = s.lastIndexOf('/');
    const bad = () => new CelLibError(`network address parse error during conversion from string: ${JSON.stringify(s)}`);
    if (slash < 0)
        throw bad();
    let ip;
    try {
        ip = parseIP(s.slice(0, slash));
    }
    catch {
        throw bad();
    }
    const p = s.slice(slash + 1);
    const width = ip.family === 4 ? 32 : 128;
    if (!/^(0|[1-9]\d*)$/.test(p) || Number(p) > width)
        throw bad();
    return new CIDR(ip, Number(p));
}
function isCIDR(s) {
    try {
        parseCIDR(s);
        return true;
    }
    catch {
        return false;
    }
}
// ---------------------------------------------------------------------------------------------
// URLs (library/urls.go: url.ParseRequestURI)
class KubeURL {
    url;
    raw;
    constructor(raw, url) {
        this.raw = raw;
        this.url = url;
    }
    scheme() {
        return this.url.protocol.replace(/:$/, '');
    }
    host() {
        // the host as written (Go keeps the port and the IPv6 brackets)
        const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/.exec(this.raw);
        return m?.[1] ?? '';
    }
    hostname() {
        const h = this.host();
        if (h.startsWith('['))
            return h.slice(1, h.indexOf(']'));
        const colon = h.lastIndexOf(':');
        return colon >= 0 ? h.slice(0, colon) : h;
    }
    port() {
        const h = this.host();
        const end = h.startsWith('[') ? h.indexOf(']') + 1 : 0;
        const colon = h.indexOf(':', end);
        return colon >= 0 ? h.slice(colon + 1) : '';
    }
    escapedPath() {
        const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:(?:\/\/[^/?#]*)?([^?#]*)/.exec(this.raw);
        return m?.[1] ?? '';
    }
    query() {
        const out = new Map();
        const q = this.raw.includes('?') ? this.raw.slice(this.raw.indexOf('?') + 1).split('#')[0] : '';
        for (const [k, v] of new URLSearchParams(q ?? '')) {
            const list = out.get(k);
            if (list)
                list.push(v);
            else
                out.set(k, [v]);
        }
        return out;
    }
}
function parseURL(s) {
    // ParseRequestURI: absolute URI or an absolute path, no fragment
    if (s.startsWith('/'))
        return new KubeURL(s, new URL(s, 'http://localhost'));
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s) || s.includes('#'))
        throw new CelLibError(`URL parse error during conversion from string: parse ${JSON.stringify(s)}: invalid URI for request`);
    try {
        return new KubeURL(s, new URL(s));
    }
    catch {
        throw new CelLibError(`URL parse error during conversion from string: parse ${JSON.stringify(s)}: invalid URI for request`);
    }
}
function isURL(s) {
    try {
        parseURL(s);
        return true;
    }
    catch {
        return false;
    }
}
// ---------------------------------------------------------------------------------------------
// Quantities (k8s.io/apimachinery/pkg/api/resource): exact rationals
const BINARY = {
    Ki: 1n << 10n,
    Mi: 1n << 20n,
    Gi: 1n << 30n,
    Ti: 1n << 40n,
    Pi: 1n << 50n,
    Ei: 1n << 60n,
};
const DECIMAL = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
function gcd(a, b) {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b)
        [a, b] = [b, a % b];
    return a;
}
class Quantity {
    num;
    den;
    text;
    constructor(num, den, text) {
        const g = gcd(num, den) || 1n;
        this.num = num / g;
        this.den = den / g;
        this.text = text;
    }
    compare(o) {
        const l = this.num * o.den;
        const r = o.num * this.den;
        return l < r ? -1 : l > r ? 1 : 0;
    }
    add(o) {
        return new Quantity(this.num * o.den + o.num * this.den, this.den * o.den, '');
    }
    sub(o) {
        return new Quantity(this.num * o.den - o.num * this.den, this.den * o.den, '');
    }
    isInteger() {
        return this.num % this.den === 0n && this.num / this.den <= INT64_MAX && this.num / this.den >= INT64_MIN;
    }
    asInteger() {
        if (!this.isInteger())
            throw new CelLibError('cannot convert value to integer');
        return this.num / this.den;
    }
    asApproximateFloat() {
        return Number(this.num) / Number(this.den);
    }
    sign() {
        return this.num > 0n ? 1n : this.num < 0n ? -1n : 0n;
    }
}
function parseQuantity(s) {
    const m = QUANTITY_RE.exec(s);
    if (!m || s.length === 0)
        throw new CelLibError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    const [, number, suffix = ''] = m;
    const neg = number.startsWith('-');
    const digits = number.replace(/^[+-]/, '');
    const [int, frac = ''] = digits.split('.');
    let num = BigInt(`${int || '0'}${frac}`) * (neg ? -1n : 1n);
    let den = 10n ** BigInt(frac.length);
    if (suffix in BINARY)
        num *= BINARY[suffix];
    else {
        const exp = suffix in DECIMAL ? DECIMAL[suffix] : Number(suffix.slice(1));
        if (Math.abs(exp) > 1000)
            throw new CelLibError('quantity exponent out of range');
        if (exp >= 0)
            num *= 10n ** BigInt(exp);
        else
            den *= 10n ** BigInt(-exp);
    }
    return new Quantity(num, den, s);
}
function isQuantity(s) {
    try {
        parseQuantity(s);
        return true;
    }
    catch {
        return false;
    }
}
// ---------------------------------------------------------------------------------------------
// Semantic versions (library/semver.go: blang/semver strict parsing)
const SEMVER_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
class Semver {
    major;
    minor;
    patch;
    pre;
    constructor(major, minor, patch, pre) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.pre = pre;
    }
    compare(o) {
        for (const k of ['major', 'minor', 'patch'])
            if (this[k] !== o[k])
                return this[k] < o[k] ? -1 : 1;
        if (!this.pre.length || !o.pre.length)
            return this.pre.length === o.pre.length ? 0 : this.pre.length ? -1 : 1;
        for (let i = 0; i < Math.max(this.pre.length, o.pre.length); i++) {
            const a = this.pre[i];
            const b = o.pre[i];
            if (a === undefined)
                return -1;
            if (b === undefined)
                return 1;
            const an = /^\d+$/.test(a);
            const bn = /^\d+$/.test(b);
            if (an && bn && a !== b)
                return BigInt(a) < BigInt(b) ? -1 : 1;
            if (an !== bn)
                return an ? -1 : 1;
            if (a !== b)
                return a < b ? -1 : 1;
        }
        return 0;
    }
}
function parseSemver(s, normalize = false) {
    let text = s;
    if (normalize) {
        text = text.replace(/^v/, '');
        const core = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(text);
        if (core)
            text = [core[1], core[2] ?? '0', core[3] ?? '0'].map((n) => String(Number(n))).join('.') + core[4];
    }
    const m = SEMVER_RE.exec(text);
    if (!m)
        throw new CelLibError(`could not parse ${JSON.stringify(s)} as a semantic version`);
    return new Semver(BigInt(m[1]), BigInt(m[2]), BigInt(m[3]), m[4] ? m[4].split('.') : []);
}
function isSemver(s, normalize = false) {
    try {
        parseSemver(s, normalize);
        return true;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./src/core/arrays.ts
var arrays = __webpack_require__(53309);
;// CONCATENATED MODULE: ./src/core/policies/cel-format.ts
/**
 * The Kubernetes CEL `format` library (k8s.io/apiserver/pkg/cel/library/format.go): named string
 * formats whose `validate(s)` returns `optional.none()` when `s` is valid, else the list of the
 * API server's own error strings. The validators follow the Go sources they call, message for
 * message: apimachinery's util/validation and api/validate/content (DNS labels and subdomains,
 * qualified names, label values), kube-openapi's strfmt (uuid, byte, date, datetime) and Go's
 * net/url ParseRequestURI (uri).
 */
/** A named format: `format.dns1123Label()` ... (CEL type kubernetes.NamedFormat). */
class NamedFormat {
    name;
    validate;
    constructor(name, validate) {
        this.name = name;
        this.validate = validate;
    }
}
/** Go's len(): bytes of the UTF-8 encoding. */
const byteLen = (s) => Buffer.byteLength(s, 'utf8');
/** Go's strconv.Quote for the strings these messages quote (printable text). */
function goQuote(s) {
    return JSON.stringify(s);
}
// --- k8s.io/apimachinery/pkg/util/validation (lengths in "characters") and content ("bytes")
function regexError(msg, fmt, ...examples) {
    if (!examples.length)
        return `${msg} (regex used for validation is '${fmt}')`;
    // as Go's RegexError: "'a', " then " or 'b', " (two spaces before "or", as the API server says it)
    return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const dns1123LabelRe = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const dns1123SubdomainRe = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const dns1035LabelRe = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const labelKeyRe = new RegExp(`^${LABEL_KEY_FMT}$`);
const labelValueRe = new RegExp(`^${LABEL_VALUE_FMT}$`);
const maxLen = (n, unit) => `must be no more than ${n} ${unit}`;
function isDNS1123Label(s, unit = 'characters') {
    const errs = [];
    if (byteLen(s) > 63)
        errs.push(maxLen(63, unit));
    if (!dns1123LabelRe.test(s)) {
        // a valid subdomain but not a label: the length was checked, so it is the dots
        if (dns1123SubdomainRe.test(s))
            errs.push('must not contain dots');
        else
            errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
    }
    return errs;
}
function isDNS1123Subdomain(s, unit = 'characters') {
    const errs = [];
    if (byteLen(s) > 253)
        errs.push(maxLen(253, unit));
    if (!dns1123SubdomainRe.test(s))
        errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
    return errs;
}
function isDNS1035Label(s) {
    const errs = [];
    if (byteLen(s) > 63)
        errs.push(maxLen(63, 'characters'));
    if (!dns1035LabelRe.test(s))
        errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
    return errs;
}
/** content.IsLabelKey (what format.qualifiedName() validates). */
function isQualifiedName(s) {
    const errs = [];
    const parts = s.split('/');
    let name;
    if (parts.length === 1)
        name = parts[0];
    else if (parts.length === 2) {
        const prefix = parts[0];
        name = parts[1];
        if (!prefix.length)
            errs.push('prefix part must be non-empty');
        else
            for (const m of isDNS1123Subdomain(prefix, 'bytes'))
                errs.push(`prefix part ${m}`);
    }
    else {
        return [
            `a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
        ];
    }
    if (!name.length)
        errs.push('name part must be non-empty');
    else if (byteLen(name) > 63)
        errs.push(`name part ${maxLen(63, 'bytes')}`);
    if (!labelKeyRe.test(name))
        errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
    return errs;
}
/** content.IsLabelValue. */
function isLabelValue(s) {
    const errs = [];
    if (byteLen(s) > 63)
        errs.push(maxLen(63, 'bytes'));
    if (!labelValueRe.test(s))
        errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
    return errs;
}
/** api/validation maskTrailingDash: a generateName prefix may end with '-'. */
function maskTrailingDash(s) {
    return s.length > 1 && s.endsWith('-') ? `${s.slice(0, -2)}a` : s;
}
// --- kube-openapi strfmt
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const DATETIME_TIME_RE = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;
/** time.Parse("2006-01-02", s): four-digit year, two-digit month and day, the day within the month. */
function isDate(s) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m)
        return false;
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1)
        return false;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
    return d <= days;
}
/** strfmt.IsDateTime: a date, a `t`, and a time matched by strfmt's DateTimePattern. */
function isDateTime(s) {
    if (s.length < 4)
        return false;
    const parts = s.toLowerCase().split('t');
    if (parts.length < 2 || !isDate(parts[0]))
        return false;
    const m = DATETIME_TIME_RE.exec(parts[1]);
    if (!m)
        return false;
    return m[1] <= '23' && m[2] <= '59' && m[3] <= '59';
}
// --- Go net/url ParseRequestURI (format.uri())
const HOST_CHARS = /^[!"$&'()*+,\-.0-9:;<=>A-Z[\]_a-z~]$/;
const isHex = (c) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
function unescapeError(s, host) {
    for (let i = 0; i < s.length;) {
        const c = s[i];
        if (c === '%') {
            if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2]))
                return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
            if (host && parseInt(s[i + 1], 16) < 8 && s.slice(i, i + 3) !== '%25')
                return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
            i += 3;
            continue;
        }
        if (host && c.charCodeAt(0) < 0x80 && !HOST_CHARS.test(c))
            return `invalid character ${goQuote(c)} in host name`;
        i++;
    }
    return undefined;
}
function validOptionalPort(p) {
    if (p === '')
        return true;
    return p[0] === ':' && /^[0-9]*$/.test(p.slice(1));
}
function hostError(scheme, host) {
    const open = host.lastIndexOf('[');
    if (open > 0)
        return 'invalid IP-literal';
    if (open === 0) {
        const close = host.lastIndexOf(']');
        if (close < 0)
            return "missing ']' in host";
        const colonPort = host.slice(close + 1);
        if (!validOptionalPort(colonPort))
            return `invalid port ${goQuote(colonPort)} after host`;
        const literal = host.slice(1, close);
        const zone = literal.indexOf('%25');
        const e = zone >= 0 ? unescapeError(literal.slice(0, zone), true) : unescapeError(literal, true);
        if (e)
            return e;
        const addr = zone >= 0 ? literal.slice(0, zone) : literal;
        if (!addr.includes(':'))
            return /^[0-9.]+$/.test(addr)
                ? 'invalid IP-literal'
                : `invalid host: ParseAddr(${goQuote(addr)}): unable to parse IP`;
        return undefined;
    }
    let i = host.indexOf(':');
    if (i !== -1) {
        const last = host.lastIndexOf(':');
        // Go enforces one colon for http(s) hosts only
        if (last !== i && scheme !== 'http' && scheme !== 'https')
            i = last;
        const colonPort = host.slice(i);
        if (!validOptionalPort(colonPort))
            return `invalid port ${goQuote(colonPort)} after host`;
    }
    return unescapeError(host, true);
}
const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;
/** The error of Go's url.ParseRequestURI(s), or undefined when it parses. */
function parseRequestURIError(s) {
    const err = (e) => `parse ${goQuote(s)}: ${e}`;
    for (let i = 0; i < s.length; i++) {
        const b = s.charCodeAt(i);
        if (b < 0x20 || b === 0x7f)
            return err('net/url: invalid control character in URL');
    }
    if (s === '')
        return err('empty url');
    if (s === '*')
        return undefined;
    let scheme = '';
    let rest = s;
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (/[a-zA-Z]/.test(c))
            continue;
        if (/[0-9+\-.]/.test(c)) {
            if (i === 0)
                break;
            continue;
        }
        if (c === ':') {
            if (i === 0)
                return err('missing protocol scheme');
            scheme = s.slice(0, i).toLowerCase();
            rest = s.slice(i + 1);
        }
        break;
    }
    if (rest.endsWith('?') && rest.split('?').length === 2)
        rest = rest.slice(0, -1);
    else
        rest = rest.split('?')[0];
    if (!rest.startsWith('/'))
        return scheme ? undefined : err('invalid URI for request');
    if (scheme && rest.startsWith('//')) {
        let authority = rest.slice(2);
        const slash = authority.indexOf('/');
        rest = slash >= 0 ? authority.slice(slash) : '';
        if (slash >= 0)
            authority = authority.slice(0, slash);
        const at = authority.lastIndexOf('@');
        const he = hostError(scheme, at < 0 ? authority : authority.slice(at + 1));
        if (he)
            return err(he);
        if (at >= 0) {
            const userinfo = authority.slice(0, at);
            if (!USERINFO.test(userinfo))
                return err('net/url: invalid userinfo');
            for (const part of userinfo.includes(':') ? userinfo.split(':').slice(0, 2) : [userinfo]) {
                const ue = unescapeError(part, false);
                if (ue)
                    return err(ue);
            }
        }
    }
    const pe = unescapeError(rest, false);
    return pe ? err(pe) : undefined;
}
// --- the named formats (format.go ConstantFormats)
const NAMED_FORMATS = new Map([
    ['dns1123Label', (s) => isDNS1123Label(s)],
    ['dns1123Subdomain', (s) => isDNS1123Subdomain(s)],
    ['dns1035Label', (s) => isDNS1035Label(s)],
    ['qualifiedName', isQualifiedName],
    ['dns1123LabelPrefix', (s) => isDNS1123Label(maskTrailingDash(s))],
    ['dns1123SubdomainPrefix', (s) => isDNS1123Subdomain(maskTrailingDash(s))],
    ['dns1035LabelPrefix', (s) => isDNS1035Label(maskTrailingDash(s))],
    ['labelValue', isLabelValue],
    [
        'uri',
        (s) => {
            const e = parseRequestURIError(s);
            return e ? [e] : [];
        },
    ],
    ['uuid', (s) => (UUID_RE.test(s) ? [] : ['does not match the UUID format'])],
    ['byte', (s) => (BASE64_RE.test(s) ? [] : ['invalid base64'])],
    ['date', (s) => (isDate(s) ? [] : ['invalid date'])],
    ['datetime', (s) => (isDateTime(s) ? [] : ['invalid datetime'])],
].map(([name, fn]) => [name, new NamedFormat(name, fn)]));

;// CONCATENATED MODULE: ./src/core/policies/cel.ts
/**
 * The CEL environment of Kubernetes admission policies: @marcbachmann/cel-js plus the Kubernetes
 * CEL libraries it lacks (k8s.io/apiserver/pkg/cel/library and the cel-go extensions the API
 * server enables): lists, sets, regex, strings, URLs, IP/CIDR, quantity, semver, format, base64,
 * optionals, and `authorizer` (declared, reported as not evaluable offline).
 *
 * Expressions are compiled once (parse + type check against the declared variables); a compile
 * error is returned, never thrown. Evaluation is bounded: an expression whose nested
 * comprehensions over the input could exceed the API server's per-call cost limit is refused
 * before it runs (CostExceededError), so a runaway policy cannot hang a scan.
 */




/** An expression uses something kubeward cannot evaluate offline (the authorizer, a Kyverno function ...). */
class NotEvaluableError extends Error {
    feature;
    constructor(feature, message) {
        super(message ?? `${feature} cannot be evaluated offline`);
        this.feature = feature;
    }
}
/** The expression's estimated cost exceeds the API server's per-expression limit. */
class CostExceededError extends Error {
}
/** The API server's per-expression runtime cost limit (k8s.io/apiserver/pkg/apis/cel PerCallLimit). */
const PER_CALL_COST_LIMIT = 1_000_000;
// ---------------------------------------------------------------------------------------------
// Values
/** Equality as CEL defines it: numbers across int/double, deep lists and maps. */
function celEquals(a, b) {
    if (a === b)
        return true;
    if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number'))
        return Number(a) === Number(b) && (typeof a !== 'bigint' || typeof b !== 'bigint' || a === b);
    if (Array.isArray(a) && Array.isArray(b))
        return a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
    if (a instanceof Map && b instanceof Map) {
        if (a.size !== b.size)
            return false;
        for (const [k, v] of a)
            if (!b.has(k) || !celEquals(v, b.get(k)))
                return false;
        return true;
    }
    if (isPlain(a) && isPlain(b)) {
        const ka = Object.keys(a);
        if (ka.length !== Object.keys(b).length)
            return false;
        return ka.every((k) => Object.hasOwn(b, k) && celEquals(a[k], b[k]));
    }
    if (a instanceof IPAddr && b instanceof IPAddr)
        return a.family === b.family && a.bits === b.bits;
    if (a instanceof CIDR && b instanceof CIDR)
        return celEquals(a.ip, b.ip) && a.prefix === b.prefix;
    if (a instanceof Quantity && b instanceof Quantity)
        return a.compare(b) === 0;
    if (a instanceof Semver && b instanceof Semver)
        return a.compare(b) === 0;
    if (a instanceof KubeURL && b instanceof KubeURL)
        return a.raw === b.raw;
    return false;
}
function isPlain(v) {
    return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}
function compare(a, b) {
    if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
        if (typeof a === 'bigint' && typeof b === 'bigint')
            return a < b ? -1 : a > b ? 1 : 0;
        return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
    }
    if (typeof a === 'string' && typeof b === 'string')
        return a < b ? -1 : a > b ? 1 : 0;
    if (typeof a === 'boolean' && typeof b === 'boolean')
        return Number(a) - Number(b);
    throw new CelLibError(`no such overload: compare ${typeName(a)} and ${typeName(b)}`);
}
function typeName(v) {
    if (v === null)
        return 'null_type';
    if (typeof v === 'bigint')
        return 'int';
    if (typeof v === 'number')
        return 'double';
    if (Array.isArray(v))
        return 'list';
    if (typeof v === 'object')
        return 'map';
    return typeof v;
}
/**
 * JSON data as CEL sees it: integers become int (bigint), other numbers double. Objects keep
 * their shape. Converted once per object and cached.
 */
function toCel(v) {
    if (typeof v === 'number')
        return Number.isInteger(v) ? BigInt(v) : v;
    if (Array.isArray(v))
        return v.map(toCel);
    if (v && typeof v === 'object') {
        const out = {};
        for (const [k, x] of Object.entries(v))
            out[k] = toCel(x);
        return out;
    }
    return v;
}
/** A CEL result as plain JSON-ish data (for messages and tests). */
function fromCel(v) {
    if (typeof v === 'bigint')
        return Number(v);
    if (Array.isArray(v))
        return v.map(fromCel);
    if (v instanceof Map)
        return Object.fromEntries([...v].map(([k, x]) => [String(k), fromCel(x)]));
    if (v instanceof Optional)
        return v.hasValue() ? fromCel(v.value()) : null;
    if (v && typeof v === 'object' && isPlain(v))
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromCel(x)]));
    if (v && typeof v === 'object' && 'toString' in v && v.toString !== Object.prototype.toString)
        return String(v);
    return v;
}
// ---------------------------------------------------------------------------------------------
// Regular expressions: RE2 syntax as Go reads it, run by the JavaScript engine
const regexCache = new Map();
/** Compiles an RE2 pattern: leading `(?flags)` groups become JavaScript flags; \A and \z anchors map. */
function re2(pattern, global = false) {
    const key = `${global ? 'g' : ''}:${pattern}`;
    let re = regexCache.get(key);
    if (re)
        return re;
    let src = pattern;
    let flags = global ? 'gu' : 'u';
    const lead = /^\(\?([imsU]+)\)/.exec(src);
    if (lead) {
        src = src.slice(lead[0].length);
        for (const f of lead[1])
            if (f !== 'U' && !flags.includes(f))
                flags += f;
    }
    src = src.replace(/\\A/g, '^').replace(/\\z/g, '$(?![\\s\\S])');
    try {
        re = new RegExp(src, flags);
    }
    catch (e) {
        throw new CelLibError(`invalid regular expression ${JSON.stringify(pattern)}: ${e.message}`);
    }
    if (regexCache.size > 500)
        regexCache.clear();
    regexCache.set(key, re);
    return re;
}
// ---------------------------------------------------------------------------------------------
// format (cel-go ext strings: "%s".format([...]))
function formatValue(v) {
    if (v === null)
        return 'null';
    if (typeof v === 'string')
        return v;
    if (typeof v === 'bigint' || typeof v === 'boolean')
        return String(v);
    if (typeof v === 'number')
        return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : String(v);
    if (v instanceof Uint8Array)
        return Buffer.from(v).toString('utf8');
    if (Array.isArray(v))
        return `[${v.map(formatValue).join(', ')}]`;
    if (v instanceof Map)
        return `{${[...v].map(([k, x]) => `${formatValue(k)}: ${formatValue(x)}`).join(', ')}}`;
    if (isPlain(v))
        return `{${Object.keys(v)
            .sort()
            .map((k) => `${k}: ${formatValue(v[k])}`)
            .join(', ')}}`;
    return String(v);
}
function celFormat(fmt, args) {
    let i = 0;
    return fmt.replace(/%(?:\.(\d+))?([sdfeExXobc%])/g, (_m, prec, verb) => {
        if (verb === '%')
            return '%';
        if (i >= args.length)
            throw new CelLibError(`index ${i} out of range`);
        const a = args[i++];
        switch (verb) {
            case 's':
                return formatValue(a);
            case 'd':
                if (typeof a !== 'bigint')
                    throw new CelLibError('error during formatting: decimal clause can only be used on integers');
                return String(a);
            case 'f':
            case 'e':
            case 'E': {
                const n = Number(a);
                const p = prec === undefined ? 6 : Number(prec);
                if (Number.isNaN(n))
                    return 'NaN';
                if (!Number.isFinite(n))
                    return n > 0 ? 'Infinity' : '-Infinity';
                if (verb === 'f')
                    return n.toFixed(p);
                const s = n.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
                return verb === 'E' ? s.toUpperCase() : s;
            }
            case 'x':
            case 'X': {
                const s = typeof a === 'string'
                    ? Buffer.from(a).toString('hex')
                    : a instanceof Uint8Array
                        ? Buffer.from(a).toString('hex')
                        : a.toString(16);
                return verb === 'X' ? s.toUpperCase() : s;
            }
            case 'o':
                return a.toString(8);
            case 'b':
                return typeof a === 'boolean' ? String(a) : a.toString(2);
            default:
                return formatValue(a);
        }
    });
}
function quote(s) {
    return JSON.stringify(s)
        .replace(/\\u0007/g, '\\a')
        .replace(/\\u000b/g, '\\v');
}
// ---------------------------------------------------------------------------------------------
// The environment
class SetsNamespace {
}
class ListsNamespace {
}
class StringsNamespace {
}
class Base64Namespace {
}
class FormatNamespace {
}
class IPNamespace {
}
class Authorizer {
}
class AuthzCheck {
}
const notEvaluable = () => {
    throw new NotEvaluableError('authorizer', 'authorizer checks need the cluster and cannot be evaluated offline');
};
function numericSum(l) {
    if (l.length === 0)
        return 0n;
    let acc = l[0];
    for (const x of l.slice(1)) {
        if (typeof acc === 'bigint' && typeof x === 'bigint')
            acc = acc + x;
        else if (typeof acc === 'number' && typeof x === 'number')
            acc = acc + x;
        else if (acc instanceof Quantity && x instanceof Quantity)
            acc = acc.add(x);
        else
            throw new CelLibError('no such overload: sum of mixed types');
    }
    return acc;
}
function flatten(l, depth) {
    const out = [];
    for (const x of l) {
        if (Array.isArray(x) && depth > 0)
            (0,arrays/* pushAll */.i)(out, flatten(x, depth - 1));
        else
            out.push(x);
    }
    return out;
}
/** The variables an admission policy expression sees. */
const ADMISSION_VARIABLES = [
    'object',
    'oldObject',
    'request',
    'params',
    'namespaceObject',
    'variables',
];
/** A fresh environment with the Kubernetes libraries and the admission variables. */
function createEnvironment(opts = {}) {
    const env = new lib/* Environment */.OH({
        enableOptionalTypes: true,
        homogeneousAggregateLiterals: false,
        limits: { maxAstNodes: 20_000, maxDepth: 250 },
    });
    for (const v of ADMISSION_VARIABLES)
        env.registerVariable(v, 'dyn');
    for (const v of opts.variables ?? [])
        env.registerVariable(v, 'dyn');
    // --- strings (cel-go ext.Strings, version 2)
    env
        .registerFunction('string.charAt(int): string', (s, i) => {
        const chars = [...s];
        if (i < 0n || i > BigInt(chars.length))
            throw new CelLibError(`index out of range: ${i}`);
        return chars[Number(i)] ?? '';
    })
        .registerFunction('string.replace(string, string): string', (s, a, b) => s.split(a).join(b))
        .registerFunction('string.replace(string, string, int): string', (s, a, b, n) => {
        if (n < 0n)
            return s.split(a).join(b);
        const parts = s.split(a);
        const k = Math.min(Number(n), parts.length - 1);
        return parts.slice(0, k + 1).join(b) + (k < parts.length - 1 ? a + parts.slice(k + 1).join(a) : '');
    })
        .registerFunction('string.reverse(): string', (s) => [...s].reverse().join(''))
        .registerFunction('string.format(list<dyn>): string', (s, args) => celFormat(s, args))
        .registerFunction('list<dyn>.join(): string', (l) => l.map((x) => String(x)).join(''))
        .registerFunction('list<dyn>.join(string): string', (l, sep) => l.map((x) => String(x)).join(sep))
        .registerType('kubeward.StringsNamespace', StringsNamespace)
        .registerConstant('strings', 'kubeward.StringsNamespace', new StringsNamespace())
        .registerFunction('kubeward.StringsNamespace.quote(string): string', (_ns, s) => quote(s));
    // --- regex (k8s library/regex.go). matches() is cel-js's own (JavaScript RegExp: RE2's inline
    // flags such as (?i) are not understood there and end in an evaluation error, never a pass)
    env
        .registerFunction('string.find(string): string', (s, p) => re2(p).exec(s)?.[0] ?? '')
        .registerFunction('string.findAll(string): list<string>', (s, p) => [...s.matchAll(re2(p, true))].map((m) => m[0]))
        .registerFunction('string.findAll(string, int): list<string>', (s, p, n) => {
        const all = [...s.matchAll(re2(p, true))].map((m) => m[0]);
        return n < 0n ? all : all.slice(0, Number(n));
    });
    // --- lists (k8s library/lists.go, cel-go ext.Lists)
    env
        .registerFunction('list<dyn>.isSorted(): bool', (l) => l.every((x, i) => i === 0 || compare(l[i - 1], x) <= 0))
        .registerFunction('list<dyn>.sum(): dyn', (l) => numericSum(l))
        .registerFunction('list<dyn>.min(): dyn', (l) => {
        if (!l.length)
            throw new CelLibError('min called on empty list');
        return l.reduce((a, b) => (compare(b, a) < 0 ? b : a));
    })
        .registerFunction('list<dyn>.max(): dyn', (l) => {
        if (!l.length)
            throw new CelLibError('max called on empty list');
        return l.reduce((a, b) => (compare(b, a) > 0 ? b : a));
    })
        .registerFunction('list<dyn>.indexOf(dyn): int', (l, v) => BigInt(l.findIndex((x) => celEquals(x, v))))
        .registerFunction('list<dyn>.lastIndexOf(dyn): int', (l, v) => {
        for (let i = l.length - 1; i >= 0; i--)
            if (celEquals(l[i], v))
                return BigInt(i);
        return -1n;
    })
        .registerFunction('list<dyn>.slice(int, int): list<dyn>', (l, a, b) => {
        if (a < 0n || b < a || b > BigInt(l.length))
            throw new CelLibError(`cannot slice(${a}, ${b}), list has ${l.length} elements`);
        return l.slice(Number(a), Number(b));
    })
        .registerFunction('list<dyn>.flatten(): list<dyn>', (l) => flatten(l, 1))
        .registerFunction('list<dyn>.flatten(int): list<dyn>', (l, d) => {
        if (d < 0n)
            throw new CelLibError('level must be non-negative');
        return flatten(l, Number(d));
    })
        .registerFunction('list<dyn>.distinct(): list<dyn>', (l) => {
        const out = [];
        for (const x of l)
            if (!out.some((y) => celEquals(x, y)))
                out.push(x);
        return out;
    })
        .registerFunction('list<dyn>.reverse(): list<dyn>', (l) => [...l].reverse())
        .registerFunction('list<dyn>.sort(): list<dyn>', (l) => [...l].sort(compare))
        .registerType('kubeward.ListsNamespace', ListsNamespace)
        .registerConstant('lists', 'kubeward.ListsNamespace', new ListsNamespace())
        .registerFunction('kubeward.ListsNamespace.range(int): list<int>', (_ns, n) => {
        if (n > 100000n)
            throw new CostExceededError('lists.range is limited to 100000 elements');
        return Array.from({ length: Math.max(0, Number(n)) }, (_x, i) => BigInt(i));
    });
    // --- sets (cel-go ext.Sets)
    env
        .registerType('kubeward.SetsNamespace', SetsNamespace)
        .registerConstant('sets', 'kubeward.SetsNamespace', new SetsNamespace())
        .registerFunction('kubeward.SetsNamespace.contains(list<dyn>, list<dyn>): bool', (_n, a, b) => b.every((x) => a.some((y) => celEquals(x, y))))
        .registerFunction('kubeward.SetsNamespace.equivalent(list<dyn>, list<dyn>): bool', (_n, a, b) => b.every((x) => a.some((y) => celEquals(x, y))) && a.every((x) => b.some((y) => celEquals(x, y))))
        .registerFunction('kubeward.SetsNamespace.intersects(list<dyn>, list<dyn>): bool', (_n, a, b) => a.some((x) => b.some((y) => celEquals(x, y))));
    // --- base64 (cel-go ext.Encoders)
    env
        .registerType('kubeward.Base64Namespace', Base64Namespace)
        .registerConstant('base64', 'kubeward.Base64Namespace', new Base64Namespace())
        .registerFunction('kubeward.Base64Namespace.encode(bytes): string', (_n, b) => Buffer.from(b).toString('base64'))
        .registerFunction('kubeward.Base64Namespace.decode(string): bytes', (_n, s) => {
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s))
            throw new CelLibError('illegal base64 data');
        return new Uint8Array(Buffer.from(s, 'base64'));
    });
    // --- URLs (k8s library/urls.go)
    env
        .registerType('net.URL', KubeURL)
        .registerFunction('url(string): net.URL', (s) => parseURL(s))
        .registerFunction('isURL(string): bool', (s) => isURL(s))
        .registerFunction('net.URL.getScheme(): string', (u) => u.scheme())
        .registerFunction('net.URL.getHost(): string', (u) => u.host())
        .registerFunction('net.URL.getHostname(): string', (u) => u.hostname())
        .registerFunction('net.URL.getPort(): string', (u) => u.port())
        .registerFunction('net.URL.getEscapedPath(): string', (u) => u.escapedPath())
        .registerFunction('net.URL.getQuery(): map<string, list<string>>', (u) => Object.fromEntries(u.query()))
        .registerFunction('string(net.URL): string', (u) => u.raw)
        .registerOperator('net.URL == net.URL', (a, b) => a.raw === b.raw);
    // --- IP and CIDR (k8s library/ip.go, cidr.go)
    env
        .registerType('net.IP', IPAddr)
        .registerType('net.CIDR', CIDR)
        .registerType('kubeward.IPNamespace', IPNamespace)
        .registerConstant('ip', 'kubeward.IPNamespace', new IPNamespace())
        .registerFunction('ip(string): net.IP', (s) => parseIP(s))
        .registerFunction('isIP(string): bool', (s) => isIP(s))
        .registerFunction('kubeward.IPNamespace.isCanonical(string): bool', (_n, s) => parseIP(s).toString() === s)
        .registerFunction('net.IP.family(): int', (i) => BigInt(i.family))
        .registerFunction('net.IP.isUnspecified(): bool', (i) => ipPredicates.isUnspecified(i))
        .registerFunction('net.IP.isLoopback(): bool', (i) => ipPredicates.isLoopback(i))
        .registerFunction('net.IP.isLinkLocalMulticast(): bool', (i) => ipPredicates.isLinkLocalMulticast(i))
        .registerFunction('net.IP.isLinkLocalUnicast(): bool', (i) => ipPredicates.isLinkLocalUnicast(i))
        .registerFunction('net.IP.isGlobalUnicast(): bool', (i) => ipPredicates.isGlobalUnicast(i))
        .registerFunction('string(net.IP): string', (i) => i.toString())
        .registerOperator('net.IP == net.IP', (a, b) => celEquals(a, b))
        .registerFunction('cidr(string): net.CIDR', (s) => parseCIDR(s))
        .registerFunction('isCIDR(string): bool', (s) => isCIDR(s))
        .registerFunction('net.CIDR.containsIP(string): bool', (c, s) => c.containsIP(parseIP(s)))
        .registerFunction('net.CIDR.containsIP(net.IP): bool', (c, i) => c.containsIP(i))
        .registerFunction('net.CIDR.containsCIDR(string): bool', (c, s) => c.containsCIDR(parseCIDR(s)))
        .registerFunction('net.CIDR.containsCIDR(net.CIDR): bool', (c, o) => c.containsCIDR(o))
        .registerFunction('net.CIDR.ip(): net.IP', (c) => c.ip)
        .registerFunction('net.CIDR.masked(): net.CIDR', (c) => c.masked())
        .registerFunction('net.CIDR.prefixLength(): int', (c) => BigInt(c.prefix))
        .registerFunction('string(net.CIDR): string', (c) => c.toString())
        .registerOperator('net.CIDR == net.CIDR', (a, b) => celEquals(a, b));
    // --- quantity (k8s library/quantity.go)
    const q = (v) => (typeof v === 'bigint' ? new Quantity(v, 1n, String(v)) : v);
    env
        .registerType('kubernetes.Quantity', Quantity)
        .registerFunction('quantity(string): kubernetes.Quantity', (s) => parseQuantity(s))
        .registerFunction('isQuantity(string): bool', (s) => isQuantity(s))
        .registerFunction('kubernetes.Quantity.isInteger(): bool', (a) => a.isInteger())
        .registerFunction('kubernetes.Quantity.asInteger(): int', (a) => a.asInteger())
        .registerFunction('kubernetes.Quantity.asApproximateFloat(): double', (a) => a.asApproximateFloat())
        .registerFunction('kubernetes.Quantity.sign(): int', (a) => a.sign())
        .registerFunction('kubernetes.Quantity.add(kubernetes.Quantity): kubernetes.Quantity', (a, b) => a.add(b))
        .registerFunction('kubernetes.Quantity.add(int): kubernetes.Quantity', (a, b) => a.add(q(b)))
        .registerFunction('kubernetes.Quantity.sub(kubernetes.Quantity): kubernetes.Quantity', (a, b) => a.sub(b))
        .registerFunction('kubernetes.Quantity.sub(int): kubernetes.Quantity', (a, b) => a.sub(q(b)))
        .registerFunction('kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool', (a, b) => a.compare(b) > 0)
        .registerFunction('kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool', (a, b) => a.compare(b) < 0)
        .registerFunction('kubernetes.Quantity.compareTo(kubernetes.Quantity): int', (a, b) => BigInt(a.compare(b)))
        .registerOperator('kubernetes.Quantity == kubernetes.Quantity', (a, b) => a.compare(b) === 0);
    // --- semver (k8s library/semverlib.go)
    env
        .registerType('kubernetes.Semver', Semver)
        .registerFunction('semver(string): kubernetes.Semver', (s) => parseSemver(s))
        .registerFunction('semver(string, bool): kubernetes.Semver', (s, n) => parseSemver(s, n))
        .registerFunction('isSemver(string): bool', (s) => isSemver(s))
        .registerFunction('isSemver(string, bool): bool', (s, n) => isSemver(s, n))
        .registerFunction('kubernetes.Semver.major(): int', (v) => v.major)
        .registerFunction('kubernetes.Semver.minor(): int', (v) => v.minor)
        .registerFunction('kubernetes.Semver.patch(): int', (v) => v.patch)
        .registerFunction('kubernetes.Semver.isGreaterThan(kubernetes.Semver): bool', (a, b) => a.compare(b) > 0)
        .registerFunction('kubernetes.Semver.isLessThan(kubernetes.Semver): bool', (a, b) => a.compare(b) < 0)
        .registerFunction('kubernetes.Semver.compareTo(kubernetes.Semver): int', (a, b) => BigInt(a.compare(b)))
        .registerOperator('kubernetes.Semver == kubernetes.Semver', (a, b) => a.compare(b) === 0);
    // --- named formats (k8s library/format.go): format.dns1123Label().validate(s) -> optional list of errors
    env
        .registerType('kubernetes.NamedFormat', NamedFormat)
        .registerType('kubeward.FormatNamespace', FormatNamespace)
        .registerConstant('format', 'kubeward.FormatNamespace', new FormatNamespace())
        .registerFunction('kubeward.FormatNamespace.named(string): optional<kubernetes.NamedFormat>', (_n, name) => {
        const f = NAMED_FORMATS.get(name);
        return f ? lib/* Optional */.Xx.of(f) : lib/* Optional */.Xx.none();
    })
        .registerFunction('kubernetes.NamedFormat.validate(string): optional<list<string>>', (f, s) => {
        const errs = f.validate(s);
        return errs.length ? lib/* Optional */.Xx.of(errs) : lib/* Optional */.Xx.none();
    });
    for (const [name, f] of NAMED_FORMATS)
        env.registerFunction(`kubeward.FormatNamespace.${name}(): kubernetes.NamedFormat`, () => f);
    // --- authorizer (k8s library/authz.go): declared so expressions type-check, never evaluable offline
    env
        .registerType('kubernetes.authorization.Authorizer', Authorizer)
        .registerType('kubernetes.authorization.Check', AuthzCheck)
        .registerConstant('authorizer', 'kubernetes.authorization.Authorizer', new Authorizer())
        .registerFunction('kubernetes.authorization.Authorizer.group(string): kubernetes.authorization.Check', notEvaluable)
        .registerFunction('kubernetes.authorization.Authorizer.path(string): kubernetes.authorization.Check', notEvaluable)
        .registerFunction('kubernetes.authorization.Authorizer.serviceAccount(string, string): kubernetes.authorization.Authorizer', notEvaluable)
        .registerFunction('kubernetes.authorization.Authorizer.requestResource(): kubernetes.authorization.Check', notEvaluable)
        .registerFunction('kubernetes.authorization.Check.resource(string): kubernetes.authorization.Check', notEvaluable)
        .registerFunction('kubernetes.authorization.Check.subresource(string): kubernetes.authorization.Check', notEvaluable)
        .registerFunction('kubernetes.authorization.Check.namespace(string): kubernetes.authorization.Check', notEvaluable)
        .registerFunction('kubernetes.authorization.Check.name(string): kubernetes.authorization.Check', notEvaluable)
        .registerFunction('kubernetes.authorization.Check.check(string): kubernetes.authorization.Check', notEvaluable)
        .registerFunction('kubernetes.authorization.Check.allowed(): bool', notEvaluable)
        .registerFunction('kubernetes.authorization.Check.reason(): string', notEvaluable)
        .registerFunction('kubernetes.authorization.Check.errored(): bool', notEvaluable)
        .registerFunction('kubernetes.authorization.Check.error(): string', notEvaluable);
    opts.extend?.(env);
    return env;
}
// ---------------------------------------------------------------------------------------------
// Compilation and evaluation
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter', 'sort', 'distinct', 'sortBy']);
function walk(node, visit, depth = 0) {
    visit(node, depth);
    const a = node.args;
    const nextDepth = node.op === 'rcall' && COMPREHENSIONS.has(node.args[0]) ? depth + 1 : depth;
    const children = [];
    const collect = (x) => {
        if (x && typeof x === 'object' && 'op' in x)
            children.push(x);
        else if (Array.isArray(x))
            x.forEach(collect);
    };
    collect(a);
    for (const c of children)
        walk(c, visit, nextDepth);
}
/** `object.spec.x.y` (with `.?` and ['key'] steps) as ['spec','x','y'], when `n` is such a chain. */
function objectChain(n) {
    const path = [];
    let cur = n;
    for (;;) {
        if (cur.op === '.' || cur.op === '.?') {
            const [inner, field] = cur.args;
            path.unshift(field);
            cur = inner;
        }
        else if (cur.op === '[]' || cur.op === '[?]') {
            const [inner, key] = cur.args;
            if (key.op !== 'value' || (typeof key.args !== 'string' && typeof key.args !== 'bigint'))
                return undefined;
            path.unshift(typeof key.args === 'bigint' ? Number(key.args) : key.args);
            cur = inner;
        }
        else if (cur.op === 'id')
            return cur.args === 'object' && path.length ? path : undefined;
        else
            return undefined;
    }
}
function cleanError(e) {
    if (e instanceof lib/* ParseError */.mB || e instanceof lib/* TypeError */.hg || e instanceof lib/* EvaluationError */.ZN) {
        const first = e.message.split('\n')[0] ?? e.message;
        return first.charAt(0).toLowerCase() + first.slice(1);
    }
    return e instanceof Error ? e.message : String(e);
}
function compile(env, expression) {
    const out = { expression, depth: 0, reads: new Set(), variables: new Set() };
    let parsed;
    try {
        parsed = env.parse(expression);
    }
    catch (e) {
        out.error = `compilation failed: ${cleanError(e)}${where(e)}`;
        return out;
    }
    // no relaxation of the checker: cel-go (the API server) rejects `c ? 'x' : null` too
    const checked = env.check(expression);
    if (!checked.valid) {
        out.error = `compilation failed: ${cleanError(checked.error)}${where(checked.error)}`;
        return out;
    }
    const locals = new Set();
    walk(parsed.ast, (n, depth) => {
        out.depth = Math.max(out.depth, depth);
        if (n.op === 'rcall' && COMPREHENSIONS.has(n.args[0])) {
            const args = n.args[2];
            for (const a of args.slice(0, -1))
                if (a.op === 'id')
                    locals.add(a.args);
        }
        if (n.op === 'id' && !locals.has(n.args))
            out.reads.add(n.args);
        if ((n.op === '.' || n.op === '.?') && n.args[0].op === 'id') {
            const [inner, field] = n.args;
            if (inner.args === 'variables')
                out.variables.add(field);
        }
        if (!out.objectPath) {
            const chain = objectChain(n);
            if (chain)
                out.objectPath = chain;
        }
    });
    out.evaluate = (ctx) => parsed(ctx);
    return out;
}
function where(e) {
    const r = e?.range;
    return r ? ` (at character ${r.start + 1})` : '';
}
/** Largest number of elements a comprehension could range over in `v` (the sum of all list and map sizes). */
function inputSize(v, budget = PER_CALL_COST_LIMIT) {
    let n = 0;
    const stack = [v];
    while (stack.length && n <= budget) {
        const x = stack.pop();
        if (Array.isArray(x)) {
            n += x.length;
            for (const y of x)
                if (y && typeof y === 'object')
                    stack.push(y);
        }
        else if (x && typeof x === 'object' && isPlain(x)) {
            const vals = Object.values(x);
            n += vals.length;
            for (const y of vals)
                if (y && typeof y === 'object')
                    stack.push(y);
        }
    }
    return n;
}
/**
 * Evaluates a compiled expression. `size` is the input size (inputSize of the activation's data):
 * when size^depth exceeds the per-call cost limit, the expression is refused before it runs.
 */
function run(c, ctx, size) {
    if (c.error || !c.evaluate)
        return { ok: false, error: c.error ?? 'not compiled' };
    if (c.depth > 0 && Math.pow(Math.max(size, 1), c.depth) > PER_CALL_COST_LIMIT)
        return {
            ok: false,
            cost: true,
            error: `operation cancelled: actual cost limit exceeded (estimated ${Math.min(Math.pow(size, c.depth), 1e15).toExponential(1)} > ${PER_CALL_COST_LIMIT}: ${c.depth} nested comprehensions over ${size} elements)`,
        };
    try {
        return { ok: true, value: c.evaluate(ctx) };
    }
    catch (e) {
        const cause = e.cause;
        const inner = e instanceof NotEvaluableError ? e : cause instanceof NotEvaluableError ? cause : undefined;
        if (inner)
            return { ok: false, error: inner.message, notEvaluable: inner.feature };
        const cost = e instanceof CostExceededError || cause instanceof CostExceededError;
        const lib = cause instanceof CelLibError ? cause.message : undefined;
        return { ok: false, error: lib ?? cleanError(e), ...(cost ? { cost } : {}) };
    }
}
let shared;
/** The shared admission environment (created once). */
function admissionEnvironment() {
    shared ??= createEnvironment();
    return shared;
}


/***/ }),

/***/ 85731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PC: () => (/* binding */ labelsOf),
/* harmony export */   de: () => (/* binding */ selectorMatches),
/* harmony export */   jc: () => (/* binding */ matchResources)
/* harmony export */ });
/* unused harmony exports selectorIsEmpty, ruleMatches */
/** A label selector against labels. An empty or absent selector matches everything. Throws on a bad operator. */
function selectorMatches(sel, labels) {
    if (!sel)
        return true;
    for (const [k, v] of Object.entries(sel.matchLabels ?? {}))
        if (labels[k] !== String(v))
            return false;
    for (const e of sel.matchExpressions ?? []) {
        const has = Object.hasOwn(labels, e.key);
        const vals = (e.values ?? []).map(String);
        switch (e.operator) {
            case 'In':
                if (!has || !vals.includes(labels[e.key]))
                    return false;
                break;
            case 'NotIn':
                if (has && vals.includes(labels[e.key]))
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
                throw new Error(`"${e.operator}" is not a valid label selector operator`);
        }
    }
    return true;
}
function selectorIsEmpty(sel) {
    return !sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length);
}
function labelsOf(data) {
    const l = data?.metadata?.labels;
    const out = {};
    if (l && typeof l === 'object')
        for (const [k, v] of Object.entries(l))
            out[k] = String(v);
    return out;
}
function listMatches(list, value) {
    return (list ?? []).some((x) => x === '*' || x === value);
}
function resourceMatches(patterns, resource, sub) {
    const full = sub ? `${resource}/${sub}` : resource;
    for (const p of patterns ?? []) {
        if (p === '*/*' || p === full)
            return true;
        if (p === '*' && !sub)
            return true;
        const [pr, ps] = p.split('/');
        if (ps !== undefined && pr === '*' && ps === sub)
            return true;
        if (ps === '*' && pr === resource)
            return true;
    }
    return false;
}
/** One rule against a request. `anyVersion` (matchPolicy Equivalent) ignores the version. */
function ruleMatches(rule, req, anyVersion = false) {
    if (!listMatches(rule.operations, req.operation))
        return false;
    if (!listMatches(rule.apiGroups, req.resource.group))
        return false;
    if (!anyVersion && !listMatches(rule.apiVersions, req.resource.version))
        return false;
    if (!resourceMatches(rule.resources, req.resource.resource, req.subresource))
        return false;
    const scope = rule.scope ?? '*';
    if (scope === 'Cluster' && req.namespace !== '')
        return false;
    if (scope === 'Namespaced' && (req.namespace === '' || !req.resource.namespaced))
        return false;
    if (rule.resourceNames?.length && !rule.resourceNames.includes(req.name))
        return false;
    return true;
}
/**
 * Does `mr` match the request? `namespaceLabels` are the labels of the request's namespace (for a
 * Namespace object, its own labels); `isBinding` relaxes the empty-resourceRules case (a binding
 * without resource rules does not narrow the policy's).
 */
function matchResources(mr, req, namespaceLabels, isBinding) {
    if (!mr)
        return { matches: isBinding };
    try {
        // namespaceSelector: cluster-scoped objects other than Namespaces are never excluded by it
        const isNamespace = req.resource.group === '' && req.resource.resource === 'namespaces';
        if (!selectorIsEmpty(mr.namespaceSelector) && (req.namespace !== '' || isNamespace)) {
            if (!selectorMatches(mr.namespaceSelector, namespaceLabels ?? {}))
                return { matches: false };
        }
        if (!selectorMatches(mr.objectSelector, labelsOf(req.object)))
            return { matches: false };
    }
    catch (e) {
        return { matches: false, error: e.message };
    }
    const equivalent = (mr.matchPolicy ?? 'Equivalent') === 'Equivalent';
    const rules = mr.resourceRules ?? [];
    if (rules.length || !isBinding) {
        const hit = rules.some((r) => ruleMatches(r, req) || (equivalent && ruleMatches(r, req, true)));
        if (!hit)
            return { matches: false };
    }
    if ((mr.excludeResourceRules ?? []).some((r) => ruleMatches(r, req) || (equivalent && ruleMatches(r, req, true))))
        return { matches: false };
    return { matches: true };
}


/***/ }),

/***/ 8511:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   El: () => (/* binding */ ResourceMapper),
/* harmony export */   OS: () => (/* binding */ groupVersion)
/* harmony export */ });
/* unused harmony exports guessPlural, crdMappings */
// group -> [kind, plural, namespaced]
const BUILTIN = {
    '': [
        ['Pod', 'pods', true],
        ['Service', 'services', true],
        ['ConfigMap', 'configmaps', true],
        ['Secret', 'secrets', true],
        ['ServiceAccount', 'serviceaccounts', true],
        ['PersistentVolumeClaim', 'persistentvolumeclaims', true],
        ['PersistentVolume', 'persistentvolumes', false],
        ['Namespace', 'namespaces', false],
        ['Node', 'nodes', false],
        ['Endpoints', 'endpoints', true],
        ['Event', 'events', true],
        ['LimitRange', 'limitranges', true],
        ['ResourceQuota', 'resourcequotas', true],
        ['ReplicationController', 'replicationcontrollers', true],
        ['PodTemplate', 'podtemplates', true],
        ['Binding', 'bindings', true],
        ['ComponentStatus', 'componentstatuses', false],
    ],
    apps: [
        ['Deployment', 'deployments', true],
        ['StatefulSet', 'statefulsets', true],
        ['DaemonSet', 'daemonsets', true],
        ['ReplicaSet', 'replicasets', true],
        ['ControllerRevision', 'controllerrevisions', true],
    ],
    batch: [
        ['Job', 'jobs', true],
        ['CronJob', 'cronjobs', true],
    ],
    autoscaling: [['HorizontalPodAutoscaler', 'horizontalpodautoscalers', true]],
    policy: [
        ['PodDisruptionBudget', 'poddisruptionbudgets', true],
        ['PodSecurityPolicy', 'podsecuritypolicies', false],
        ['Eviction', 'evictions', true],
    ],
    'networking.k8s.io': [
        ['NetworkPolicy', 'networkpolicies', true],
        ['Ingress', 'ingresses', true],
        ['IngressClass', 'ingressclasses', false],
        ['IPAddress', 'ipaddresses', false],
        ['ServiceCIDR', 'servicecidrs', false],
    ],
    'rbac.authorization.k8s.io': [
        ['Role', 'roles', true],
        ['RoleBinding', 'rolebindings', true],
        ['ClusterRole', 'clusterroles', false],
        ['ClusterRoleBinding', 'clusterrolebindings', false],
    ],
    'storage.k8s.io': [
        ['StorageClass', 'storageclasses', false],
        ['CSIDriver', 'csidrivers', false],
        ['CSINode', 'csinodes', false],
        ['CSIStorageCapacity', 'csistoragecapacities', true],
        ['VolumeAttachment', 'volumeattachments', false],
        ['VolumeAttributesClass', 'volumeattributesclasses', false],
    ],
    'admissionregistration.k8s.io': [
        ['ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false],
        ['ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false],
        ['MutatingAdmissionPolicy', 'mutatingadmissionpolicies', false],
        ['MutatingAdmissionPolicyBinding', 'mutatingadmissionpolicybindings', false],
        ['ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false],
        ['MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false],
    ],
    'apiextensions.k8s.io': [['CustomResourceDefinition', 'customresourcedefinitions', false]],
    'apiregistration.k8s.io': [['APIService', 'apiservices', false]],
    'scheduling.k8s.io': [['PriorityClass', 'priorityclasses', false]],
    'node.k8s.io': [['RuntimeClass', 'runtimeclasses', false]],
    'discovery.k8s.io': [['EndpointSlice', 'endpointslices', true]],
    'coordination.k8s.io': [['Lease', 'leases', true]],
    'certificates.k8s.io': [
        ['CertificateSigningRequest', 'certificatesigningrequests', false],
        ['ClusterTrustBundle', 'clustertrustbundles', false],
    ],
    'flowcontrol.apiserver.k8s.io': [
        ['FlowSchema', 'flowschemas', false],
        ['PriorityLevelConfiguration', 'prioritylevelconfigurations', false],
    ],
    'resource.k8s.io': [
        ['DeviceClass', 'deviceclasses', false],
        ['ResourceClaim', 'resourceclaims', true],
        ['ResourceClaimTemplate', 'resourceclaimtemplates', true],
        ['ResourceSlice', 'resourceslices', false],
    ],
    'events.k8s.io': [['Event', 'events', true]],
    'policies.kyverno.io': [
        ['ValidatingPolicy', 'validatingpolicies', false],
        ['NamespacedValidatingPolicy', 'namespacedvalidatingpolicies', true],
        ['PolicyException', 'policyexceptions', true],
    ],
};
const BY_GROUP_KIND = new Map();
for (const [group, kinds] of Object.entries(BUILTIN))
    for (const [kind, resource, namespaced] of kinds)
        BY_GROUP_KIND.set(`${group}/${kind}`, { resource, namespaced });
/** Splits `apps/v1` into group and version (`v1` -> core group). */
function groupVersion(apiVersion) {
    const slash = apiVersion.indexOf('/');
    return slash < 0
        ? { group: '', version: apiVersion }
        : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
/** The lower-case plural Kubernetes' RESTMapper guesses for a kind it does not know. */
function guessPlural(kind) {
    const k = kind.toLowerCase();
    if (k.endsWith('s'))
        return `${k}es`;
    if (k.endsWith('y') && !/[aeiou]y$/.test(k))
        return `${k.slice(0, -1)}ies`;
    return `${k}s`;
}
/** Resource mappings declared by the CRDs of a set of objects (group/kind -> plural and scope). */
function crdMappings(objects) {
    const out = new Map();
    for (const o of objects) {
        if (o.ref.kind !== 'CustomResourceDefinition')
            continue;
        const spec = o.data.spec;
        if (typeof spec?.group !== 'string' || typeof spec.names?.kind !== 'string')
            continue;
        const plural = typeof spec.names.plural === 'string' ? spec.names.plural : guessPlural(spec.names.kind);
        out.set(`${spec.group}/${spec.names.kind}`, { resource: plural, namespaced: spec.scope !== 'Cluster' });
    }
    return out;
}
class ResourceMapper {
    crds;
    /** `discovered`: mappings the live cluster's discovery reported (`group/Kind` -> plural, scope). */
    constructor(objects = [], discovered) {
        this.crds = crdMappings(objects);
        for (const [k, v] of discovered ?? [])
            if (!this.crds.has(k))
                this.crds.set(k, v);
    }
    /** The resource of an apiVersion/kind. */
    map(apiVersion, kind) {
        const { group, version } = groupVersion(apiVersion);
        const key = `${group}/${kind}`;
        const b = BY_GROUP_KIND.get(key);
        if (b)
            return { group, version, kind, ...b, source: 'builtin' };
        const c = this.crds.get(key);
        if (c)
            return { group, version, kind, ...c, source: 'crd' };
        return { group, version, kind, resource: guessPlural(kind), namespaced: true, source: 'guess' };
    }
    /** True when the kind is known (built in or a CRD in the set). */
    knows(apiVersion, kind) {
        return this.map(apiVersion, kind).source !== 'guess';
    }
}


/***/ }),

/***/ 86038:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  xE: () => (/* binding */ admissionEnv),
  aO: () => (/* binding */ rules)
});

// UNUSED EXPORTS: SEVERITY_ANNOTATION, admissionPolicy, decisionText, kyvernoPolicy, kyvernoSet, policyInvalid, policyMapper, policyNotEvaluated, policyUniverse, severityOf, vapSet, whereIs

// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(44146);
// EXTERNAL MODULE: ./src/core/policies/resources.ts
var resources = __webpack_require__(8511);
;// CONCATENATED MODULE: ./src/core/policies/context.ts

/** Where a field of an object is, as `file:line` (or `Kind/name` for live objects). */
function whereIs(o, path) {
    const loc = o.locate?.(path);
    if (loc)
        return `${loc.file}:${loc.line}`;
    return `${o.ref.kind}/${o.ref.name}`;
}
/** Every object a policy evaluation can draw on: the scanned set plus the `policies:` paths. */
function policyUniverse(ctx) {
    return ctx.memo('policies:universe', () => {
        if (!ctx.policies?.length)
            return ctx.objects;
        // a policy file that is also under a scanned path is one object, not two
        const key = (o) => `${o.file ?? ''}\0${o.source?.start ?? ''}\0${o.docPath.join('.')}\0${o.ref.apiVersion}/${o.ref.kind}/${o.ref.namespace ?? ''}/${o.ref.name}`;
        const seen = new Set(ctx.objects.map(key));
        return [...ctx.objects, ...ctx.policies.filter((o) => !seen.has(key(o)))];
    });
}
function policyMapper(ctx) {
    return ctx.memo('policies:mapper', () => new resources/* ResourceMapper */.El(policyUniverse(ctx), ctx.live?.resources));
}

// EXTERNAL MODULE: ./src/core/rules/podspec.ts
var podspec = __webpack_require__(75495);
// EXTERNAL MODULE: ./src/core/rules/pss.ts
var pss = __webpack_require__(16253);
;// CONCATENATED MODULE: ./src/core/policies/psa.ts



const PREFIX = 'pod-security.kubernetes.io/';
const MODES = ['enforce', 'warn', 'audit'];
const SEVERITY = { enforce: 'high', warn: 'medium', audit: 'low' };
/** The PSA labels of a Namespace object. */
function psaLabels(ns) {
    const labels = (ns.data.metadata?.labels ?? {});
    const out = { namespace: ns, modes: {}, invalid: [] };
    for (const mode of MODES) {
        const raw = labels[`${PREFIX}${mode}`];
        if (raw === undefined)
            continue;
        const level = String(raw);
        const version = labels[`${PREFIX}${mode}-version`] === undefined ? 'latest' : String(labels[`${PREFIX}${mode}-version`]);
        if (level !== 'privileged' && level !== 'baseline' && level !== 'restricted') {
            out.invalid.push({ label: `${PREFIX}${mode}`, value: level });
            continue;
        }
        if (version !== 'latest' && !/^v1\.\d+$/.test(version))
            out.invalid.push({ label: `${PREFIX}${mode}-version`, value: version });
        out.modes[mode] = { level, version };
    }
    return out;
}
function namespaceIndex(ctx) {
    return ctx.memo('policies:psa-namespaces', () => {
        const m = new Map();
        for (const o of policyUniverse(ctx))
            if (o.ref.kind === 'Namespace' && o.ref.apiVersion === 'v1' && o.ref.name)
                m.set(o.ref.name, psaLabels(o));
        return m;
    });
}
const podSecurityLevel = {
    meta: {
        id: 'pod-security-level',
        title: 'Pods below their namespace’s Pod Security level',
        description: 'A Pod or workload in a namespace whose `pod-security.kubernetes.io/enforce|warn|audit` labels set a Pod Security Standards level that its pods do not meet: with enforce the pods are rejected, with warn the apply prints warnings, with audit the audit log records it.',
        severity: 'high',
        enabledByDefault: true,
        category: 'policy',
        rationale: 'Pod Security admission rejects pods that break the namespace’s enforced level, but for a Deployment, StatefulSet or Job the rejection happens later, when the controller creates the pods: the apply succeeds and the rollout silently never starts. Judging the pod templates against the namespace’s labels in the pull request shows it before the deploy.',
        remediation: 'Change the pod template to meet the level (the message names the control and field), or, if the workload genuinely needs the privilege, move it to a namespace whose level allows it.',
        references: [
            'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
            'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
        ],
    },
    *checkAll(ctx) {
        const index = namespaceIndex(ctx);
        if (!index.size)
            return;
        const mapper = policyMapper(ctx);
        for (const o of ctx.objects) {
            if (!(0,podspec/* podTemplates */.R7)(o).length)
                continue;
            if (!mapper.map(o.ref.apiVersion, o.ref.kind).namespaced)
                continue;
            const nsName = o.ref.namespace ?? 'default';
            const psa = index.get(nsName);
            if (!psa)
                continue;
            const isPod = o.ref.kind === 'Pod';
            // each control is reported once, under the strictest mode that catches it
            const reported = new Set();
            for (const mode of MODES) {
                const m = psa.modes[mode];
                if (!m || m.level === 'privileged')
                    continue;
                const violations = (0,pss/* podSecurityViolations */.gE)(o, m.level, m.version, {
                    memo: ctx.memo,
                    mode: ctx.mode,
                    ...(ctx.live ? { live: ctx.live } : {}),
                });
                for (const v of violations) {
                    const k = `${v.ruleId}\0${v.path.join('.')}`;
                    if (reported.has(k))
                        continue;
                    reported.add(k);
                    const label = `${mode}=${m.level}${m.version !== 'latest' ? ` (version ${m.version})` : ''}`;
                    const what = mode === 'enforce'
                        ? isPod
                            ? 'Pod Security admission rejects this Pod'
                            : `the pods of this ${o.ref.kind} would be rejected by Pod Security admission (the ${o.ref.kind} itself is admitted with a warning)`
                        : mode === 'warn'
                            ? 'kubectl apply prints a Pod Security warning for it'
                            : 'the audit log records a Pod Security violation for it';
                    yield {
                        object: o,
                        path: v.path,
                        message: `namespace ${nsName} has ${label}: ${what}: ${v.message} (${v.ruleId}, ${v.level})`,
                        key: `${mode}:${v.ruleId}`,
                        ...(SEVERITY[mode] !== 'high' ? { severity: SEVERITY[mode] } : {}),
                        details: {
                            namespace: nsName,
                            mode,
                            level: m.level,
                            version: m.version,
                            control: v.ruleId,
                            policyLocation: whereIs(psa.namespace, ['metadata', 'labels', `${PREFIX}${mode}`]),
                        },
                    };
                }
            }
        }
    },
};
/** Namespaces whose PSA labels have values the admission controller rejects (reported as policy-invalid). */
function psaLabelProblems(ctx) {
    const out = [];
    for (const psa of namespaceIndex(ctx).values())
        for (const bad of psa.invalid)
            out.push({
                object: psa.namespace,
                path: ['metadata', 'labels', bad.label],
                message: `${bad.label}: "${bad.value}" is not a valid value (${bad.label.endsWith('-version') ? 'latest or v1.N' : 'privileged, baseline or restricted'}): Pod Security admission does not accept it, so the namespace is not protected as intended`,
                key: bad.label,
                details: { policyLocation: whereIs(psa.namespace, ['metadata', 'labels', bad.label]) },
            });
    return out;
}

// EXTERNAL MODULE: ./src/core/policies/cel.ts + 2 modules
var cel = __webpack_require__(25833);
// EXTERNAL MODULE: ./src/core/policies/match.ts
var match = __webpack_require__(85731);
// EXTERNAL MODULE: ./src/core/policies/vap.ts
var vap = __webpack_require__(13429);
;// CONCATENATED MODULE: ./src/core/policies/kyverno.ts



function isKyvernoPolicy(o) {
    return ((o.ref.kind === 'ValidatingPolicy' || o.ref.kind === 'NamespacedValidatingPolicy') &&
        o.ref.apiVersion.startsWith('policies.kyverno.io/'));
}
function isPolicyException(o) {
    return o.ref.kind === 'PolicyException' && o.ref.apiVersion.startsWith('policies.kyverno.io/');
}
/** Kyverno CEL library namespaces and functions that need the cluster or the network. */
const KYVERNO_LIBRARIES = (/* unused pure expression or super */ null && ([
    'resource',
    'http',
    'imagedata',
    'globalContext',
    'image',
    'x509',
    'gctx',
    'generator',
    'json',
    'yaml',
    'hash',
    'math',
    'random',
    'time',
    'parseImageReference',
    'GlobalContext',
    'Image',
    'ImageData',
    'Resource',
    'Http',
    'x509Decode',
]));
class KyvernoLib {
    name;
    constructor(name) {
        this.name = name;
    }
}
let kyvernoEnv;
/** The admission environment plus Kyverno's `exceptions` variable and its library namespaces (not evaluable). */
function kyvernoEnvironment() {
    kyvernoEnv ??= (0,cel/* createEnvironment */.MO)({
        variables: ['exceptions'],
        extend(env) {
            env.registerType('kyverno.Library', KyvernoLib);
            for (const lib of [
                'resource',
                'http',
                'imagedata',
                'globalContext',
                'x509',
                'hash',
                'random',
                'time',
                'json',
                'yaml',
                'gctx',
            ]) {
                try {
                    env.registerConstant(lib, 'kyverno.Library', new KyvernoLib(lib));
                }
                catch {
                    continue; // a name the Kubernetes libraries already use
                }
            }
            // every method on a Kyverno library: declared so the policy type-checks, refused when run
            for (const method of [
                'Get',
                'List',
                'Post',
                'Fetch',
                'Client',
                'Decode',
                'Parse',
                'Sha1',
                'Sha256',
                'Md5',
                'Now',
                'Truncate',
                'Unmarshal',
                'Marshal',
                'String',
            ])
                for (const arity of [0, 1, 2, 3, 4]) {
                    const args = Array(arity).fill('dyn').join(', ');
                    env.registerFunction(`kyverno.Library.${method}(${args}): dyn`, (lib) => {
                        throw new cel/* NotEvaluableError */.zw(`${lib.name}.${method}`, `the Kyverno function ${lib.name}.${method}() needs the cluster or the network and cannot be evaluated offline`);
                    });
                }
            env.registerFunction('image(string): dyn', () => {
                throw new cel/* NotEvaluableError */.zw('image', 'the Kyverno function image() is not implemented by kubeward');
            });
        },
    });
    return kyvernoEnv;
}
/** An unknown function in a Kyverno policy is most likely a Kyverno library kubeward lacks: not evaluated, named. */
function reclassify(problems, from) {
    for (let i = from; i < problems.length; i++) {
        const p = problems[i];
        const fn = /no matching overload for '(?:[\w.<>, ]+\.)?([A-Za-z_][\w]*)\(/.exec(p.message)?.[1];
        if (p.kind === 'invalid' && fn && /compilation failed/.test(p.message)) {
            problems[i] = {
                ...p,
                kind: 'not-evaluated',
                message: `the expression calls ${fn}(), which kubeward does not implement (a Kyverno CEL library function?): the validation is not evaluated. ${p.message}`,
            };
        }
    }
}
function compileKyverno(objects, mapper) {
    const env = kyvernoEnvironment();
    const problems = [];
    const policies = [];
    for (const o of (0,vap/* distinct */.dM)(objects.filter(isKyvernoPolicy))) {
        const from = problems.length;
        const compiled = (0,vap/* compilePolicy */.C_)(o, problems, mapper, env);
        reclassify(problems, from);
        const spec = (o.data.spec ?? {});
        const raw = Array.isArray(spec.validationActions) ? spec.validationActions : [];
        const actions = raw.filter((a) => a === 'Deny' || a === 'Warn' || a === 'Audit');
        if (actions.length !== raw.length)
            problems.push({
                object: o,
                path: ['spec', 'validationActions'],
                message: 'validationActions may only hold Deny, Warn and Audit',
                kind: 'invalid',
            });
        const evaluation = (spec.evaluation ?? {});
        policies.push({
            compiled,
            // Kyverno's default: Audit
            actions: actions.length ? actions : ['Audit'],
            ...(o.ref.kind === 'NamespacedValidatingPolicy' ? { namespace: o.ref.namespace ?? 'default' } : {}),
            admission: evaluation.admission?.enabled !== false,
        });
    }
    const exceptions = [];
    for (const o of (0,vap/* distinct */.dM)(objects.filter(isPolicyException))) {
        const spec = (o.data.spec ?? {});
        const refs = Array.isArray(spec.policyRefs) ? spec.policyRefs : [];
        const names = new Set(refs.map((r) => String(r.name ?? '')));
        const conds = (Array.isArray(spec.matchConditions) ? spec.matchConditions : []).map((c, i) => {
            const co = (c ?? {});
            const expr = (0,cel/* compile */.wE)(env, String(co.expression ?? ''));
            if (expr.error)
                problems.push({
                    object: o,
                    path: ['spec', 'matchConditions', i, 'expression'],
                    message: `${expr.error} in ${JSON.stringify(expr.expression)}`,
                    kind: 'invalid',
                });
            return { name: String(co.name ?? i), expr };
        });
        if (!names.size)
            problems.push({
                object: o,
                path: ['spec', 'policyRefs'],
                message: `PolicyException ${o.ref.name} names no policy`,
                kind: 'invalid',
            });
        exceptions.push({ object: o, policyNames: names, conditions: conds });
    }
    policies.sort((a, b) => a.compiled.name.localeCompare(b.compiled.name));
    return { policies, exceptions, problems };
}
/** Kyverno's verdicts for one object (as a CREATE). Excepted objects yield no decisions. */
function admitKyverno(set, o, env) {
    if (!set.policies.length)
        return [];
    const req = (0,vap/* admissionRequest */.zS)(o, env);
    const isNamespace = req.resource.group === '' && req.resource.resource === 'namespaces';
    let nsLabels;
    let nsObject = null;
    if (isNamespace)
        nsLabels = { ...(0,match/* labelsOf */.PC)(o.data), 'kubernetes.io/metadata.name': req.name };
    else if (req.namespace) {
        const ns = (0,vap/* namespaceData */.wR)(req.namespace, env);
        nsLabels = (0,match/* labelsOf */.PC)(ns.data);
        nsObject = (0,vap/* namespaceObject */.rE)(ns.data);
    }
    const object = (0,vap/* celOf */.ce)(o.data);
    const act = {
        ctx: {
            object,
            oldObject: null,
            request: (0,cel/* toCel */.Oo)((0,vap/* requestObject */.D9)(req, env)),
            namespaceObject: nsObject ? (0,cel/* toCel */.Oo)(nsObject) : null,
            params: null,
            variables: {},
            exceptions: { allowedValues: [] },
        },
        size: (0,cel/* inputSize */.IQ)(object),
    };
    const out = [];
    for (const p of set.policies) {
        const policy = p.compiled;
        if (!p.admission || !policy.matchConstraints)
            continue;
        if (p.namespace !== undefined && p.namespace !== req.namespace)
            continue;
        if (!(0,match/* matchResources */.jc)(policy.matchConstraints, req, nsLabels, false).matches)
            continue;
        const excepted = set.exceptions.find((e) => e.policyNames.has(policy.name) &&
            e.conditions.every((c) => {
                const r = (0,cel/* run */.eF)(c.expr, act.ctx, act.size);
                return r.ok && r.value === true;
            }));
        if (excepted)
            continue;
        const binding = { object: policy.object, name: '', policyName: policy.name, actions: p.actions };
        act.ctx.variables = {};
        (0,vap/* bindVariables */.jK)(policy, act);
        for (const d of (0,vap/* validate */.tf)(policy, binding, act, undefined))
            out.push({ ...d, binding: undefined });
    }
    return out;
}
/** Kyverno's words for a decision. */
function kyvernoText(d) {
    const what = d.actions.includes('Deny') ? 'denies' : d.actions.includes('Warn') ? 'warns about' : 'reports (audit)';
    return `Kyverno ${d.policy.object.ref.kind} '${d.policy.name}' ${what} this object: ${d.message}`;
}

;// CONCATENATED MODULE: ./src/core/policies/rules.ts
/**
 * Admission policies as catalog rules, so their verdicts flow through the one engine/report path:
 * - admission-policy: a ValidatingAdmissionPolicy (via its bindings) would deny, warn or audit an object
 * - policy-invalid: a policy, binding or custom rule that is broken (bad CEL, unknown paramKind ...)
 * - policy-not-evaluated: a policy kubeward cannot judge offline (authorizer, unsupported function,
 *   no binding), named so it is never a silent pass
 * Findings sit at the object's field (the first `object.x.y` the expression names) or the object,
 * and carry the policy's file:line in `details.policyLocation`.
 */





const VAP_DOCS = 'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/';
/** Annotation on a policy that sets the severity of its Deny findings. */
const SEVERITY_ANNOTATION = 'kubeward.io/severity';
/** The compiled VAPs and bindings of the run (once per run). */
function vapSet(ctx) {
    return ctx.memo('policies:vap', () => (0,vap/* compileVaps */.aZ)(policyUniverse(ctx), policyMapper(ctx)));
}
function admissionEnv(ctx) {
    return ctx.memo('policies:env', () => ({
        mapper: policyMapper(ctx),
        namespaces: (0,vap/* namespacesOf */.Gw)(policyUniverse(ctx)),
        objects: policyUniverse(ctx),
    }));
}
/** The severity a policy asks for (annotation `kubeward.io/severity`), else undefined. */
function policySeverity(o) {
    const a = o.data.metadata?.annotations?.[SEVERITY_ANNOTATION];
    return (0,model/* isSeverity */._Z)(a) ? a : undefined;
}
/** Deny -> the policy's severity (default high); Warn -> medium; Audit -> low. */
function severityOf(d, base) {
    if (d.actions.includes('Deny'))
        return policySeverity(d.policy.object) ?? base;
    if (d.actions.includes('Warn'))
        return 'medium';
    return 'low';
}
/** The API server's words for a decision. */
function decisionText(d) {
    const b = d.binding ? ` with binding '${d.binding.name}'` : '';
    if (d.actions.includes('Deny'))
        return `ValidatingAdmissionPolicy '${d.policy.name}'${b} denied request: ${d.message}`;
    if (d.actions.includes('Warn'))
        return `Validation failed for ValidatingAdmissionPolicy '${d.policy.name}'${b}: ${d.message}`;
    return `ValidatingAdmissionPolicy '${d.policy.name}'${b} would record an audit failure: ${d.message}`;
}
/** Objects that policies judge: the scanned set minus the policy machinery itself. */
function judged(o) {
    return !(0,vap/* isVap */.A1)(o) && !(0,vap/* isVapBinding */.PJ)(o) && !isKyvernoPolicy(o) && !isPolicyException(o);
}
/** The compiled Kyverno policies and exceptions of the run. */
function kyvernoSet(ctx) {
    return ctx.memo('policies:kyverno', () => compileKyverno(policyUniverse(ctx), policyMapper(ctx)));
}
function kyvernoDecisions(ctx) {
    return ctx.memo('policies:kyverno-decisions', () => {
        const set = kyvernoSet(ctx);
        if (!set.policies.length)
            return [];
        const env = admissionEnv(ctx);
        const out = [];
        for (const o of ctx.objects) {
            if (!judged(o))
                continue;
            const decisions = admitKyverno(set, o, env);
            if (decisions.length)
                out.push({ object: o, decisions });
        }
        return out;
    });
}
function problemViolations(problems, kind) {
    return problems
        .filter((p) => p.kind === kind)
        .map((p) => ({
        object: p.object,
        path: p.path,
        message: p.message,
        key: `${(0,model/* formatPath */.jV)(p.path)}:${p.message}`,
        ...(kind === 'not-evaluated' && /has no ValidatingAdmissionPolicyBinding|not in the set/.test(p.message)
            ? { severity: 'low' }
            : {}),
        details: { policy: `${p.object.ref.kind}/${p.object.ref.name}`, policyLocation: whereIs(p.object, p.path) },
    }));
}
/** VAP decisions for every judged object, computed once and shared by the rules below. */
function vapDecisions(ctx) {
    return ctx.memo('policies:vap-decisions', () => {
        const set = vapSet(ctx);
        if (!set.policies.length)
            return [];
        const env = admissionEnv(ctx);
        const out = [];
        for (const o of ctx.objects) {
            if (!judged(o))
                continue;
            const v = (0,vap/* admit */.w4)(set, o, env);
            if (v.decisions.length)
                out.push({ object: o, decisions: v.decisions, unknownNamespaces: v.unknownNamespaces });
        }
        return out;
    });
}
function decisionDetails(d, unknownNamespaces) {
    const details = {
        policy: d.policy.name,
        policyLocation: whereIs(d.policy.object, d.policyPath.length ? d.policyPath : ['metadata', 'name']),
        validationActions: d.actions.join(','),
    };
    if (d.binding) {
        details.binding = d.binding.name;
        details.bindingLocation = whereIs(d.binding.object, ['metadata', 'name']);
    }
    if (d.validation !== undefined)
        details.validation = String(d.validation);
    if (d.param !== undefined)
        details.param = d.param;
    if (d.reason)
        details.reason = d.reason;
    if (unknownNamespaces.length)
        details.namespace = `namespace ${unknownNamespaces.join(', ')} is not in the set: only its kubernetes.io/metadata.name label was assumed`;
    return details;
}
/** Locates at the named field when it exists, else at the object (its nearest existing parent). */
function pathFor(o, d) {
    return d.objectPath ? [...d.objectPath] : [];
}
const admissionPolicy = {
    meta: {
        id: 'admission-policy',
        title: 'Rejected by a ValidatingAdmissionPolicy',
        description: 'A ValidatingAdmissionPolicy in the set or in the `policies:` paths, through its bindings, would deny (or warn about, or audit) this object: the verdict and message the API server would give.',
        severity: 'high',
        enabledByDefault: true,
        category: 'policy',
        everyLiveObject: true,
        rationale: 'Admission policies are the cluster’s guardrails. A manifest that breaks one fails at deploy time, after review and merge; evaluating the same policies on the pull request reports it where it can still be fixed.',
        remediation: 'Change the object so the policy’s validation holds (the message says which), or, if the policy is wrong, change the policy. The finding’s details name the policy, binding and the policy’s file:line.',
        references: [VAP_DOCS],
    },
    *checkAll(ctx) {
        for (const { object, decisions, unknownNamespaces } of vapDecisions(ctx)) {
            for (const d of decisions) {
                if (d.notEvaluable)
                    continue;
                const sev = severityOf(d, 'high');
                const message = decisionText(d);
                const details = decisionDetails(d, unknownNamespaces);
                if (d.actions.includes('Deny')) {
                    // the API server's exact reply, for comparison with a real dry run
                    const st = (0,vap/* denialStatus */.eS)(object, d, message, policyMapper(ctx));
                    details.admissionStatus = String(st.code);
                    details.admissionMessage = st.message;
                }
                yield {
                    object,
                    path: pathFor(object, d),
                    message,
                    key: `${d.policy.name}/${d.binding?.name ?? ''}/${d.validation ?? 'config'}/${d.param ?? ''}`,
                    ...(sev !== 'high' ? { severity: sev } : {}),
                    details,
                };
            }
        }
    },
};
const policyInvalid = {
    meta: {
        id: 'policy-invalid',
        title: 'Admission policy or custom rule is invalid',
        description: 'A ValidatingAdmissionPolicy, binding, Kyverno policy or custom CEL rule that does not compile or is misconfigured: bad CEL, an unknown paramKind, a binding without validationActions or a missing paramRef.',
        severity: 'high',
        enabledByDefault: true,
        category: 'policy',
        everyLiveObject: true,
        rationale: 'A broken policy is either rejected by the API server (so the guardrail silently does not exist) or denies every request it matches. Either way the team believes in a check that does not work as written.',
        remediation: 'Fix the expression or field at the reported line. CEL errors give the character position inside the expression.',
        references: [VAP_DOCS, 'https://kubernetes.io/docs/reference/using-api/cel/'],
    },
    *checkAll(ctx) {
        yield* problemViolations(vapSet(ctx).problems, 'invalid');
        yield* problemViolations(kyvernoSet(ctx).problems, 'invalid');
        yield* psaLabelProblems(ctx);
    },
};
const policyNotEvaluated = {
    meta: {
        id: 'policy-not-evaluated',
        title: 'Admission policy could not be evaluated offline',
        description: 'A policy whose verdict kubeward cannot compute without the cluster (authorizer checks, an unsupported Kyverno function) or that nothing binds. Reported so a policy is never passed silently.',
        severity: 'high',
        enabledByDefault: true,
        category: 'policy',
        everyLiveObject: true,
        rationale: 'A gate that skips a policy it cannot evaluate and reports success claims a check it did not make. Naming the policy and the reason keeps the result honest.',
        remediation: 'Verify the object against the live cluster (`kubeward verify`, or a server-side dry run), or rewrite the expression without the unsupported function. For an unbound policy, add its ValidatingAdmissionPolicyBinding to the set or remove the policy.',
        references: [VAP_DOCS],
    },
    *checkAll(ctx) {
        yield* problemViolations(vapSet(ctx).problems, 'not-evaluated');
        yield* problemViolations(kyvernoSet(ctx).problems, 'not-evaluated');
        for (const { object, decisions } of kyvernoDecisions(ctx)) {
            for (const d of decisions) {
                if (!d.notEvaluable)
                    continue;
                yield {
                    object,
                    path: pathFor(object, d),
                    message: `Kyverno ${d.policy.object.ref.kind} '${d.policy.name}' could not be evaluated: ${d.message}`,
                    key: `kyverno/${d.policy.name}/${d.validation ?? 'config'}`,
                    details: { ...decisionDetails(d, []), notEvaluable: d.notEvaluable },
                };
            }
        }
        for (const { object, decisions, unknownNamespaces } of vapDecisions(ctx)) {
            for (const d of decisions) {
                if (!d.notEvaluable)
                    continue;
                yield {
                    object,
                    path: pathFor(object, d),
                    message: `ValidatingAdmissionPolicy '${d.policy.name}'${d.binding ? ` with binding '${d.binding.name}'` : ''} could not be evaluated: ${d.message}`,
                    key: `${d.policy.name}/${d.binding?.name ?? ''}/${d.validation ?? 'config'}`,
                    details: { ...decisionDetails(d, unknownNamespaces), notEvaluable: d.notEvaluable },
                };
            }
        }
    },
};
const kyvernoPolicy = {
    meta: {
        id: 'kyverno-policy',
        title: 'Rejected by a Kyverno ValidatingPolicy',
        description: 'A Kyverno CEL policy (policies.kyverno.io/v1 ValidatingPolicy or NamespacedValidatingPolicy) in the set or the `policies:` paths would deny, warn about or audit this object, and no PolicyException exempts it.',
        severity: 'high',
        enabledByDefault: true,
        category: 'policy',
        everyLiveObject: true,
        rationale: 'Kyverno enforces the same guardrails at admission; a manifest that breaks one fails at deploy time. Evaluating the policy on the pull request reports it while it can still be fixed.',
        remediation: 'Change the object so the validation holds (the message says which), or add a PolicyException with a reason if the object is a justified exception.',
        references: ['https://kyverno.io/docs/policy-types/validating-policy/', 'https://kyverno.io/docs/exceptions/'],
    },
    *checkAll(ctx) {
        for (const { object, decisions } of kyvernoDecisions(ctx)) {
            for (const d of decisions) {
                if (d.notEvaluable)
                    continue;
                const sev = severityOf(d, 'high');
                yield {
                    object,
                    path: pathFor(object, d),
                    message: kyvernoText(d),
                    key: `kyverno/${d.policy.name}/${d.validation ?? 'config'}`,
                    ...(sev !== 'high' ? { severity: sev } : {}),
                    details: decisionDetails(d, []),
                };
            }
        }
    },
};

const rules = [admissionPolicy, kyvernoPolicy, policyInvalid, policyNotEvaluated, podSecurityLevel];


/***/ }),

/***/ 13429:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A1: () => (/* binding */ isVap),
/* harmony export */   C_: () => (/* binding */ compilePolicy),
/* harmony export */   D9: () => (/* binding */ requestObject),
/* harmony export */   Gw: () => (/* binding */ namespacesOf),
/* harmony export */   PJ: () => (/* binding */ isVapBinding),
/* harmony export */   aZ: () => (/* binding */ compileVaps),
/* harmony export */   ce: () => (/* binding */ celOf),
/* harmony export */   dM: () => (/* binding */ distinct),
/* harmony export */   eS: () => (/* binding */ denialStatus),
/* harmony export */   jK: () => (/* binding */ bindVariables),
/* harmony export */   rE: () => (/* binding */ namespaceObject),
/* harmony export */   tf: () => (/* binding */ validate),
/* harmony export */   w4: () => (/* binding */ admit),
/* harmony export */   wR: () => (/* binding */ namespaceData),
/* harmony export */   zS: () => (/* binding */ admissionRequest)
/* harmony export */ });
/* unused harmony export readBinding */
/* harmony import */ var _cel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(25833);
/* harmony import */ var _match_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(85731);
/* harmony import */ var _resources_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8511);



// ---------------------------------------------------------------------------------------------
// Reading policies
function str(v) {
    return typeof v === 'string' ? v : undefined;
}
function arr(v) {
    return Array.isArray(v) ? v : [];
}
function obj(v) {
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
function isVap(o) {
    return o.ref.kind === 'ValidatingAdmissionPolicy' && o.ref.apiVersion.startsWith('admissionregistration.k8s.io/');
}
function isVapBinding(o) {
    return (o.ref.kind === 'ValidatingAdmissionPolicyBinding' && o.ref.apiVersion.startsWith('admissionregistration.k8s.io/'));
}
/** Compiles one ValidatingAdmissionPolicy; problems (bad CEL, missing fields) are pushed to `problems`. */
function compilePolicy(o, problems, mapper, env = (0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .admissionEnvironment */ .nk)()) {
    const spec = obj(o.data.spec) ?? {};
    const name = o.ref.name;
    const cp = {
        object: o,
        name,
        failurePolicy: spec.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
        matchConditions: [],
        variables: [],
        validations: [],
        auditAnnotations: [],
    };
    const problem = (path, message, kind = 'invalid') => {
        problems.push({ object: o, path, message, kind });
        // an unknown paramKind is stored and fails at admission (configurationError); the rest is refused
        if (kind === 'invalid' && path[1] !== 'paramKind')
            cp.rejected = true;
    };
    if (spec.failurePolicy !== undefined && spec.failurePolicy !== 'Fail' && spec.failurePolicy !== 'Ignore')
        problem(['spec', 'failurePolicy'], `failurePolicy must be Fail or Ignore, not ${JSON.stringify(spec.failurePolicy)}`);
    const mc = obj(spec.matchConstraints);
    if (!mc || !arr(mc.resourceRules).length)
        problem(['spec', 'matchConstraints'], `ValidatingAdmissionPolicy ${name} has no matchConstraints.resourceRules: the API server rejects it`);
    else
        cp.matchConstraints = mc;
    const pk = obj(spec.paramKind);
    if (pk) {
        const apiVersion = str(pk.apiVersion) ?? '';
        const kind = str(pk.kind) ?? '';
        cp.paramKind = { apiVersion, kind };
        if (!mapper.knows(apiVersion, kind)) {
            const { group, version } = (0,_resources_js__WEBPACK_IMPORTED_MODULE_1__/* .groupVersion */ .OS)(apiVersion);
            cp.configurationError = `failed to find resource referenced by paramKind: '${group}/${version}, Kind=${kind}'`;
            problem(['spec', 'paramKind'], `paramKind ${apiVersion} ${kind} is neither a built-in kind nor a CustomResourceDefinition in the set: the API server denies every matching request ("${cp.configurationError}")`);
        }
    }
    const check = (c, path) => {
        if (c.error)
            problem(path, `${c.error} in ${JSON.stringify(c.expression)}`);
        else if (c.reads.has('authorizer'))
            problem(path, `the expression uses the authorizer, which needs the cluster: kubeward cannot evaluate it offline`, 'not-evaluated');
        return c;
    };
    arr(spec.matchConditions).forEach((m, i) => {
        const mo = obj(m) ?? {};
        const expr = str(mo.expression) ?? '';
        cp.matchConditions.push({
            name: str(mo.name) ?? `${i}`,
            index: i,
            expr: check((0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .compile */ .wE)(env, expr), ['spec', 'matchConditions', i, 'expression']),
        });
    });
    arr(spec.variables).forEach((v, i) => {
        const vo = obj(v) ?? {};
        const vname = str(vo.name) ?? '';
        cp.variables.push({
            name: vname,
            expr: check((0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .compile */ .wE)(env, str(vo.expression) ?? ''), ['spec', 'variables', i, 'expression']),
        });
    });
    arr(spec.validations).forEach((v, i) => {
        const vo = obj(v) ?? {};
        const cv = {
            index: i,
            expr: check((0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .compile */ .wE)(env, str(vo.expression) ?? ''), ['spec', 'validations', i, 'expression']),
        };
        if (str(vo.message) !== undefined)
            cv.message = str(vo.message);
        if (str(vo.messageExpression))
            cv.messageExpr = check((0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .compile */ .wE)(env, str(vo.messageExpression)), ['spec', 'validations', i, 'messageExpression']);
        if (str(vo.reason))
            cv.reason = str(vo.reason);
        cp.validations.push(cv);
    });
    arr(spec.auditAnnotations).forEach((a, i) => {
        const ao = obj(a) ?? {};
        cp.auditAnnotations.push({
            key: str(ao.key) ?? '',
            index: i,
            expr: check((0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .compile */ .wE)(env, str(ao.valueExpression) ?? ''), ['spec', 'auditAnnotations', i, 'valueExpression']),
        });
    });
    if (!cp.validations.length && !cp.auditAnnotations.length)
        problem(['spec'], `ValidatingAdmissionPolicy ${name} has neither validations nor auditAnnotations: the API server rejects it`);
    return cp;
}
function readBinding(o, problems) {
    const spec = obj(o.data.spec) ?? {};
    const actions = arr(spec.validationActions).filter((a) => a === 'Deny' || a === 'Warn' || a === 'Audit');
    if (!arr(spec.validationActions).length)
        problems.push({
            object: o,
            path: ['spec', 'validationActions'],
            message: `binding ${o.ref.name} has no validationActions: the API server rejects it (Deny, Warn and/or Audit)`,
            kind: 'invalid',
        });
    else if (actions.length !== arr(spec.validationActions).length)
        problems.push({
            object: o,
            path: ['spec', 'validationActions'],
            message: `validationActions may only hold Deny, Warn and Audit`,
            kind: 'invalid',
        });
    if (actions.includes('Deny') && actions.includes('Warn'))
        problems.push({
            object: o,
            path: ['spec', 'validationActions'],
            message: `validationActions must not hold both Deny and Warn: the API server rejects it`,
            kind: 'invalid',
        });
    const b = { object: o, name: o.ref.name, policyName: str(spec.policyName) ?? '', actions };
    if (obj(spec.matchResources))
        b.matchResources = spec.matchResources;
    const pr = obj(spec.paramRef);
    if (pr)
        b.paramRef = pr;
    return b;
}
const celCache = new WeakMap();
function celOf(data) {
    let v = celCache.get(data);
    if (v === undefined) {
        v = (0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .toCel */ .Oo)(data);
        celCache.set(data, v);
    }
    return v;
}
function namespaceData(name, env) {
    const ns = env.namespaces.get(name);
    if (ns) {
        // the API server sets this label on every namespace
        const md = obj(ns.metadata) ?? {};
        const labels = { ...(obj(md.labels) ?? {}), 'kubernetes.io/metadata.name': name };
        return { data: { ...ns, metadata: { ...md, labels } }, known: true };
    }
    // every namespace carries this label (set by the API server since 1.21)
    return {
        data: {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
        },
        known: false,
    };
}
/** The `namespaceObject` variable: the namespace with only metadata, spec and status (CreateNamespaceObject). */
function namespaceObject(ns) {
    const md = obj(ns.metadata) ?? {};
    const keep = {};
    for (const k of [
        'name',
        'generateName',
        'namespace',
        'labels',
        'annotations',
        'uid',
        'creationTimestamp',
        'deletionTimestamp',
        'ownerReferences',
    ])
        if (md[k] !== undefined)
            keep[k] = md[k];
    return { metadata: keep, spec: obj(ns.spec) ?? {}, status: obj(ns.status) ?? {} };
}
function requestObject(req, env) {
    const r = req.resource;
    return {
        kind: { group: r.group, version: r.version, kind: r.kind },
        resource: { group: r.group, version: r.version, resource: r.resource },
        requestKind: { group: r.group, version: r.version, kind: r.kind },
        requestResource: { group: r.group, version: r.version, resource: r.resource },
        name: req.name,
        namespace: req.namespace,
        operation: req.operation,
        userInfo: env.userInfo ?? { username: 'kubeward', groups: ['system:authenticated'] },
        dryRun: env.dryRun ?? true,
        options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    };
}
/** The simulated admission request for an object. */
function admissionRequest(o, env) {
    const resource = env.mapper.map(o.ref.apiVersion, o.ref.kind);
    const namespace = resource.namespaced ? (o.ref.namespace ?? env.defaultNamespace ?? 'default') : '';
    const md = obj(o.data.metadata) ?? {};
    return {
        operation: env.operation ?? 'CREATE',
        resource,
        subresource: '',
        name: str(md.name) ?? str(md.generateName) ?? '',
        namespace,
        object: o.data,
    };
}
function collectParams(policy, binding, req, env) {
    const pk = policy.paramKind;
    const ref = binding.paramRef;
    if (!pk || !ref)
        return { params: [null] };
    const scope = env.mapper.map(pk.apiVersion, pk.kind);
    let paramsNamespace;
    if (scope.namespaced) {
        paramsNamespace = ref.namespace || req.namespace;
        if (!paramsNamespace)
            return {
                params: [],
                error: 'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources',
            };
    }
    else if (ref.namespace) {
        return { params: [], error: 'paramRef.namespace must not be provided for a cluster-scoped `paramKind`' };
    }
    const candidates = env.objects.filter((o) => o.ref.kind === pk.kind &&
        o.ref.apiVersion === pk.apiVersion &&
        (!scope.namespaced || (o.ref.namespace ?? env.defaultNamespace ?? 'default') === paramsNamespace));
    let params;
    if (ref.name) {
        if (ref.selector)
            return { params: [], error: 'paramRef.name and paramRef.selector are mutually exclusive' };
        params = candidates.filter((o) => o.ref.name === ref.name).map((o) => o.data);
    }
    else if (ref.selector) {
        try {
            params = candidates.filter((o) => (0,_match_js__WEBPACK_IMPORTED_MODULE_2__/* .selectorMatches */ .de)(ref.selector, (0,_match_js__WEBPACK_IMPORTED_MODULE_2__/* .labelsOf */ .PC)(o.data))).map((o) => o.data);
        }
        catch (e) {
            return { params: [], error: e.message };
        }
    }
    else
        return { params: [], error: 'one of name or selector must be provided' };
    if (!params.length && ref.parameterNotFoundAction === 'Deny')
        return { params: [], error: 'no params found for policy binding with `Deny` parameterNotFoundAction' };
    return { params };
}
/** Runs the policy's validations for one (binding, param). */
function validate(policy, binding, act, paramName) {
    const base = { policy, binding, actions: binding.actions, ...(paramName ? { param: paramName } : {}) };
    const onError = (message, policyPath, extra = {}) => policy.failurePolicy === 'Ignore' && !extra.notEvaluable && !extra.costExceeded
        ? undefined
        : { ...base, message, evaluation: 'error', policyPath, ...extra };
    const out = [];
    // matchConditions: any false -> skip; else any error -> failurePolicy
    let matchError;
    for (const mc of policy.matchConditions) {
        if (mc.expr.error)
            continue; // reported as a policy problem; the API server rejects such a policy
        const r = (0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)(mc.expr, act.ctx, act.size);
        if (r.ok && r.value === false)
            return [];
        if (r.ok && typeof r.value !== 'boolean')
            matchError ??= { message: `matchCondition '${mc.name}' must evaluate to bool`, index: mc.index, outcome: r };
        if (!r.ok)
            matchError ??= { message: `matchCondition '${mc.name}' ${r.error}`, index: mc.index, outcome: r };
    }
    if (matchError) {
        const o = matchError.outcome;
        const d = onError(matchError.message, ['spec', 'matchConditions', matchError.index, 'expression'], {
            ...(!o.ok && o.notEvaluable ? { notEvaluable: o.notEvaluable } : {}),
            ...(!o.ok && o.cost ? { costExceeded: true } : {}),
        });
        return d ? [d] : [];
    }
    for (const v of policy.validations) {
        if (v.expr.error)
            continue;
        const policyPath = ['spec', 'validations', v.index, 'expression'];
        const r = (0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)(v.expr, act.ctx, act.size);
        if (!r.ok) {
            const d = onError(`expression '${v.expr.expression}' resulted in error: ${r.error}`, policyPath, {
                validation: v.index,
                ...(v.expr.objectPath ? { objectPath: v.expr.objectPath } : {}),
                ...(r.notEvaluable ? { notEvaluable: r.notEvaluable } : {}),
                ...(r.cost ? { costExceeded: true } : {}),
            });
            if (d)
                out.push(d);
            continue;
        }
        if (r.value === true)
            continue;
        if (typeof r.value !== 'boolean') {
            const d = onError(`expression '${v.expr.expression}' resulted in error: no such overload`, policyPath, {
                validation: v.index,
            });
            if (d)
                out.push(d);
            continue;
        }
        let message = '';
        if (v.messageExpr && !v.messageExpr.error) {
            const m = (0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)(v.messageExpr, act.ctx, act.size);
            if (m.ok && typeof m.value === 'string') {
                message = m.value.trim();
                if (message.length > 5 * 1024 || message.includes('\n'))
                    message = '';
            }
        }
        if (!message && v.message)
            message = v.message.trim();
        if (!message)
            message = `failed expression: ${v.expr.expression.trim()}`;
        out.push({
            ...base,
            message,
            evaluation: 'deny',
            validation: v.index,
            policyPath,
            reason: v.reason ?? 'Invalid',
            ...(v.expr.objectPath ? { objectPath: v.expr.objectPath } : {}),
        });
    }
    for (const a of policy.auditAnnotations) {
        if (a.expr.error)
            continue;
        const r = (0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)(a.expr, act.ctx, act.size);
        const policyPath = ['spec', 'auditAnnotations', a.index, 'valueExpression'];
        if (!r.ok) {
            const d = onError(r.error, policyPath, {
                ...(r.notEvaluable ? { notEvaluable: r.notEvaluable } : {}),
                ...(r.cost ? { costExceeded: true } : {}),
            });
            if (d)
                out.push({ ...d, actions: ['Deny'] });
        }
        else if (r.value !== null && typeof r.value !== 'string') {
            const d = onError(`valueExpression '${a.expr.expression}' resulted in unsupported return type: ${typeof r.value === 'bigint' ? 'int' : typeof r.value}. Return type must be either string or null.`, policyPath);
            if (d)
                out.push({ ...d, actions: ['Deny'] });
        }
    }
    return out;
}
/** Variables, evaluated in order; each sees the earlier ones. Errors surface when a validation reads them. */
function bindVariables(policy, act) {
    if (!policy.variables.length)
        return;
    const vars = {};
    const errors = new Map();
    act.ctx.variables = vars;
    for (const v of policy.variables) {
        if (v.expr.error)
            continue;
        const r = (0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)(v.expr, act.ctx, act.size);
        if (r.ok)
            vars[v.name] = r.value;
        else
            errors.set(v.name, r.error);
    }
    if (errors.size) {
        // reading a failed variable fails the reading expression with the variable's error
        act.ctx.variables = new Proxy(vars, {
            get(target, key) {
                if (typeof key === 'string' && errors.has(key))
                    throw new Error(errors.get(key));
                return Reflect.get(target, key);
            },
        });
    }
}
/**
 * The API server holds one policy, binding or exception per name (and namespace). Copies of
 * the same object in several files (an environment folder each, a vendored copy) are one policy,
 * not one per copy: judged once, their decisions not multiplied. Copies that differ are all kept
 * (which one the cluster holds depends on the order of applies), so no variant goes unjudged.
 */
function distinct(objects) {
    const seen = new Set();
    const out = [];
    for (const o of objects) {
        const meta = o.data.metadata;
        const key = JSON.stringify([
            o.data.apiVersion,
            o.data.kind,
            meta?.namespace ?? null,
            meta?.name,
            meta?.annotations ?? null,
            o.data.spec ?? null,
        ]);
        if (seen.has(key))
            continue;
        seen.add(key);
        out.push(o);
    }
    return out;
}
/** Reads and compiles every VAP and binding among `objects`; problems for broken or unbound ones. */
function compileVaps(objects, mapper) {
    const problems = [];
    const policies = distinct(objects.filter(isVap)).map((o) => compilePolicy(o, problems, mapper));
    const bindings = distinct(objects.filter(isVapBinding)).map((o) => readBinding(o, problems));
    policies.sort((a, b) => a.name.localeCompare(b.name));
    bindings.sort((a, b) => a.name.localeCompare(b.name));
    const names = new Set(policies.map((p) => p.name));
    for (const b of bindings) {
        if (!b.policyName)
            problems.push({
                object: b.object,
                path: ['spec', 'policyName'],
                message: `binding ${b.name} names no policy`,
                kind: 'invalid',
            });
        else if (!names.has(b.policyName))
            problems.push({
                object: b.object,
                path: ['spec', 'policyName'],
                message: `binding ${b.name} names ValidatingAdmissionPolicy ${b.policyName}, which is not in the set: the binding enforces nothing here`,
                kind: 'not-evaluated',
            });
    }
    for (const p of policies) {
        const bs = bindings.filter((b) => b.policyName === p.name);
        if (!bs.length)
            problems.push({
                object: p.object,
                path: ['metadata', 'name'],
                message: `ValidatingAdmissionPolicy ${p.name} has no ValidatingAdmissionPolicyBinding in the set: the API server enforces it nowhere`,
                kind: 'not-evaluated',
            });
        for (const b of bs) {
            if (p.paramKind && !b.paramRef)
                problems.push({
                    object: b.object,
                    path: ['spec'],
                    message: `policy ${p.name} takes params (${p.paramKind.kind}) but binding ${b.name} has no paramRef: its validations run with params = null`,
                    kind: 'invalid',
                });
        }
    }
    return { policies, bindings, problems };
}
/** What the API server decides for one object (as a CREATE of it) given the policies and bindings. */
function admit(set, o, env) {
    const verdict = {
        allowed: true,
        warnings: [],
        decisions: [],
        unknownNamespaces: [],
        notEvaluated: [],
    };
    if (!set.policies.length)
        return verdict;
    const req = admissionRequest(o, env);
    const isNamespace = req.resource.group === '' && req.resource.resource === 'namespaces';
    let nsLabels;
    let nsObject = null;
    if (isNamespace)
        nsLabels = { ...(0,_match_js__WEBPACK_IMPORTED_MODULE_2__/* .labelsOf */ .PC)(o.data), 'kubernetes.io/metadata.name': req.name };
    else if (req.namespace) {
        const ns = namespaceData(req.namespace, env);
        if (!ns.known)
            verdict.unknownNamespaces.push(req.namespace);
        nsLabels = (0,_match_js__WEBPACK_IMPORTED_MODULE_2__/* .labelsOf */ .PC)(ns.data);
        nsObject = namespaceObject(ns.data);
    }
    let act;
    const activation = () => {
        if (!act) {
            const object = celOf(o.data);
            act = {
                ctx: {
                    object,
                    oldObject: null,
                    request: (0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .toCel */ .Oo)(requestObject(req, env)),
                    namespaceObject: nsObject ? (0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .toCel */ .Oo)(nsObject) : null,
                    params: null,
                    variables: {},
                },
                size: (0,_cel_js__WEBPACK_IMPORTED_MODULE_0__/* .inputSize */ .IQ)(object),
            };
        }
        return act;
    };
    const denied = [];
    const push = (d) => {
        verdict.decisions.push(d);
        if (d.notEvaluable) {
            verdict.notEvaluated.push(d);
            return;
        }
        if (d.actions.includes('Deny'))
            denied.push(d);
        if (d.actions.includes('Warn'))
            verdict.warnings.push(`Validation failed for ValidatingAdmissionPolicy '${d.policy.name}' with binding '${d.binding?.name ?? ''}': ${d.message}`);
    };
    for (const policy of set.policies) {
        if (!policy.matchConstraints || policy.rejected)
            continue;
        const m = (0,_match_js__WEBPACK_IMPORTED_MODULE_2__/* .matchResources */ .jc)(policy.matchConstraints, req, nsLabels, false);
        if (!m.matches)
            continue;
        if (policy.configurationError) {
            if (policy.failurePolicy === 'Fail')
                push({
                    policy,
                    actions: ['Deny'],
                    message: `failed to configure policy: ${policy.configurationError}`,
                    evaluation: 'error',
                    policyPath: ['spec', 'paramKind'],
                });
            continue;
        }
        for (const binding of set.bindings) {
            if (binding.policyName !== policy.name)
                continue;
            const bm = (0,_match_js__WEBPACK_IMPORTED_MODULE_2__/* .matchResources */ .jc)(binding.matchResources, req, nsLabels, true);
            if (bm.error) {
                if (policy.failurePolicy === 'Fail')
                    push({
                        policy,
                        binding,
                        actions: ['Deny'],
                        message: `failed to configure binding: ${bm.error}`,
                        evaluation: 'error',
                        policyPath: [],
                    });
                continue;
            }
            if (!bm.matches)
                continue;
            const { params, error } = collectParams(policy, binding, req, env);
            if (error) {
                if (policy.failurePolicy === 'Fail')
                    push({
                        policy,
                        binding,
                        actions: ['Deny'],
                        message: `failed to configure binding: ${error}`,
                        evaluation: 'error',
                        policyPath: ['spec', 'paramKind'],
                    });
                continue;
            }
            for (const p of params) {
                const a = activation();
                a.ctx.params = p ? celOf(p) : null;
                a.ctx.variables = {};
                bindVariables(policy, a);
                const pname = p ? (str(obj(p.metadata)?.name) ?? '') : undefined;
                for (const d of validate(policy, binding, a, pname))
                    push(d);
            }
        }
    }
    if (denied.length) {
        const d = denied[0];
        verdict.allowed = false;
        verdict.denyMessage = d.binding
            ? `ValidatingAdmissionPolicy '${d.policy.name}' with binding '${d.binding.name}' denied request: ${d.message}`
            : `ValidatingAdmissionPolicy '${d.policy.name}' denied request: ${d.message}`;
    }
    return verdict;
}
const REASON_CODES = {
    Unauthorized: 401,
    Forbidden: 403,
    Invalid: 422,
    RequestEntityTooLarge: 413,
};
/**
 * The API server's reply to a denied request: the HTTP status (from the validation's reason,
 * default Invalid -> 422) and the message admission.NewForbidden wraps the policy's words in
 * (`deployments.apps "web" is forbidden: ValidatingAdmissionPolicy ...`).
 */
function denialStatus(o, d, text, mapper) {
    const r = mapper.map(o.ref.apiVersion, o.ref.kind);
    const resource = r.group ? `${r.resource}.${r.group}` : r.resource;
    const md = obj(o.data.metadata) ?? {};
    const name = str(md.name) ?? '';
    const code = d.evaluation === 'deny' ? (REASON_CODES[d.reason ?? 'Invalid'] ?? 422) : 403;
    return {
        code,
        message: name ? `${resource} ${JSON.stringify(name)} is forbidden: ${text}` : `${resource} is forbidden: ${text}`,
    };
}
/** Namespace objects of a set, by name. */
function namespacesOf(objects) {
    const out = new Map();
    for (const o of objects)
        if (o.ref.kind === 'Namespace' && o.ref.apiVersion === 'v1' && o.ref.name)
            out.set(o.ref.name, o.data);
    return out;
}


/***/ }),

/***/ 12833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   Lt: () => (/* binding */ fenceFor),
/* harmony export */   O0: () => (/* binding */ encodePath),
/* harmony export */   Pl: () => (/* binding */ safeUrl),
/* harmony export */   SC: () => (/* binding */ escapeHtmlText),
/* harmony export */   XO: () => (/* binding */ commentSafe),
/* harmony export */   bN: () => (/* binding */ catalogMarkdown),
/* harmony export */   l6: () => (/* binding */ toMarkdown),
/* harmony export */   md: () => (/* binding */ md),
/* harmony export */   ti: () => (/* binding */ inlineCode)
/* harmony export */ });
/* unused harmony exports BREAK, link, isMarkdown */
/* harmony import */ var _arrays_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53309);

/**
 * The one escaper for every markdown kubeward writes: the CLI's `-f markdown`, the job summary, the
 * sticky PR comment (GitHub Action and CircleCI orb) and the inline review. Text that comes from the
 * scanned input (messages, names, paths, file names, API error messages) is untrusted: it must not
 * break a table, start a block, inject HTML, mention people, reference issues, or become a link.
 *
 * GitHub renders markdown with cmark-gfm, whose autolink extension turns bare `http(s)://`, `www.`
 * and e-mail addresses into links, and then post-processes the HTML's text nodes for @mentions,
 * `#123` references and `:emoji:`. Backslash escapes do not reach those post-processors (they run on
 * the decoded text), so those few patterns are broken with a zero-width space (U+200B) where they
 * would be recognised, and nowhere else: an image `nginx@sha256:…` or `registry:5000/app:v1` keeps
 * its exact characters and can be copied.
 *
 * Contexts:
 * - `escapeMarkdown`: a paragraph, list item or table cell (one line).
 * - `escapeHtmlText`: text inside raw HTML (`<summary>…</summary>`), where markdown escapes would
 *   show literally (`NET\_RAW`), so only HTML entities are used.
 * - `inlineCode`: a code span (no autolinks or mentions happen inside code).
 * - `codeBlock`: a fenced block its content cannot close.
 * - `md` / `Markdown`: kubeward's own markdown with untrusted values interpolated (escaped).
 */
/** Written where an autolink, mention or reference would start, to stop GitHub from making one. */
const BREAK = '&#8203;';
const MARK = '\u200b';
/**
 * Inserts MARK where GitHub would otherwise make a link, mention or reference out of raw text:
 * `scheme://` (any scheme), `www.`, `@name` (not inside a word: `image@sha256` stays),
 * `user@host.tld` (e-mail autolinks), `#123` / `GH-123` references, and `:emoji:` shortcodes.
 */
function neutralise(raw) {
    return (raw
        .replace(/:\/\//g, `:/${MARK}/`)
        .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${MARK}.`)
        // a mention: '@' not preceded by a word character or backtick, followed by a name
        .replace(/(^|[^A-Za-z0-9_`])@(?=[A-Za-z0-9])/g, `$1@${MARK}`)
        // an e-mail address autolink: local@domain.tld
        .replace(/([A-Za-z0-9._+-])@(?=[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g, `$1@${MARK}`)
        // issue and pull request references
        .replace(/#(?=\d)/g, `#${MARK}`)
        .replace(/\b(GH)-(?=\d)/gi, `$1-${MARK}`)
        // :emoji: shortcodes (only a word between two colons, which no image reference or port has)
        .replace(/:(?=[a-z0-9_+-]+:(?![0-9/]))/gi, `:${MARK}`));
}
/** Control characters (other than the whitespace handled separately) are dropped. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
function oneLine(raw) {
    return raw.replace(CONTROL, '').replace(/[\r\n\t]+/g, ' ');
}
function entities(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Untrusted text for a markdown paragraph, list item or table cell: one line, nothing active. */
function escapeMarkdown(text) {
    return entities(neutralise(oneLine(String(text))))
        .replace(/[\\`*_{}[\]()#+!|~$]/g, (c) => `\\${c}`)
        .replace(/^([-=])/, '\\$1')
        .replaceAll(MARK, BREAK);
}
/** Untrusted text inside raw HTML (e.g. `<summary>`): entities only, so nothing shows as `\_`. */
function escapeHtmlText(text) {
    return entities(neutralise(oneLine(String(text))))
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
        .replaceAll(MARK, BREAK);
}
/**
 * Markdown written by kubeward itself (rule rationale and remediation from the catalog): its
 * `code` and emphasis are kept; HTML is neutralised, and it stays one paragraph.
 */
function catalogMarkdown(text) {
    return entities(text.replace(/\s*\n\s*/g, ' ')).replace(/(^|[^A-Za-z0-9_`])@(?=[A-Za-z0-9])/g, `$1@${BREAK}`);
}
/**
 * An inline code span that holds `text` whatever backticks it contains. In a table cell
 * (`inTable`), a pipe is written `\|`: GFM splits cells before it parses code spans.
 */
function inlineCode(text, inTable = false) {
    const one = oneLine(String(text));
    const longest = (0,_arrays_js__WEBPACK_IMPORTED_MODULE_0__/* .maxOf */ ._)((one.match(/`+/g) ?? []).map((r) => r.length), 0);
    const ticks = '`'.repeat(longest + 1);
    const pad = one.startsWith('`') || one.endsWith('`') || one === '' ? ' ' : '';
    return `${ticks}${pad}${inTable ? one.replace(/\|/g, '\\|') : one}${pad}${ticks}`;
}
/** A code fence longer than any backtick run in `content` (at least three backticks). */
function fenceFor(content) {
    const longest = (0,_arrays_js__WEBPACK_IMPORTED_MODULE_0__/* .maxOf */ ._)((content.match(/`{3,}/g) ?? []).map((r) => r.length), 0);
    return '`'.repeat(Math.max(3, longest + 1));
}
/** A fenced code block with `info` (e.g. `yaml`, `suggestion`). */
function codeBlock(info, content) {
    const fence = fenceFor(content);
    const body = content.endsWith('\n') || content === '' ? content : content + '\n';
    return `${fence}${info}\n${body}${fence}`;
}
/** A link target for a repository path: each segment URL-encoded, so nothing can end the link early. */
function encodePath(path) {
    return path
        .replace(/\\/g, '/')
        .split('/')
        .map((seg) => encodeURIComponent(seg).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
        .join('/');
}
/** A URL given by kubeward's caller (a prefix from a flag or the CI environment) made safe for `(…)`. */
function safeUrl(url) {
    if (!/^https?:\/\//i.test(url))
        return '';
    return url.replace(/[\s()<>"'`\\]/g, (c) => encodeURIComponent(c));
}
/** A markdown link whose label is untrusted text; plain escaped text when the URL is not http(s). */
function link(label, url) {
    const u = url ? safeUrl(url) : '';
    return u ? `[${escapeMarkdown(label)}](${u})` : escapeMarkdown(label);
}
/** Text inside an HTML comment marker: no `--` or `>` can end it early. */
function commentSafe(text) {
    return text.replace(/[^A-Za-z0-9:._/-]/g, '').replace(/--+/g, '-');
}
function isMarkdown(v) {
    return typeof v === 'object' && v !== null && typeof v.markdown === 'string';
}
/**
 * A tagged template for kubeward's own markdown: the literal parts are trusted (code spans and
 * emphasis are kept), every interpolated value is escaped with `escapeMarkdown` unless it is itself
 * `Markdown`. `md\`Give \`pull-requests: write\` to ${user}\``.
 */
function md(strings, ...values) {
    let out = strings[0];
    values.forEach((v, i) => {
        out += (isMarkdown(v) ? v.markdown : escapeMarkdown(String(v))) + strings[i + 1];
    });
    return { markdown: out };
}
/** A note or line that may be plain (untrusted) text or Markdown, as markdown. */
function toMarkdown(v) {
    return isMarkdown(v) ? v.markdown : escapeMarkdown(v);
}


/***/ }),

/***/ 34201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* binding */ renderMarkdown),
/* harmony export */   Pl: () => (/* binding */ headline),
/* harmony export */   _9: () => (/* binding */ SEVERITY_ICON),
/* harmony export */   jI: () => (/* binding */ formatMarkdown),
/* harmony export */   tI: () => (/* binding */ RULE_DOCS_URL)
/* harmony export */ });
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44146);
/* harmony import */ var _rules_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(95992);
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12833);
/* harmony import */ var _util_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8220);
/* harmony import */ var _selection_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(96745);
/**
 * The one markdown renderer: the CLI's `-f markdown`, the GitHub job summary, the sticky PR comment
 * of the action and of the CircleCI orb all come from here, with the one escaper of
 * `markdown-escape.ts` (everything from the scanned input is untrusted). Two layouts:
 *
 * - `full` (CLI, job summary): verdict, counts, optional chart, a findings table, each rule's why
 *   and fix, input errors, what was not verified, suppressed findings.
 * - `comment` (sticky PR comment): fits one screen: verdict and counts on two lines, then the
 *   findings in the files the PR changes (the first few files open, the rest collapsed per file),
 *   then one line for the findings elsewhere with a link to the full report.
 *
 * Both stay under `maxLength` characters; what is cut is stated with how many findings were left out.
 */





const SEVERITY_ICON = {
    critical: '🟣',
    high: '🔴',
    medium: '🟠',
    low: '🟡',
    info: '🔵',
};
/** Where each rule's documentation page lives (docs/rules/<id>.md in the repository). */
const RULE_DOCS_URL = 'https://github.com/kubeward/kubeward/blob/main/docs/rules/';
function trusted(v) {
    return typeof v === 'string' ? v : v.markdown;
}
/** Findings of the comment layout listed openly before the rest collapse. */
const OPEN_FILES = 2;
const OPEN_PER_FILE = 5;
function countsLine(report) {
    return _model_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC.filter((s) => report.counts[s] > 0)
        .map((s) => `${report.counts[s]} ${s}`)
        .join(', ');
}
/**
 * The verdict: `❌ fails at **high**: 3 findings (1 critical, 2 high)`. A run that could not look
 * at everything (the outcome's exit 2 or 3, input errors, checks not verified) never reads as
 * "all clear", whoever renders the report.
 */
function headline(report, outcome) {
    const n = report.findings.length;
    const findings = n === 0 ? 'no findings' : `${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(n, 'finding')} (${countsLine(report)})`;
    if (outcome && outcome.exitCode >= 2) {
        const what = outcome.exitCode === 3 ? 'verification incomplete' : 'scan incomplete';
        const why = outcome.problems.map((p) => (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(p.message)).join('; ');
        return `❌ ${what}${why ? `: ${why}` : ''}; ${findings}`;
    }
    if (report.errors.length || report.notVerified.length) {
        const parts = [
            report.errors.length ? (0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.errors.length, 'input error') : '',
            report.notVerified.length ? `${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.notVerified.length, 'check')} not verified` : '',
        ].filter(Boolean);
        return `❌ incomplete: ${parts.join(' and ')}; ${findings}`;
    }
    const failOn = (0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .failOnOf */ .tC)(report);
    if (failOn === 'none')
        return `${n === 0 ? '✅ ' : ''}${findings} (fail-on none: never fails)`;
    if (n === 0)
        return 'all clear: no findings ✅';
    const failing = report.findings.some((f) => (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .atLeast */ .jZ)(f.severity, failOn));
    return `${failing ? `❌ fails at **${failOn}**` : `✅ passes at **${failOn}**`}: ${findings}`;
}
function scannedLine(report) {
    const extra = [];
    if (report.suppressed.length)
        extra.push(`${report.suppressed.length} suppressed`);
    if (report.skipped.length)
        extra.push(`${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.skipped.length, 'document')} skipped`);
    if (report.errors.length)
        extra.push(`**${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.errors.length, 'input error')}**`);
    if (report.notVerified.length)
        extra.push(`**${report.notVerified.length} not verified**`);
    const hidden = (0,_selection_js__WEBPACK_IMPORTED_MODULE_3__/* .hiddenText */ .CZ)(report.hidden);
    if (hidden)
        extra.push(hidden);
    return (`Scanned ${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.filesScanned, 'file')} (${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.objectsScanned, 'object')})` +
        (extra.length ? ` · ${extra.join(' · ')}` : '') +
        '.');
}
function fileUrl(f, prefix) {
    if (!f.location || !prefix || f.location.file.startsWith('<'))
        return undefined;
    const base = (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .safeUrl */ .Pl)(prefix);
    return base ? `${base}${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .encodePath */ .O0)(f.location.file)}#L${f.location.line}` : undefined;
}
function locationCell(f, prefix) {
    if (!f.location)
        return f.object ? (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)((0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .objectName */ .Hd)(f.object)) : '—';
    const label = (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(`${f.location.file.replace(/\\/g, '/')}:${f.location.line}`);
    const url = fileUrl(f, prefix);
    return url ? `[${label}](${url})` : label;
}
function ruleCell(id, docs) {
    const code = (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .inlineCode */ .ti)(id, true);
    return docs && (0,_rules_index_js__WEBPACK_IMPORTED_MODULE_1__/* .getRule */ .rF)(id) ? `[${code}](${docs}${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .encodePath */ .O0)(id)}.md)` : code;
}
function messageText(f, inTable) {
    let msg = (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(f.message);
    if (f.secretPreview)
        msg += ` (${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .inlineCode */ .ti)(f.secretPreview, inTable)})`;
    if (f.object && f.location)
        msg += ` — ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)((0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .objectName */ .Hd)(f.object))}`;
    const env = (0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .environmentsOf */ .M2)(f);
    if (env)
        msg += ` (env: ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(env)})`;
    return msg;
}
function tableRow(f, o) {
    return `| ${SEVERITY_ICON[f.severity]} ${f.severity} | ${locationCell(f, o.fileUrlPrefix)} | ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .inlineCode */ .ti)(f.ruleId, true)} | ${messageText(f, true)} |`;
}
function countsTable(report) {
    return [
        '| Severity | Findings |',
        '| --- | ---: |',
        ..._model_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC.map((s) => `| ${SEVERITY_ICON[s]} ${s} | ${report.counts[s]} |`),
    ].join('\n');
}
function countsInline(report) {
    return _model_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC.map((s) => `${SEVERITY_ICON[s]} ${report.counts[s]} ${s}`).join(' · ');
}
function chart(report) {
    const slices = _model_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC.filter((s) => report.counts[s] > 0).map((s) => `    "${s}" : ${report.counts[s]}`);
    if (slices.length === 0)
        return '';
    return ['```mermaid', 'pie showData title Findings by severity', ...slices, '```'].join('\n');
}
function ruleDetails(ruleId, findings, docs) {
    const meta = (0,_rules_index_js__WEBPACK_IMPORTED_MODULE_1__/* .getRule */ .rF)(ruleId)?.meta;
    const title = (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeHtmlText */ .SC)(meta?.title || findings[0].title || ruleId);
    const parts = [
        `<details><summary><code>${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeHtmlText */ .SC)(ruleId)}</code> ${title} (${findings.length})</summary>`,
        '',
    ];
    if (meta?.rationale)
        parts.push(`**Why:** ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .catalogMarkdown */ .bN)(meta.rationale)}`, '');
    if (meta?.remediation)
        parts.push(`**How to fix:** ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .catalogMarkdown */ .bN)(meta.remediation)}`, '');
    if (meta?.example)
        parts.push((0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .codeBlock */ .DV)('yaml', meta.example), '');
    const fixes = [...new Set(findings.map((f) => f.fix?.description).filter((d) => !!d))];
    if (fixes.length > 0)
        parts.push(`**Automatic fix** (\`kubeward fix\`, or a suggestion on the PR): ${fixes.map(_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV).join('; ')}`, '');
    if (meta && docs)
        parts.push(`[Rule documentation](${docs}${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .encodePath */ .O0)(ruleId)}.md)`, '');
    if (!meta)
        parts.push('Not a built-in rule: no documentation.', '');
    parts.push('</details>');
    return parts.join('\n');
}
function errorLine(e) {
    const at = [e.file, e.line].filter((x) => x !== undefined && x !== '').join(':');
    return `- ${at ? `${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .inlineCode */ .ti)(at)}: ` : ''}${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(e.message)}`;
}
/** Appends blocks while they fit `budget`; returns how many were taken. */
function fill(blocks, used, budget) {
    let n = 0;
    for (const b of blocks) {
        if (used + b.length > budget)
            break;
        used += b.length;
        n++;
    }
    return n;
}
function renderMarkdown(report, opts = {}) {
    const o = {
        ...(opts.fileUrlPrefix ? { fileUrlPrefix: opts.fileUrlPrefix } : {}),
        max: opts.maxLength ?? Infinity,
        docs: opts.ruleDocsUrl === undefined ? RULE_DOCS_URL : (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .safeUrl */ .Pl)(opts.ruleDocsUrl),
    };
    const head = [];
    if (opts.header)
        head.push(opts.header);
    const level = opts.layout === 'comment' ? '###' : '##';
    head.push(`${level} ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(opts.title ?? 'kubeward')}: ${headline(report, opts.outcome)}`);
    for (const n of opts.notes ?? [])
        head.push(`> ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .toMarkdown */ .l6)(n)}`);
    const footer = opts.footer ? `\n\n${trusted(opts.footer)}\n` : '\n';
    const out = opts.layout === 'comment' ? renderComment(report, opts, o, head) : renderFull(report, opts, o, head);
    return finish(out, footer, o.max);
}
/** Adds the footer; the final guard against the cap (whatever was built, never longer than max). */
function finish(body, footer, max) {
    const text = body.replace(/\n+$/, '') + footer;
    if (text.length <= max)
        return text;
    const cut = `\n\n> ✂️ cut at ${max.toLocaleString('en-US')} characters.\n`;
    return body.slice(0, Math.max(0, max - cut.length)).replace(/\n[^\n]*$/, '') + cut;
}
function renderFull(report, opts, o, head) {
    head.push(scannedLine(report));
    if (report.findings.length > 0) {
        head.push(countsTable(report));
        if (opts.chart)
            head.push(chart(report));
    }
    let out = head.join('\n\n');
    const reserve = 600 + (opts.footer ? trusted(opts.footer).length : 0);
    const budget = o.max - reserve;
    // the tail (errors, not verified, suppressed) is kept when possible: it explains the verdict
    const tail = [];
    if (report.errors.length) {
        const lines = report.errors.slice(0, 200).map(errorLine);
        if (report.errors.length > 200)
            lines.push(`- … ${report.errors.length - 200} more`);
        tail.push(`\n\n### Input errors\n\n${lines.join('\n')}`);
    }
    if (report.notVerified.length) {
        tail.push(`\n\n### Not verified\n\n${report.notVerified.map((n) => `- ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(n.check)}: ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(n.reason)}`).join('\n')}`);
    }
    if (report.suppressed.length) {
        const items = report.suppressed.slice(0, 500).map((f) => {
            const why = f.suppression
                ? ` — ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(f.suppression.kind)}: ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(f.suppression.reason)}${f.suppression.expires ? ` (until ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(f.suppression.expires)})` : ''}`
                : '';
            return `- ${locationCell(f, o.fileUrlPrefix)} ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .inlineCode */ .ti)(f.ruleId)}${why}`;
        });
        if (report.suppressed.length > 500)
            items.push(`- … ${report.suppressed.length - 500} more`);
        tail.push(`\n\n<details><summary>${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.suppressed.length, 'suppressed finding')}</summary>\n\n${items.join('\n')}\n\n</details>`);
    }
    let tailText = tail.join('');
    if (out.length + tailText.length > budget)
        tailText = '';
    if (report.findings.length > 0) {
        const rows = report.findings.map((f) => '\n' + tableRow(f, o));
        const header = '\n\n### Findings\n\n| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |';
        const shown = fill(rows, out.length + header.length + tailText.length, budget);
        out += header + rows.slice(0, shown).join('');
        if (shown < rows.length) {
            out += `\n\n> ✂️ ${rows.length - shown} of ${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(rows.length, 'finding')} are not in this table (cut to fit ${o.max.toLocaleString('en-US')} characters): the SARIF and JSON reports have them all.`;
        }
        else {
            const byRule = new Map();
            for (const f of report.findings) {
                let g = byRule.get(f.ruleId);
                if (!g)
                    byRule.set(f.ruleId, (g = []));
                g.push(f);
            }
            const blocks = [...byRule].map(([id, fs]) => '\n' + ruleDetails(id, fs, o.docs) + '\n');
            const taken = fill(blocks, out.length + 20 + tailText.length, budget);
            if (taken > 0)
                out += '\n\n### Rules\n' + blocks.slice(0, taken).join('');
            if (taken < blocks.length)
                out += `\n\n> ✂️ ${blocks.length - taken} of ${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(blocks.length, 'rule')} not explained here (size limit): \`kubeward explain RULE\`.`;
        }
    }
    return out + tailText;
}
function fileLabel(file) {
    return file.replace(/\\/g, '/');
}
function commentItem(f, o) {
    const loc = f.location ? `L${f.location.line}` : f.object ? (0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .objectName */ .Hd)(f.object) : '—';
    const url = fileUrl(f, o.fileUrlPrefix);
    const where = url ? `[${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(loc)}](${url})` : (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(loc);
    return `- ${SEVERITY_ICON[f.severity]} **${f.severity}** ${where} ${ruleCell(f.ruleId, o.docs)}: ${messageText(f, false)}`;
}
function renderComment(report, opts, o, head) {
    if (report.findings.length > 0)
        head.push(countsInline(report));
    head.push(scannedLine(report));
    let out = head.join('\n\n');
    const more = opts.fullReportUrl ? (0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .safeUrl */ .Pl)(opts.fullReportUrl) : '';
    const fullLink = more ? `[the full report](${more})` : 'the job summary';
    if (report.errors.length) {
        const shown = report.errors.slice(0, 5).map(errorLine);
        if (report.errors.length > 5)
            shown.push(`- … ${report.errors.length - 5} more in ${fullLink}`);
        out += `\n\n**Input errors** (the run fails until they are fixed):\n\n${shown.join('\n')}`;
    }
    const groups = new Map();
    for (const f of report.findings) {
        const k = f.location ? fileLabel(f.location.file) : '';
        let g = groups.get(k);
        if (!g)
            groups.set(k, (g = []));
        g.push(f);
    }
    const changed = opts.changedFiles ? new Set(opts.changedFiles.map(fileLabel)) : undefined;
    const inChanged = [...groups].filter(([file]) => !changed || (file !== '' && changed.has(file)));
    const elsewhere = changed ? [...groups].filter(([file]) => file === '' || !changed.has(file)) : [];
    const elsewhereCount = elsewhere.reduce((n, [, fs]) => n + fs.length, 0);
    const blocks = [];
    inChanged.forEach(([file, fs], i) => {
        const name = file === '' ? 'Live objects / no file' : file;
        const items = fs.map((f) => commentItem(f, o));
        if (i < OPEN_FILES) {
            let text = `\n\n**${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(name)}** (${fs.length})\n\n${items.slice(0, OPEN_PER_FILE).join('\n')}`;
            if (items.length > OPEN_PER_FILE)
                text += `\n\n<details><summary>${items.length - OPEN_PER_FILE} more in this file</summary>\n\n${items.slice(OPEN_PER_FILE).join('\n')}\n\n</details>`;
            blocks.push({ text, count: fs.length });
        }
        else {
            blocks.push({
                text: `\n\n<details><summary>${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeHtmlText */ .SC)(name)} (${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(fs.length, 'finding')})</summary>\n\n${items.join('\n')}\n\n</details>`,
                count: fs.length,
            });
        }
    });
    if (report.findings.length > 0) {
        const title = changed
            ? inChanged.length
                ? `#### In the files this pull request changes`
                : `No finding is in a file this pull request changes.`
            : '#### Findings';
        out += `\n\n${title}`;
    }
    const elsewhereLine = elsewhereCount
        ? `\n\n**Elsewhere:** ${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(elsewhereCount, 'finding')} in ${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(elsewhere.length, 'other file')} this pull request does not change: see ${fullLink} and the SARIF results in code scanning.`
        : '';
    const reserve = 400 + elsewhereLine.length + (opts.footer ? trusted(opts.footer).length : 0);
    const budget = o.max - reserve;
    const taken = fill(blocks.map((b) => b.text), out.length, budget);
    out += blocks
        .slice(0, taken)
        .map((b) => b.text)
        .join('');
    if (taken < blocks.length) {
        const left = blocks.slice(taken);
        const n = left.reduce((s, b) => s + b.count, 0);
        out += `\n\n> ✂️ cut to fit GitHub's ${o.max.toLocaleString('en-US')}-character limit: ${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(n, 'more finding')} in ${(0,_util_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(left.length, 'file')} not shown here; see ${fullLink}.`;
    }
    out += elsewhereLine;
    if (report.suppressed.length)
        out += `\n\n${report.suppressed.length} suppressed (listed in the full report).`;
    return out;
}
/** The CLI's markdown (`-f markdown`): the full layout. */
function formatMarkdown(report, opts = {}) {
    return renderMarkdown(report, { ...opts, layout: 'full' });
}


/***/ }),

/***/ 8220:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hd: () => (/* binding */ objectName),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   M2: () => (/* binding */ environmentsOf),
/* harmony export */   W7: () => (/* binding */ fileOf),
/* harmony export */   WN: () => (/* binding */ countsText),
/* harmony export */   X: () => (/* binding */ escapeXml),
/* harmony export */   XQ: () => (/* binding */ groupByFile),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   bF: () => (/* binding */ passed),
/* harmony export */   k2: () => (/* binding */ slashes),
/* harmony export */   tC: () => (/* binding */ failOnOf),
/* harmony export */   tW: () => (/* binding */ NO_FILE)
/* harmony export */ });
/* unused harmony export locationText */
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44146);
/** Helpers shared by the formatters: grouping, object names, locations. Pure functions, no I/O. */

/** `Deployment prod/web`, `ClusterRole admin`, `Pod <unnamed>`. */
function objectName(ref) {
    if (!ref)
        return '';
    const name = ref.name === '' ? '<unnamed>' : ref.name;
    const ns = ref.namespace ? `${ref.namespace}/` : '';
    const cluster = ref.cluster ? `${ref.cluster}:` : '';
    return `${ref.kind} ${cluster}${ns}${name}`;
}
/**
 * The rendered environments a finding is in (a Helm environment, a Kustomize overlay): one name,
 * or the list when it is in every environment of its source; undefined for plain manifests.
 */
function environmentsOf(f) {
    return f.details?.environment ?? f.details?.environments;
}
/** Key used to group findings that have no file (live objects): the object, else '(no location)'. */
const NO_FILE = '(no file)';
/** The file a finding belongs to, or NO_FILE. */
function fileOf(f) {
    return f.location?.file ?? NO_FILE;
}
/** Groups findings by file, keeping first-seen order; NO_FILE last. */
function groupByFile(findings) {
    const groups = new Map();
    for (const f of findings) {
        const k = fileOf(f);
        let g = groups.get(k);
        if (!g)
            groups.set(k, (g = []));
        g.push(f);
    }
    const noFile = groups.get(NO_FILE);
    if (noFile) {
        groups.delete(NO_FILE);
        groups.set(NO_FILE, noFile);
    }
    return groups;
}
/**
 * The report's threshold; 'none' (--fail-on none: never fail) is carried in `failOn` by the CLI
 * until the model's type admits it.
 */
function failOnOf(report) {
    return report.failOn === 'none' ? 'none' : report.failOn;
}
/**
 * Does the report pass? Not when the run was incomplete (input errors, checks not verified: the
 * exit code is 2 or 3 whatever the findings, core/outcome.ts), else when nothing is at or above
 * its threshold.
 */
function passed(report) {
    if (report.errors.length || report.notVerified.length)
        return false;
    const t = failOnOf(report);
    return t === 'none' || !(0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .failsThreshold */ .Lh)(report, t);
}
/** `1 critical, 2 high` (only non-zero severities); 'none' when there are none. */
function countsText(report) {
    const parts = _model_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC.filter((s) => report.counts[s] > 0).map((s) => `${report.counts[s]} ${s}`);
    return parts.length ? parts.join(', ') : 'none';
}
function plural(n, word, pluralWord = `${word}s`) {
    return `${n} ${n === 1 ? word : pluralWord}`;
}
/** `file:line:col`, `file:line`, `file`, or ''. */
function locationText(f) {
    const l = f.location;
    if (!l)
        return '';
    return `${l.file}:${l.line}:${l.column}`;
}
/** Paths in reports always use forward slashes. */
function slashes(p) {
    return p.replace(/\\/g, '/');
}
/** XML/HTML text and attribute escaping; also drops characters XML 1.0 cannot carry. */
function escapeXml(s) {
    return s
        .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}
/** HTML escaping (same as XML but with the HTML-safe apostrophe entity). */
function escapeHtml(s) {
    return escapeXml(s).replace(/&apos;/g, '&#39;');
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

/***/ 95992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  V7: () => (/* binding */ allRules),
  U$: () => (/* binding */ catalog),
  rF: () => (/* binding */ getRule),
  registerRules: () => (/* binding */ registerRules)
});

// EXTERNAL MODULE: ./src/core/rules/input.ts
var input = __webpack_require__(10455);
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
/**
 * `key=value` label pairs of which every label set the selector matches carries one: its first
 * matchLabels entry (or plain-map entry), else the values of its first `In` expression. Undefined
 * when there is nothing to index by (empty selector, only Exists/NotIn/DoesNotExist). Lets
 * cross-object rules look up candidates in a `key=value` index instead of trying every object;
 * a candidate is then judged by matchesSelector.
 */
function selectorBuckets(selector) {
    if (!(0,podspec/* isObj */.sA)(selector))
        return undefined;
    const plain = !('matchLabels' in selector || 'matchExpressions' in selector);
    const ml = plain ? labelsOf(selector) : labelsOf(selector.matchLabels);
    for (const [k, v] of Object.entries(ml))
        return [`${k}=${v}`];
    if (plain || !Array.isArray(selector.matchExpressions))
        return undefined;
    for (const e of selector.matchExpressions) {
        // a label set has one value for the key, so it is in at most one of these buckets
        if ((0,podspec/* isObj */.sA)(e) && typeof e.key === 'string' && e.operator === 'In' && Array.isArray(e.values)) {
            const key = e.key;
            return [...new Set(e.values.map((v) => `${key}=${String(v)}`))];
        }
    }
    return undefined;
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
    const order = new Map(workloads.map((w, i) => [w, i]));
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
    // the same selector is often asked again (a `tier: web` peer in every policy of a namespace):
    // answered once per selector text and namespace, not once per asker
    const selected = new Map();
    const workloadsSelectedBy = (selector, namespace) => {
        if (!(0,podspec/* isObj */.sA)(selector))
            return [];
        const cacheKey = `${namespace ?? ''}\0${JSON.stringify(selector)}`;
        const hit = selected.get(cacheKey);
        if (hit)
            return hit;
        const buckets = selectorBuckets(selector);
        let candidates = workloads;
        if (buckets?.length === 1)
            candidates = byLabel.get(buckets[0]) ?? [];
        else if (buckets) {
            // several values of one key: no workload is in two of the buckets; keep the set's order
            candidates = buckets.flatMap((b) => byLabel.get(b) ?? []).sort((a, b) => order.get(a) - order.get(b));
        }
        const out = candidates.filter((w) => sameNamespace(w.namespace, namespace) && matchesSelector(selector, w.podLabels));
        selected.set(cacheKey, out);
        return out;
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
    // unset replicas: 1 when created, but often left out because something else scales the workload
    // (an HPA outside the set, KEDA, kubectl scale): possibly more than one
    if (w.replicas === undefined)
        return { min: 1, max: Infinity, hpa: undefined };
    return { min: w.replicas, max: w.replicas, hpa: undefined };
}
/** Might the workload run more than one pod (replicas > 1 or unset, or an HPA allows more)? */
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


// EXTERNAL MODULE: ./src/core/rules/types.ts
var types = __webpack_require__(98018);
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
// The image reference grammar of the container registries (distribution/reference), as the kubelet
// and the runtimes parse it.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);
const DIGEST_LENGTH = { sha256: 64, sha384: 96, sha512: 128 };
/** Why an image reference is not valid, or undefined when it is. */
function invalidImageReason(image) {
    const s = image.trim();
    if (s.length > 255 + 140)
        return 'it is too long';
    if (!REFERENCE.test(s))
        return 'it does not match the image reference grammar (registry/name:tag@algorithm:hex)';
    const at = s.indexOf('@');
    if (at !== -1) {
        const [algo, hex] = s.slice(at + 1).split(':');
        const want = DIGEST_LENGTH[algo];
        if (want !== undefined && hex.length !== want)
            return `its ${algo} digest has ${hex.length} hex digits, not ${want}`;
    }
    const name = s.split('@')[0].replace(/:[\w][\w.-]*$/, '');
    if (name.length > 255)
        return 'its name is longer than 255 characters';
    return undefined;
}
function floating(ref) {
    return !pinned(ref) && (ref.tag === undefined || ref.tag === 'latest');
}
const imageTagLatest = {
    meta: {
        id: 'image-tag-latest',
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
            // an invalid reference pulls nothing at all: image-reference-invalid reports it
            if (!image || invalidImageReason(image))
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
const imageReferenceInvalid = {
    meta: {
        id: 'image-reference-invalid',
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
        title: 'Image reference is not valid',
        severity: 'medium',
        enabledByDefault: true,
        category: 'images',
        rationale: 'An image reference the runtime cannot parse (an uppercase repository, a truncated digest such as `app@sha256:123`, stray characters) pulls nothing: the pod fails with InvalidImageName, and no other image rule can say what would run.',
        remediation: 'Write the reference as `registry/repository:tag` or `registry/repository@sha256:<64 hex digits>`, in lower case.',
        example: 'containers:\n- name: web\n  image: registry.example.com/shop/web@sha256:<64 hex digits>',
        references: [`${IMAGES_DOC}#image-names`, 'https://github.com/distribution/reference/blob/main/reference.go'],
    },
    *check(obj) {
        for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
            const image = imageOf(c);
            if (!image)
                continue;
            const why = invalidImageReason(image);
            if (!why)
                continue;
            yield {
                path: [...c.path, 'image'],
                message: `${c.type} "${c.name}" image "${image}" is not a valid image reference: ${why}`,
            };
        }
    },
};
const rules = [
    imageTagLatest,
    imageReferenceInvalid,
    imageDigest,
    imagePullPolicy,
    imageRegistryAllowlist,
    deprecatedRegistry,
    riskyComponent,
];

;// CONCATENATED MODULE: ./src/core/rules/resources.ts
/** Resources: requests, limits, bounds and ephemeral storage of containers. */



const RES_DOC = 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/';
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
            kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
const resources_rules = [
    cpuRequests,
    memoryRequests,
    cpuLimits,
    memoryLimits,
    resourceBounds,
    ephemeralStorage,
    requestsEqualLimits,
];

// EXTERNAL MODULE: ./src/core/rules/crd-templates.ts
var crd_templates = __webpack_require__(63746);
;// CONCATENATED MODULE: ./src/core/rules/probes.ts



const PROBES_DOC = 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/';
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
            kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
const probes_rules = [livenessProbe, readinessProbe, probesIdentical, probePort];

;// CONCATENATED MODULE: ./src/core/rules/availability.ts




const PDB_DOC = 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/';
const HPA_DOC = 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/';
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
        const inv = inventory(ctx);
        // an HPA's minReplicas is judged on its own, also when its target is not in the set
        const targetOf = new Map(); // the first workload an HPA scales
        for (const w of inv.workloads)
            for (const h of w.hpas)
                if (!targetOf.has(h))
                    targetOf.set(h, w);
        for (const h of inv.hpas) {
            if (h.min >= min)
                continue;
            const target = targetOf.get(h);
            const explicit = (0,podspec/* get */.Jt)(h.obj.data, ['spec', 'minReplicas']) !== undefined;
            yield {
                object: h.obj,
                path: ['spec', 'minReplicas'],
                message: `HPA minReplicas ${h.min}${explicit ? '' : ' (unset)'} for ${target ? describe(target.obj) : `${h.targetKind} ${h.targetName}`} is below the minimum of ${min}`,
            };
        }
        for (const w of inv.workloads) {
            if (!REPLICATED_KINDS.has(w.kind) || w.hpas.length)
                continue;
            const r = replicaRange(w);
            if (r.min < min) {
                yield {
                    object: w.obj,
                    path: ['spec', 'replicas'],
                    message: `${w.kind} runs ${r.min} replica${r.min === 1 ? '' : 's'}${w.replicas === undefined ? ' (replicas unset)' : ''}, below the minimum of ${min}`,
                };
            }
        }
    },
};
/** Does an anti-affinity term apply to the workload's own pods (selector and namespaces)? */
function termSelectsOwn(term, own, ns) {
    if (!(0,podspec/* isObj */.sA)(term) || !matchesSelector(term.labelSelector, own))
        return false;
    const names = Array.isArray(term.namespaces) ? term.namespaces.map(String) : [];
    // no namespaces and no namespaceSelector: the pod's own namespace; an empty selector: all
    if ((0,podspec/* isObj */.sA)(term.namespaceSelector))
        return true;
    return (names.length === 0 || (ns !== undefined && names.includes(ns)) || (ns === undefined && names.includes('default')));
}
/** Spreading that counts: an anti-affinity term or topology spread over the workload's own pods. */
function hasSpread(t, ns) {
    const own = labelsOf(t.metadata.labels);
    const aa = (0,podspec/* get */.Jt)(t.spec, ['affinity', 'podAntiAffinity']);
    if ((0,podspec/* isObj */.sA)(aa)) {
        const req = Array.isArray(aa.requiredDuringSchedulingIgnoredDuringExecution)
            ? aa.requiredDuringSchedulingIgnoredDuringExecution
            : [];
        const pref = Array.isArray(aa.preferredDuringSchedulingIgnoredDuringExecution)
            ? aa.preferredDuringSchedulingIgnoredDuringExecution.map((p) => ((0,podspec/* isObj */.sA)(p) ? p.podAffinityTerm : undefined))
            : [];
        if ([...req, ...pref].some((term) => termSelectsOwn(term, own, ns)))
            return true;
    }
    const tsc = t.spec.topologySpreadConstraints;
    return Array.isArray(tsc) && tsc.some((c) => (0,podspec/* isObj */.sA)(c) && matchesSelector(c.labelSelector, own));
}
function replicaText(w) {
    const r = replicaRange(w);
    if (r.hpa)
        return `scaled by HPA "${r.hpa.obj.ref.name}" up to ${r.max} replicas`;
    return r.max === Infinity ? 'with replicas unset (possibly scaled)' : `with ${r.max} replicas`;
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
            if (!possiblyMultiReplica(w) || hasSpread(w.template, w.obj.ref.namespace))
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
        kinds: ['PodDisruptionBudget'],
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
        kinds: [...SELECTOR_KINDS],
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
        kinds: ['Job'],
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
        kinds: ['Pod'],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
                // as the API validates: minDomains ≥ 1, and only with whenUnsatisfiable: DoNotSchedule
                if (c.minDomains !== undefined && c.minDomains !== null) {
                    const md = (0,podspec/* numOf */.og)(c.minDomains);
                    if (md === undefined || md < 1)
                        yield { path: [...base, 'minDomains'], message: 'minDomains must be at least 1' };
                    else if (c.whenUnsatisfiable !== 'DoNotSchedule')
                        yield {
                            path: [...base, 'minDomains'],
                            message: 'minDomains is only allowed with whenUnsatisfiable: DoNotSchedule',
                        };
                }
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
        kinds: ['CronJob'],
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
const availability_rules = [
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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

// EXTERNAL MODULE: ./src/core/secrets/index.ts + 4 modules
var secrets = __webpack_require__(89989);
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
/** Detections of identifiers that pair with a secret, rather than of secrets. */
const IDENTIFIER_KINDS = new Set(['aws-access-key-id']);
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
    // an identifier that pairs with a secret (an AWS access key id alone) is medium: it names the key
    // and the account, but grants nothing without its secret
    const sev = ds.every((x) => IDENTIFIER_KINDS.has(x.kind))
        ? 'medium'
        : ds.some((x) => x.confidence !== 'low')
            ? undefined
            : severityOf(d);
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
                    const ds = (0,secrets/* detectNamedValue */.ct)(name, value, o);
                    if (!ds.length)
                        continue;
                    yield violation([...c.path, 'env', i, 'value'], `${c.type} "${c.name}" sets env ${name || `[${i}]`} to ${secrets_describe(ds)} in plain text`, ds);
                }
            }
            const command = Array.isArray(c.container.command) ? c.container.command : [];
            const args = Array.isArray(c.container.args) ? c.container.args : [];
            const argv = [...command, ...args];
            const byIndex = new Map();
            for (const { index, detection } of (0,secrets/* detectInArgv */.Rj)(argv, o)) {
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
        const named = (0,secrets/* detectNamedValue */.ct)(key, value, o);
        if (named.length)
            return named;
    }
    // a file, or a one-line `a=b;password=c` / `{"password": "c"}` value: judge what is inside
    return (0,secrets/* detectInText */.WR)(value, o);
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
        kinds: ['ConfigMap'],
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
                const decoded = (0,secrets/* decodeBase64 */.y4)(raw);
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
                const value = field === 'data' ? (0,secrets/* decodeBase64 */.y4)(raw) : raw;
                if (value === undefined)
                    continue;
                const d = (0,secrets/* classifySecretEntry */.LD)(k, value, type, o);
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
        const ds = v.includes('\n') ? (0,secrets/* detectInText */.WR)(v, o) : (0,secrets/* detectNamedValue */.ct)(key, v, o);
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
            const ds = (0,secrets/* detectNamedValue */.ct)(v.name, value, o);
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
                // Helm's `checksum/config: {{ include ... | sha256sum }}` pattern: a digest of a file that
                // rolls the pods when it changes, not the secret itself
                if (/^checksum\//.test(key) && /^(?:sha(?:1|256|512)[:-])?[a-f0-9]{32,128}$/i.test(value.trim()))
                    continue;
                const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
                const ds = entryDetections(name, value, o);
                if (ds.length)
                    yield violation(base, `annotation "${key}" holds ${secrets_describe(ds)}`, ds, value);
            }
        }
    },
};
// ---------------------------------------------------------------------------------------------
// secret-in-custom-resource
/** A kind served from a CustomResourceDefinition: its group is a domain outside Kubernetes' own. */
function isCustomResource(obj) {
    const api = obj.ref.apiVersion;
    const slash = api.indexOf('/');
    if (slash < 0)
        return false; // core v1
    const group = api.slice(0, slash);
    return group.includes('.') && !/(?:^|\.)k8s\.io$|(?:^|\.)kubernetes\.io$/.test(group);
}
/** Fields whose values are ciphertext meant to be committed (SealedSecret, SOPS), not secrets. */
const ENCRYPTED = /^ENC\[[A-Z0-9_]+,data:/;
/**
 * Every string field of a custom resource outside metadata and status, judged as a ConfigMap
 * entry: the key name with a one-line value, a multi-line value as a file; `{name, value}` pairs
 * by their name. Pod templates inside (Argo Rollouts, Knative ...) are secret-in-env's.
 */
function* crFields(v, path, key, o, skip) {
    if (typeof v === 'string') {
        if (ENCRYPTED.test(v))
            return;
        const ds = entryDetections(key, v, o);
        if (ds.length)
            yield { path, ds, value: v };
        return;
    }
    if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++)
            yield* crFields(v[i], [...path, i], key, o, skip);
        return;
    }
    if (!(0,podspec/* isObj */.sA)(v) || skip.has(path.join('\u0000')))
        return;
    if (typeof v.name === 'string' && v.value !== undefined && !(0,podspec/* isObj */.sA)(v.value) && !Array.isArray(v.value)) {
        const value = str(v.value);
        if (value !== undefined) {
            const ds = entryDetections(v.name, value, o);
            if (ds.length)
                yield { path: [...path, 'value'], ds, value };
        }
        return;
    }
    for (const [k, child] of Object.entries(v)) {
        if (path.length === 0 && (k === 'apiVersion' || k === 'kind' || k === 'metadata' || k === 'status' || k === 'sops'))
            continue;
        if (k === 'valueFrom' || k === 'secretKeyRef' || k === 'encryptedData')
            continue;
        yield* crFields(child, [...path, k], k, o, skip);
    }
}
const secretInCustomResource = {
    meta: {
        id: 'secret-in-custom-resource',
        title: 'Secret in a custom resource',
        severity: 'high',
        enabledByDefault: true,
        category: 'secrets',
        rationale: "Custom resources (an AlertmanagerConfig's Slack token, an operator's database password) are stored in etcd unencrypted, readable by every principal that can read the resource and printed by every tool that lists it; a credential written into one is also in the repository and its history. Most operators offer a field that references a Secret instead.",
        remediation: `Use the resource's Secret reference field (\`passwordSecretRef\`, \`tokenSecret\`, \`*SecretKeyRef\`) and keep the value in a Secret. ${STORE_ADVICE}`,
        example: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
spec:
  receivers:
  - name: slack
    slackConfigs:
    - apiURL:            # a reference, not the webhook URL
        name: slack-webhook
        key: url`,
        references: [
            'https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/custom-resources/',
            K8S_SECRET_GOOD_PRACTICES,
            SEALED_SECRETS,
            ESO,
            CWE_798,
        ],
    },
    *check(obj, ctx) {
        if (!isCustomResource(obj))
            return;
        const o = opts(ctx);
        const skip = new Set((0,podspec/* podTemplates */.R7)(obj).map((t) => t.specPath.join('\u0000')));
        const kind = obj.ref.kind;
        for (const { path, ds, value } of crFields(obj.data, [], '', o, skip)) {
            const field = path
                .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
                .join('')
                .replace(/^\./, '');
            yield violation(path, `${kind} field ${field} holds ${secrets_describe(ds)}`, ds, value);
        }
    },
};
// ---------------------------------------------------------------------------------------------
// secret-committed
const secretCommitted = {
    meta: {
        id: 'secret-committed',
        kinds: ['Secret'],
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
                const value = field === 'data' ? (0,secrets/* decodeBase64 */.y4)(rawStr) : rawStr;
                // data that is not base64 is invalid for the API server; judge the raw text instead
                const d = (0,secrets/* classifySecretEntry */.LD)(key, value ?? rawStr, type, o);
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
const secrets_rules = [
    secretInEnv,
    secretInConfigMap,
    secretInAnnotation,
    secretInCustomResource,
    secretCommitted,
    secretOverShared,
];

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
function policyIndex(ctx) {
    return ctx.memo('network:policyIndex', () => {
        const everywhere = [];
        const byLabel = new Map();
        for (const p of policies(ctx)) {
            const keys = selectorBuckets(p.podSelector);
            if (!keys) {
                everywhere.push(p);
                continue;
            }
            for (const k of keys) {
                const list = byLabel.get(k);
                if (list)
                    list.push(p);
                else
                    byLabel.set(k, [p]);
            }
        }
        return {
            candidates(w) {
                const out = [...everywhere];
                for (const [k, v] of Object.entries(w.podLabels)) {
                    const list = byLabel.get(`${k}=${v}`);
                    if (list)
                        for (const p of list)
                            out.push(p);
                }
                return out;
            },
        };
    });
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
        const index = policyIndex(ctx);
        for (const w of workloadsIn(ctx)) {
            if (hostNetwork(w) || TEMPLATE_KINDS.has(w.kind) || network_controlled(w.obj))
                continue;
            const covered = new Set();
            for (const p of index.candidates(w))
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
        kinds: ['NetworkPolicy'],
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
        kinds: ['NetworkPolicy'],
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
        kinds: ['Service'],
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
        kinds: ['Service'],
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
        kinds: ['Ingress'],
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
        kinds: ['ConfigMap', 'Ingress'],
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

// EXTERNAL MODULE: ./src/core/arrays.ts
var arrays = __webpack_require__(53309);
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
const BOOTSTRAPPING = 'kubernetes.io/bootstrapping';
function hasBootstrapLabel(o) {
    const md = o?.data.metadata;
    return (0,podspec/* isObj */.sA)(md) && (0,podspec/* isObj */.sA)(md.labels) && typeof md.labels[BOOTSTRAPPING] === 'string';
}
/**
 * A binding Kubernetes itself creates: a `system:` binding name, or the `kubernetes.io/bootstrapping`
 * label. Judged by the binding's own origin: what it grants (a role named `system:...`) exempts nothing.
 */
function isSystemBinding(o) {
    return isSystemName(o.ref.name) || hasBootstrapLabel(o);
}
/**
 * A role Kubernetes itself creates: one carrying the `kubernetes.io/bootstrapping` label, or a
 * `system:` role that is not in the set (the API server's own). A user's role in the set named
 * `system:...` is judged like any other.
 */
function isSystemRole(r) {
    return r.obj ? hasBootstrapLabel(r.obj) : isSystemName(r.name);
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
            (0,arrays/* pushAll */.i)(r.effective, other.own);
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
            if (!isSystemBinding(obj))
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
                if (!role || isSystemBinding(b.obj))
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
                if (!role.obj || isSystemRole(role) || skip(role))
                    continue;
                if (role.bindings.length)
                    continue;
                if (role.aggregatedInto.some((a) => a.bindings.length && !isSystemRole(a)))
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
            if (b.roleRefKind !== 'ClusterRole' || b.roleRefName !== 'cluster-admin' || isSystemBinding(b.obj))
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
            if (isSystemBinding(b.obj))
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
            if (isSystemBinding(b.obj))
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
        kinds: ['PeerAuthentication'],
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
        kinds: ['DestinationRule'],
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
        kinds: ['AuthorizationPolicy'],
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
        kinds: ['Namespace', types/* POD_TEMPLATE_KINDS */.V],
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        offByDefault: true,
        replacement: 'resource.k8s.io/v1',
    },
    {
        apiVersion: 'resource.k8s.io/v1beta2',
        kinds: ['ResourceClaim', 'ResourceClaimTemplate', 'DeviceClass', 'ResourceSlice'],
        deprecatedIn: '1.34',
        offByDefault: true,
        replacement: 'resource.k8s.io/v1',
    },
    {
        apiVersion: 'admissionregistration.k8s.io/v1beta1',
        kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
        deprecatedIn: '1.30',
        offByDefault: true,
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
        offByDefault: true,
        replacement: 'networking.k8s.io/v1',
        dropIn: true,
    },
    {
        apiVersion: 'storage.k8s.io/v1beta1',
        kinds: ['VolumeAttributesClass'],
        deprecatedIn: '1.34',
        offByDefault: true,
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
        rationale: 'An apiVersion removed in the target Kubernetes version makes `kubectl apply` fail (and blocks cluster upgrades for live objects); a deprecated one will fail after a coming upgrade. Findings are high when the API is removed in the target version, or is a beta API that the API server does not serve unless enabled with `--runtime-config` (resource.k8s.io v1beta1/v1beta2, ValidatingAdmissionPolicy v1beta1 ...), medium when it is only deprecated.',
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
        else if (d.offByDefault) {
            yield {
                path: ['apiVersion'],
                severity: 'high',
                ...fixOf(d),
                message: `${obj.ref.apiVersion} ${obj.ref.kind} is not served by default: a beta API the API server enables only with --runtime-config${atOrAfter(target, d.deprecatedIn) ? `, deprecated since Kubernetes ${d.deprecatedIn}` : ''}; use ${d.replacement}`,
                details: { offByDefault: 'true', deprecatedIn: d.deprecatedIn, replacement: d.replacement },
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

// EXTERNAL MODULE: ./src/core/rules/live.ts + 1 modules
var live = __webpack_require__(65327);
// EXTERNAL MODULE: ./src/core/sources/dockerfile.ts
var dockerfile = __webpack_require__(34874);
;// CONCATENATED MODULE: ./src/core/rules/dockerfile.ts



const DOCKER_REF = 'https://docs.docker.com/build/building/best-practices/';
/** Each instruction with its path, over the stages (the pseudo stage of leading ARGs included). */
function* instructions(obj) {
    const d = (0,dockerfile/* dockerfileData */.Fh)(obj);
    for (let si = 0; si < d.stages.length; si++) {
        const stage = d.stages[si];
        for (let ii = 0; ii < stage.instructions.length; ii++) {
            yield { stage, si, ins: stage.instructions[ii], path: ['stages', si, 'instructions', ii] };
        }
    }
}
function finalStage(obj) {
    const d = (0,dockerfile/* dockerfileData */.Fh)(obj);
    for (let si = d.stages.length - 1; si >= 0; si--)
        if (d.stages[si].image !== '' || d.stages[si].instructions[0]?.keyword === 'FROM')
            return { stage: d.stages[si], si };
    return undefined;
}
/** The user the final stage runs as: the last USER of the stage or of the stages it builds FROM. */
function finalUser(obj) {
    const d = (0,dockerfile/* dockerfileData */.Fh)(obj);
    const f = finalStage(obj);
    if (!f)
        return undefined;
    let si = f.si;
    const seen = new Set();
    while (si >= 0 && !seen.has(si)) {
        seen.add(si);
        const st = d.stages[si];
        for (let ii = st.instructions.length - 1; ii >= 0; ii--) {
            const ins = st.instructions[ii];
            if (ins.keyword === 'USER')
                return { user: ins.args[0] ?? '', path: ['stages', si, 'instructions', ii] };
        }
        if (!st.fromStage)
            break;
        si = d.stages.findIndex((s) => s.name?.toLowerCase() === st.image.toLowerCase());
    }
    return { path: ['stages', f.si, 'instructions', 0] };
}
function isRootUser(user) {
    const u = user.split(':')[0].trim();
    return u === 'root' || u === '0';
}
const userRoot = {
    meta: {
        id: 'dockerfile-user-root',
        title: 'Dockerfile final stage runs as root',
        description: 'The final stage has no USER instruction, or its last USER is root or 0.',
        severity: 'high',
        enabledByDefault: true,
        category: 'dockerfile',
        kinds: [dockerfile/* DOCKERFILE_KIND */.s0],
        rationale: 'Without a USER the container runs as root unless every manifest overrides it; a process escape or a writable mount then starts from root. Kubernetes `runAsNonRoot: true` refuses such an image outright.',
        remediation: 'Create an unprivileged user in the image and end the final stage with `USER <uid>` (numeric, so runAsNonRoot can verify it).',
        example: 'FROM gcr.io/distroless/static:nonroot\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]',
        references: ['https://github.com/hadolint/hadolint/wiki/DL3002', DOCKER_REF + '#user'],
    },
    *check(obj) {
        if (!(0,dockerfile/* isDockerfileObject */.S_)(obj))
            return;
        const u = finalUser(obj);
        if (!u)
            return;
        if (u.user === undefined)
            yield { path: u.path, message: 'the final stage sets no USER: the container runs as root' };
        else if (isRootUser(u.user))
            yield { path: u.path, message: `the final stage runs as ${u.user} (USER ${u.user})` };
    },
};
function baseImages(obj) {
    const d = (0,dockerfile/* dockerfileData */.Fh)(obj);
    return d.stages
        .map((s, si) => ({ s, path: ['stages', si, 'instructions', 0] }))
        .filter(({ s }) => s.image !== '' && !s.fromStage && s.image.toLowerCase() !== 'scratch' && !s.image.includes('$'));
}
const baseLatest = {
    meta: {
        id: 'dockerfile-base-latest',
        title: 'Dockerfile FROM uses latest or no tag',
        description: 'A FROM image has no tag (so :latest) or the :latest tag.',
        severity: 'high',
        enabledByDefault: true,
        category: 'dockerfile',
        kinds: [dockerfile/* DOCKERFILE_KIND */.s0],
        rationale: 'A moving base image makes builds unrepeatable: the same Dockerfile builds a different image tomorrow, with changes nobody reviewed.',
        remediation: 'Pin the base image to a version tag (better: a digest).',
        example: 'FROM node:22.11-alpine3.20',
        references: [
            'https://github.com/hadolint/hadolint/wiki/DL3006',
            'https://github.com/hadolint/hadolint/wiki/DL3007',
        ],
    },
    *check(obj) {
        if (!(0,dockerfile/* isDockerfileObject */.S_)(obj))
            return;
        for (const { s, path } of baseImages(obj)) {
            if (s.digest)
                continue;
            if (!s.tag)
                yield { path, message: `FROM ${s.image} has no tag (it means :latest)` };
            else if (s.tag === 'latest')
                yield { path, message: `FROM ${s.image} uses the :latest tag` };
        }
    },
};
const baseDigest = {
    meta: {
        id: 'dockerfile-base-digest',
        title: 'Dockerfile FROM not pinned by digest',
        description: 'A FROM image is referenced by tag, not by @sha256 digest.',
        severity: 'medium',
        enabledByDefault: false,
        category: 'dockerfile',
        kinds: [dockerfile/* DOCKERFILE_KIND */.s0],
        rationale: 'Tags can be moved to other content; only a digest names exactly the image that was reviewed.',
        remediation: 'Reference the base image by digest (`FROM node:22@sha256:...`) and let a bot such as Renovate update it.',
        references: [DOCKER_REF + '#pin-base-image-versions'],
    },
    *check(obj) {
        if (!(0,dockerfile/* isDockerfileObject */.S_)(obj))
            return;
        for (const { s, path } of baseImages(obj))
            if (!s.digest)
                yield { path, message: `FROM ${s.image} is not pinned by digest` };
    },
};
const KEY_FILE = /(?:^|\/)(?:id_(?:rsa|dsa|ecdsa|ed25519)|\.env|\.npmrc|\.pypirc|\.netrc|\.git-credentials|credentials(?:\.json)?|[^/]*\.(?:pem|key|p12|pfx|jks|keystore))$|(?:^|\/)\.(?:ssh|aws|gnupg|docker)(?:\/|$)/i;
const secret = {
    meta: {
        id: 'dockerfile-secret',
        title: 'Secret in a Dockerfile',
        description: 'A secret value in ENV or ARG, or a COPY/ADD of a key or credentials file into the image.',
        severity: 'critical',
        enabledByDefault: true,
        category: 'dockerfile',
        kinds: [dockerfile/* DOCKERFILE_KIND */.s0],
        rationale: 'ENV and ARG values and copied files are stored in the image layers and its history: everyone who can pull the image can read them, forever.',
        remediation: 'Use build secrets (`RUN --mount=type=secret,id=...`) and runtime Secrets; remove the file from the build context (.dockerignore) and rotate the secret.',
        references: ['https://docs.docker.com/build/building/secrets/'],
    },
    *check(obj) {
        if (!(0,dockerfile/* isDockerfileObject */.S_)(obj))
            return;
        for (const { ins, path } of instructions(obj)) {
            if (ins.properties) {
                for (const [name, value] of ins.properties) {
                    if (!value || value.includes('$'))
                        continue;
                    const d = (0,secrets/* detectNamedValue */.ct)(name, value)[0];
                    if (d) {
                        yield {
                            path,
                            message: `${ins.keyword} ${name} holds a ${d.label}: it stays in the image history`,
                            secretPreview: d.preview,
                        };
                    }
                }
            }
            else if (ins.keyword === 'RUN') {
                const d = (0,secrets/* detectInText */.WR)(ins.content).find((x) => x.confidence === 'high');
                if (d)
                    yield { path, message: `RUN holds a ${d.label}`, secretPreview: d.preview };
            }
            else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
                const sources = ins.args.slice(0, -1);
                const key = sources.find((s) => KEY_FILE.test(s.replace(/\/+$/, '')));
                if (key)
                    yield { path, message: `${ins.keyword} ${key} copies a key or credentials file into the image` };
            }
        }
    },
};
const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;
const add = {
    meta: {
        id: 'dockerfile-add',
        title: 'Dockerfile ADD where COPY serves',
        description: 'ADD of remote URLs, or ADD of plain files and folders (COPY does that without surprises).',
        severity: 'low',
        enabledByDefault: true,
        category: 'dockerfile',
        kinds: [dockerfile/* DOCKERFILE_KIND */.s0],
        rationale: 'ADD fetches URLs without checksum verification and silently unpacks archives; COPY does only what it says.',
        remediation: 'Use COPY for local files; download with curl/wget and verify a checksum (or `ADD --checksum=sha256:...`) for remote files.',
        references: ['https://github.com/hadolint/hadolint/wiki/DL3020'],
    },
    *check(obj) {
        if (!(0,dockerfile/* isDockerfileObject */.S_)(obj))
            return;
        for (const { ins, path } of instructions(obj)) {
            if (ins.keyword !== 'ADD')
                continue;
            const sources = ins.args.slice(0, -1);
            const url = sources.find((s) => /^(?:https?|git):\/\/|^git@/.test(s));
            if (url) {
                if (!ins.flags.some((f) => f.startsWith('--checksum')))
                    yield { path, message: `ADD ${url} downloads without checksum verification` };
            }
            else if (!sources.every((s) => ARCHIVE.test(s))) {
                yield { path, message: 'ADD of local files: use COPY (ADD also unpacks archives)' };
            }
        }
    },
};
/** Commands of a RUN line (split at && || ; |). */
function commands(content) {
    return content
        .replace(/\\\r?\n/g, ' ')
        .split(/&&|\|\||;|\|/)
        .map((c) => c.trim().split(/\s+/).filter(Boolean));
}
function unpinned(cmd) {
    const bin = cmd[0] === 'sudo' ? cmd.slice(1) : cmd;
    const w = bin.join(' ');
    const pkgs = (from) => bin.slice(from).filter((a) => !a.startsWith('-') && !a.startsWith('$'));
    if (/^(?:apt-get|apt) (?:.* )?install\b/.test(w))
        return pkgs(bin.indexOf('install') + 1).filter((p) => !p.includes('=') && !p.endsWith('.deb'));
    if (/^apk (?:.* )?add\b/.test(w))
        return pkgs(bin.indexOf('add') + 1).filter((p) => !p.includes('='));
    if (/^(?:pip3?|python3? -m pip) (?:.* )?install\b/.test(w)) {
        if (bin.includes('-r') || bin.includes('--requirement'))
            return [];
        return pkgs(bin.indexOf('install') + 1).filter((p) => !/[=<>~@]/.test(p) && !p.startsWith('.') && !p.includes('/'));
    }
    if (/^npm (?:i|install|add)\b/.test(w))
        return pkgs(2).filter((p) => !/@[^/]*\d|^@[^@]+$/.test(p.slice(1)) && !p.startsWith('.') && !p.includes('/'));
    return [];
}
const pinning = {
    meta: {
        id: 'dockerfile-apt-pinning',
        title: 'Packages installed without versions',
        description: 'apt-get/apk/pip/npm installs packages without pinning their versions.',
        severity: 'low',
        enabledByDefault: true,
        category: 'dockerfile',
        kinds: [dockerfile/* DOCKERFILE_KIND */.s0],
        rationale: 'Unpinned packages make every build pull whatever is newest: builds are not repeatable and a compromised release enters unnoticed.',
        remediation: 'Pin versions (`curl=8.5.0-2`, `curl~=8.5`, `requests==2.32.3`, `typescript@5.9.3`) or install from a lock file.',
        references: [
            'https://github.com/hadolint/hadolint/wiki/DL3008',
            'https://github.com/hadolint/hadolint/wiki/DL3018',
            'https://github.com/hadolint/hadolint/wiki/DL3013',
        ],
    },
    *check(obj) {
        if (!(0,dockerfile/* isDockerfileObject */.S_)(obj))
            return;
        for (const { ins, path } of instructions(obj)) {
            if (ins.keyword !== 'RUN')
                continue;
            const loose = commands(ins.content).flatMap(unpinned);
            if (loose.length)
                yield { path, message: `packages installed without a version: ${[...new Set(loose)].slice(0, 8).join(', ')}` };
        }
    },
};
const pipeShell = {
    meta: {
        id: 'dockerfile-curl-pipe-shell',
        title: 'Dockerfile pipes a download into a shell',
        description: 'RUN curl|wget ... | sh (or bash): remote code runs in the build unverified.',
        severity: 'high',
        enabledByDefault: true,
        category: 'dockerfile',
        kinds: [dockerfile/* DOCKERFILE_KIND */.s0],
        rationale: 'Whatever the server returns at build time runs as root in the image, without a checksum or signature check.',
        remediation: 'Download to a file, verify its checksum or signature, then run it; or install from a package manager.',
        references: [DOCKER_REF],
    },
    *check(obj) {
        if (!(0,dockerfile/* isDockerfileObject */.S_)(obj))
            return;
        for (const { ins, path } of instructions(obj)) {
            if (ins.keyword === 'RUN' &&
                /\b(?:curl|wget)\b[^|;&]*\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b/.test(ins.content.replace(/\\\r?\n/g, ' '))) {
                yield { path, message: 'a download is piped into a shell' };
            }
        }
    },
};
const sudo = {
    meta: {
        id: 'dockerfile-sudo',
        title: 'Dockerfile uses sudo',
        description: 'RUN uses sudo.',
        severity: 'medium',
        enabledByDefault: true,
        category: 'dockerfile',
        kinds: [dockerfile/* DOCKERFILE_KIND */.s0],
        rationale: 'sudo in an image means a user can become root at run time; builds run as root anyway, so sudo only adds a path to privilege.',
        remediation: 'Run the step before switching USER, and do not install sudo in the image.',
        references: ['https://github.com/hadolint/hadolint/wiki/DL3004'],
    },
    *check(obj) {
        if (!(0,dockerfile/* isDockerfileObject */.S_)(obj))
            return;
        for (const { ins, path } of instructions(obj)) {
            if (ins.keyword === 'RUN' && commands(ins.content).some((c) => c[0] === 'sudo'))
                yield { path, message: 'RUN uses sudo' };
        }
    },
};
const healthcheck = {
    meta: {
        id: 'dockerfile-healthcheck',
        title: 'Dockerfile has no HEALTHCHECK',
        description: 'The final stage declares no HEALTHCHECK.',
        severity: 'low',
        enabledByDefault: false,
        category: 'dockerfile',
        kinds: [dockerfile/* DOCKERFILE_KIND */.s0],
        rationale: 'Outside Kubernetes (docker, compose) a HEALTHCHECK is the only liveness signal; in Kubernetes probes replace it, hence off by default.',
        remediation: 'Add `HEALTHCHECK CMD ...` or rely on Kubernetes liveness/readiness probes.',
        references: ['https://docs.docker.com/reference/dockerfile/#healthcheck'],
    },
    *check(obj) {
        if (!(0,dockerfile/* isDockerfileObject */.S_)(obj))
            return;
        const f = finalStage(obj);
        if (f && !f.stage.instructions.some((i) => i.keyword === 'HEALTHCHECK')) {
            yield { path: ['stages', f.si, 'instructions', 0], message: 'the final stage declares no HEALTHCHECK' };
        }
    },
};
/** Registry of an image reference, Docker Hub short names being docker.io. */
function registryOf(image) {
    const first = image.split('/')[0];
    return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
        ? first
        : 'docker.io';
}
function allowed(image, entries) {
    const reg = registryOf(image);
    const full = image.includes('/') && reg !== 'docker.io'
        ? image
        : `docker.io/${image.includes('/') ? image : `library/${image}`}`;
    return entries.some((e) => {
        if (e.startsWith('*.'))
            return reg.endsWith(e.slice(1));
        return reg === e || full === e || full.startsWith(e.replace(/\/?$/, '/'));
    });
}
const registry = {
    meta: {
        id: 'dockerfile-registry',
        title: 'Dockerfile base image from a registry not allowed',
        description: 'A FROM image comes from a registry outside the `registries` option (the same list as image-registry-allowlist).',
        severity: 'medium',
        enabledByDefault: false,
        category: 'dockerfile',
        kinds: [dockerfile/* DOCKERFILE_KIND */.s0],
        rationale: 'Base images from arbitrary registries bypass the scanning and provenance controls of your own registry.',
        remediation: 'Mirror the base image into an allowed registry, or add the registry to the option.',
        example: '# .kubeward.yaml\nrules:\n  dockerfile-registry:\n    registries: [registry.example.com, ghcr.io/my-org]',
        references: ['https://slsa.dev/spec/v1.0/threats'],
        options: {
            registries: {
                type: 'string[]',
                description: 'Allowed registries, registry paths or *.wildcards (Docker Hub short names mean docker.io).',
                default: [],
            },
        },
    },
    *check(obj, ctx) {
        if (!(0,dockerfile/* isDockerfileObject */.S_)(obj))
            return;
        const entries = ctx.options.registries ?? [];
        if (!entries.length)
            return;
        for (const { s, path } of baseImages(obj)) {
            if (!allowed(s.image, entries))
                yield { path, message: `FROM ${s.image}: registry ${registryOf(s.image)} is not in the allowed list` };
        }
    },
};
/** Image name without tag or digest. */
function imageName(image) {
    const noDigest = image.split('@')[0];
    const slash = noDigest.lastIndexOf('/');
    const colon = noDigest.lastIndexOf(':');
    return colon > slash ? noDigest.slice(0, colon) : noDigest;
}
const userConflict = {
    meta: {
        id: 'dockerfile-user-conflict',
        title: 'runAsNonRoot with an image that runs as root',
        description: 'A container sets runAsNonRoot: true without runAsUser, and the Dockerfile that builds its image (config `sources.images`, or a `# kubeward-image:` comment) ends as root: the pod fails with CreateContainerConfigError.',
        severity: 'high',
        enabledByDefault: true,
        category: 'dockerfile',
        kinds: [dockerfile/* DOCKERFILE_KIND */.s0],
        rationale: 'The kubelet refuses to start a container whose image user is root (or not numeric) when runAsNonRoot is true and no runAsUser is given: the rollout stalls at CreateContainerConfigError.',
        remediation: 'End the Dockerfile with `USER <non-zero uid>`, or set `runAsUser` to a non-zero uid in the manifest.',
        references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
        options: {
            images: {
                type: 'object',
                description: 'Image name -> Dockerfile path (set from `sources.images`).',
                default: {},
            },
        },
    },
    *checkAll(ctx) {
        const dockerfiles = ctx.objects.filter(dockerfile/* isDockerfileObject */.S_);
        if (!dockerfiles.length)
            return;
        const configured = ctx.options.images ?? {};
        const byImage = new Map();
        for (const d of dockerfiles) {
            for (const name of (0,dockerfile/* dockerfileData */.Fh)(d).images)
                byImage.set(name, d);
            for (const [name, file] of Object.entries(configured))
                if (file === d.file || file.endsWith(`/${d.file}`))
                    byImage.set(name, d);
        }
        for (const obj of ctx.objects) {
            if ((0,dockerfile/* isDockerfileObject */.S_)(obj))
                continue;
            for (const c of (0,podspec/* allContainers */.Yr)(obj)) {
                const image = typeof c.container.image === 'string' ? c.container.image : '';
                const df = byImage.get(imageName(image));
                if (!df)
                    continue;
                const nr = (0,podspec/* effective */.C$)(c, 'runAsNonRoot');
                const nonRoot = (0,podspec/* boolOf */.Ul)(nr.value);
                const uid = (0,podspec/* numOf */.og)((0,podspec/* effective */.C$)(c, 'runAsUser').value);
                if (nonRoot !== true || uid !== undefined)
                    continue;
                const u = finalUser(df);
                if (!u || (u.user !== undefined && !isRootUser(u.user)))
                    continue;
                const at = df.locate?.(u.path);
                const v = {
                    object: obj,
                    path: nr.path,
                    message: `container "${c.name}" sets runAsNonRoot: true without runAsUser, but its image ${imageName(image)} runs as root (${df.file}${at ? `:${at.line}` : ''}: ${u.user === undefined ? 'no USER' : `USER ${u.user}`}): the pod would fail with CreateContainerConfigError`,
                    details: { dockerfile: `${df.file}${at ? `:${at.line}` : ''}`, container: c.name },
                };
                yield v;
            }
        }
    },
};
const dockerfile_rules = [
    userRoot,
    baseLatest,
    baseDigest,
    secret,
    add,
    pinning,
    pipeShell,
    sudo,
    healthcheck,
    registry,
    userConflict,
];

// EXTERNAL MODULE: ./src/core/policies/rules.ts + 3 modules
var policies_rules = __webpack_require__(86038);
;// CONCATENATED MODULE: ./src/core/rules/index.ts

















/** Every rule, in catalog order. */
const catalog = [
    ...pod_security/* rules */.aO,
    ...volumes/* rules */.aO,
    ...rules,
    ...resources_rules,
    ...probes_rules,
    ...availability_rules,
    ...service_accounts_rules,
    ...secrets_rules,
    ...network_rules,
    ...rbac_rules,
    ...istio_rules,
    ...hygiene_rules,
    ...api_rules,
    ...dockerfile_rules,
    ...input/* rules */.aO,
    ...live/* rules */.aO,
    ...policies_rules/* rules */.aO,
];
const byId = new Map();
for (const r of catalog) {
    if (byId.has(r.meta.id))
        throw new Error(`duplicate rule id ${r.meta.id}`);
    byId.set(r.meta.id, r);
}
const extra = new Map();
/**
 * Adds rules defined at run time (custom CEL rules from the configuration) so that everything that
 * looks rules up by id (reports, SARIF metadata, `kubeward explain`) knows them. Replaces the
 * previously registered ones; ids of the catalog are refused.
 */
function registerRules(rules) {
    extra.clear();
    for (const r of rules) {
        if (byId.has(r.meta.id))
            throw new Error(`rule id ${r.meta.id} is already a built-in rule`);
        extra.set(r.meta.id, r);
    }
}
/** The catalog plus the rules registered for this run. */
function allRules() {
    return extra.size ? [...catalog, ...extra.values()] : catalog;
}
function getRule(id) {
    return byId.get(id) ?? extra.get(id);
}


/***/ }),

/***/ 10455:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HH: () => (/* binding */ expiredExemption),
/* harmony export */   R3: () => (/* binding */ invalidSuppression),
/* harmony export */   aO: () => (/* binding */ rules),
/* harmony export */   vs: () => (/* binding */ INPUT_RULE_IDS)
/* harmony export */ });
/* unused harmony exports invalidYaml, duplicateKey, ruleError, suppressionRules */
/**
 * Input rules: findings about the input itself rather than about an object's settings; they have
 * no check of their own. The engine reports invalid-yaml, duplicate-key and rule-error from what the
 * loader found or from a rule that failed: configuration may lower their severity, but turning one
 * off never hides the input (the engine then reports the problem in the report's `errors`, exit 2).
 * The suppressor (src/core/suppress.ts) reports invalid-suppression and expired-exemption.
 */
const invalidYaml = {
    meta: {
        id: 'invalid-yaml',
        title: 'Document does not parse',
        severity: 'high',
        enabledByDefault: true,
        category: 'hygiene',
        rationale: 'A manifest that does not parse cannot be checked, and `kubectl apply` rejects it. A scanner that skips it silently would report a clean result for code it never read. Files that cannot be read at all (binary, over the size limit, not a regular file) are also input errors: the run exits 2 whatever this rule is set to. Turning this rule off does not hide a broken document either: it is then reported as an input error.',
        remediation: 'Fix the YAML at the reported line. If the file is a Helm chart template or uses other `{{ }}` templating, render it first (`helm template ... | kubeward scan -`) and scan the output. A file that is meant to be broken (a parser test fixture) can be exempted by path with a reason, or excluded from the scan (`exclude:`).',
        references: ['https://yaml.org/spec/1.2.2/'],
    },
};
/** Reported by the engine for a mapping that holds the same key twice. */
const duplicateKey = {
    meta: {
        id: 'duplicate-key',
        title: 'Duplicate key in a mapping',
        description: 'A mapping holds the same key twice (`privileged: true` and later `privileged: false`); the finding points at the second key.',
        severity: 'medium',
        enabledByDefault: true,
        category: 'hygiene',
        rationale: 'YAML forbids duplicate keys, and the API server rejects them under strict field validation (`kubectl apply --validate=strict`, the default since Kubernetes 1.27: "duplicate field"). Tools disagree about which of the two values counts: a reviewer can read the first (`privileged: true`) while a lenient parser keeps the last, so a duplicate key can hide a setting from review or from a scanner. kubeward reads the last value, as the API server does without strict validation, and reports the duplicate. Turning this rule off does not hide the duplicate: it is then reported as an input error.',
        remediation: 'Remove one of the two keys, keeping the value you mean.',
        example: 'securityContext:\n  privileged: false',
        references: [
            'https://yaml.org/spec/1.2.2/#mapping',
            'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
        ],
    },
};
/** Reported by the engine when a rule throws on an object: never suppressed, never turned off. */
const ruleError = {
    meta: {
        id: 'rule-error',
        title: 'A rule failed on an object',
        description: 'A rule threw an error while checking an object, so that object was not fully checked.',
        severity: 'high',
        enabledByDefault: true,
        category: 'hygiene',
        unsuppressible: true,
        rationale: "When a rule fails (a bug, or input built to make it fail, such as a value that exhausts the stack), the object it was checking was not judged by it. Reporting nothing would let crafted input pass the gate unchecked, so the failure is a high finding that names the rule and the object, it cannot be suppressed or turned off, and the run fails with exit 2 (input errors). The other rules' findings are kept.",
        remediation: 'Report the failure to the kubeward maintainers with the rule id and, if you can share it, the object. Until it is fixed, check the object by hand; if the input is hostile (built to make a rule fail), reject the change.',
        references: [],
    },
};
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
/** The rules whose findings the suppressor (src/core/suppress.ts) reports; in the catalog like every rule. */
const suppressionRules = [invalidSuppression, expiredExemption];
/** The rules the engine reports itself (from load problems or rule failures). */
const engineRules = [invalidYaml, duplicateKey, ruleError];
const rules = [...engineRules, ...suppressionRules];
/** Ids of the rules the engine reports itself (from load problems or rule failures). */
const INPUT_RULE_IDS = new Set(engineRules.map((r) => r.meta.id));


/***/ }),

/***/ 65327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IV: () => (/* binding */ DEFAULT_DEPLOYERS),
  aO: () => (/* binding */ rules)
});

// UNUSED EXPORTS: canon, driftBetween, enforceLevel, outOfBandEdits, repoOf

// EXTERNAL MODULE: ./src/core/rules/types.ts
var types = __webpack_require__(98018);
// EXTERNAL MODULE: ./src/core/cluster/rollout.ts
var rollout = __webpack_require__(94731);
// EXTERNAL MODULE: ./src/core/rules/podspec.ts
var podspec = __webpack_require__(75495);
// EXTERNAL MODULE: ./src/core/rules/pss.ts
var pss = __webpack_require__(16253);
;// CONCATENATED MODULE: ./src/core/live/field-managers.ts
const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v) => (Array.isArray(v) ? v : []);
const str = (v) => (typeof v === 'string' ? v : '');
/** Status and scale writes are controllers' business, not edits of the spec. */
const IGNORED_SUBRESOURCES = new Set(['status', 'scale']);
function same(a, b) {
    if (isObj(a) && isObj(b))
        return Object.keys(a).every((k) => same(a[k], b[k]));
    return a === b;
}
/** The key of list item `item` in a fieldsV1 node: `k:{...}` (associative), `v:...` (set) or `i:N`. */
function itemKey(node, item, index) {
    for (const k of Object.keys(node)) {
        if (k.startsWith('k:')) {
            try {
                const key = JSON.parse(k.slice(2));
                if (isObj(key) && isObj(item) && same(key, item))
                    return k;
            }
            catch {
                // not JSON: not ours
            }
        }
        else if (k.startsWith('v:')) {
            try {
                if (same(JSON.parse(k.slice(2)), item))
                    return k;
            }
            catch {
                // not JSON
            }
        }
        else if (k === `i:${index}`)
            return k;
    }
    return undefined;
}
/** The fieldsV1 node for `path` in one manager's set, or undefined when it owns nothing there. */
function nodeAt(fields, path, object) {
    let node = fields;
    let cur = object;
    for (const seg of path) {
        if (!isObj(node))
            return undefined;
        if (typeof seg === 'number') {
            const item = arr(cur)[seg];
            const k = itemKey(node, item, seg);
            if (!k)
                return undefined;
            node = node[k];
            cur = item;
        }
        else {
            const k = `f:${seg}`;
            if (!(k in node))
                return undefined;
            node = node[k];
            cur = isObj(cur) ? cur[seg] : undefined;
        }
    }
    return isObj(node) ? node : {};
}
/**
 * The managers that own `path` of `object` or a field below it, newest write first (status and
 * scale subresource writes left out).
 */
function ownersOf(object, path) {
    const md = isObj(object.metadata) ? object.metadata : {};
    const out = [];
    for (const e of arr(md.managedFields)) {
        if (!isObj(e) || IGNORED_SUBRESOURCES.has(str(e.subresource)))
            continue;
        if (nodeAt(e.fieldsV1, path, object) === undefined)
            continue;
        out.push({ manager: str(e.manager), operation: str(e.operation), time: str(e.time) });
    }
    return out.sort((a, b) => b.time.localeCompare(a.time));
}
/**
 * The leaf fields one fieldsV1 set owns, as readable paths (`spec.template.spec.containers[app].image`),
 * at most `max` of them.
 */
function ownedFields(fieldsV1, max = 10) {
    const out = [];
    const walk = (node, prefix) => {
        if (out.length >= max)
            return;
        const keys = isObj(node) ? Object.keys(node).filter((k) => k !== '.') : [];
        if (!keys.length) {
            if (prefix)
                out.push(prefix);
            return;
        }
        for (const k of keys) {
            const n = node[k];
            if (k.startsWith('f:'))
                walk(n, prefix ? `${prefix}.${k.slice(2)}` : k.slice(2));
            else if (k.startsWith('k:')) {
                let label = k.slice(2);
                try {
                    const key = JSON.parse(label);
                    label = str(key.name) || Object.values(key).map(String).join(',');
                }
                catch {
                    // keep the raw key
                }
                walk(n, `${prefix}[${label}]`);
            }
            else if (k.startsWith('v:'))
                walk(n, `${prefix}[${k.slice(2)}]`);
            else if (k.startsWith('i:'))
                walk(n, `${prefix}[${k.slice(2)}]`);
            if (out.length >= max)
                return;
        }
    };
    walk(fieldsV1, '');
    return out;
}

;// CONCATENATED MODULE: ./src/core/rules/live.ts





const CONTAINER_LISTS = [
    ['initContainers', 'initContainer'],
    ['containers', 'container'],
    ['ephemeralContainers', 'ephemeralContainer'],
];
/** The live context for rule `id`: absent in scan, and when the check could not run (permission). */
function live(ctx, id) {
    const lc = ctx.live;
    if (!lc || lc.notVerified.has(id))
        return undefined;
    return lc;
}
const obj = (v) => ((0,podspec/* isObj */.sA)(v) ? v : {});
const live_str = (v) => (typeof v === 'string' ? v : '');
const live_arr = (v) => (Array.isArray(v) ? v : []);
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
    const t = (0,podspec/* podTemplates */.R7)(obj)[0];
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
                path = (0,podspec/* podTemplates */.R7)(o)[0]?.specPath ?? ['spec'];
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
    return (lc.events.get(objKey(kind, ns, name)) ?? []).map((e) => `${live_str(e.reason)}: ${live_str(e.message)}`.slice(0, 300));
}
const podCrashloop = {
    meta: meta({
        id: 'pod-crashloop',
        kinds: ['Pod'],
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
        for (const p of (0,rollout/* podProblems */.U3)(undefined, o.data, threshold)) {
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
    if ((0,podspec/* isObj */.sA)(v)) {
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
function live_short(s) {
    if (s === undefined)
        return '(unset)';
    return s.length > 200 ? s.slice(0, 197) + '...' : s;
}
/** env entries that come from Secrets (names and references only, never values). */
function secretEnv(c) {
    const refs = [];
    for (const e of live_arr(c.env)) {
        const ref = obj(obj(obj(e).valueFrom).secretKeyRef);
        if (ref.name)
            refs.push(`${live_str(obj(e).name)}<-${live_str(ref.name)}/${live_str(ref.key)}`);
    }
    for (const e of live_arr(c.envFrom)) {
        const ref = obj(obj(e).secretRef);
        if (ref.name)
            refs.push(`*<-${live_str(ref.name)}`);
    }
    return refs.length ? refs.sort().join(',') : undefined;
}
/** The downward API's fieldRef.apiVersion, defaulted to v1 by the API server. */
function undefaultDownwardItems(items) {
    if (!Array.isArray(items))
        return items;
    return items.map((it) => {
        const ref = obj(obj(it).fieldRef);
        return ref.apiVersion === 'v1' ? { ...obj(it), fieldRef: { ...ref, apiVersion: undefined } } : it;
    });
}
/** API-server defaults inside volume sources, removed before comparing with a manifest. */
function undefaultVolume(v) {
    const out = {};
    for (const [k, src0] of Object.entries(v)) {
        if (k === 'name' || !(0,podspec/* isObj */.sA)(src0)) {
            out[k] = src0;
            continue;
        }
        const src = { ...src0 };
        if (src.defaultMode === 420)
            delete src.defaultMode;
        if (k === 'hostPath' && src.type === '')
            delete src.type;
        if (k === 'downwardAPI')
            src.items = undefaultDownwardItems(src.items);
        if (k === 'projected' && Array.isArray(src.sources)) {
            src.sources = src.sources.map((x) => {
                const t = obj(obj(x).serviceAccountToken);
                if (t.expirationSeconds === 3600)
                    return { serviceAccountToken: { ...t, expirationSeconds: undefined } };
                const d = obj(x).downwardAPI;
                if ((0,podspec/* isObj */.sA)(d))
                    return { downwardAPI: { ...d, items: undefaultDownwardItems(d.items) } };
                return x;
            });
        }
        out[k] = src;
    }
    return out;
}
function volumeSummary(spec) {
    const v = live_arr(spec.volumes).map((x) => {
        const vol = undefaultVolume(obj(x));
        const { name, ...rest } = vol;
        return `${live_str(name)}=${canon(rest) ?? ''}`;
    });
    return v.length ? v.sort().join(';') : undefined;
}
function saName(spec) {
    return live_str(spec.serviceAccountName) || live_str(spec.serviceAccount) || 'default';
}
/** Security-relevant differences between a manifest's pod templates and the live object's. */
function driftBetween(manifest, liveObj) {
    const out = [];
    const mt = (0,podspec/* podTemplates */.R7)(manifest)[0];
    const lt = (0,podspec/* podTemplates */.R7)(liveObj)[0];
    if (!mt || !lt)
        return out;
    const cmp = (path, field, a, b) => {
        if (a !== b)
            out.push({ path, field, declared: live_short(a), live: live_short(b) });
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
    const mByName = new Map((0,podspec/* containersOf */.Mz)(mt).map((c) => [`${c.type}/${c.name}`, c]));
    for (const lc of (0,podspec/* containersOf */.Mz)(lt)) {
        const mc = mByName.get(`${lc.type}/${lc.name}`);
        if (!mc)
            continue; // unexpected-container reports those
        cmp([...lc.path, 'image'], `image of ${lc.name}`, live_str(mc.container.image), live_str(lc.container.image));
        cmp([...lc.path, 'securityContext'], `securityContext of ${lc.name}`, canon(mc.container.securityContext), canon(lc.container.securityContext));
        cmp([...lc.path, 'env'], `env from secrets of ${lc.name}`, secretEnv(mc.container), secretEnv(lc.container));
    }
    return out;
}
const STATUS_SUBRESOURCES = new Set(['status', 'scale']);
/** managedFields entries written after the deploy by a manager that is not the deployer. */
function outOfBandEdits(o, deployers) {
    const mf = live_arr(mdOf(o).managedFields).map(obj);
    const isDeployer = (m) => deployers.includes(m);
    let deployTime = '';
    for (const e of mf)
        if (isDeployer(live_str(e.manager)) && live_str(e.time) > deployTime)
            deployTime = live_str(e.time);
    if (!deployTime)
        return [];
    const out = [];
    for (const e of mf) {
        const m = live_str(e.manager);
        if (isDeployer(m) || STATUS_SUBRESOURCES.has(live_str(e.subresource)))
            continue;
        if (!('f:spec' in obj(e.fieldsV1)))
            continue;
        if (live_str(e.time) >= deployTime) {
            const fields = ownedFields({ 'f:spec': obj(e.fieldsV1)['f:spec'] }, 5);
            out.push({ manager: m, time: live_str(e.time), op: live_str(e.operation), fields });
        }
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
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
        // the rule option (config) replaces the default list; deployers given to verify() (--deployer)
        // come on top of it
        const configured = Array.isArray(ctx.options.deployers) ? ctx.options.deployers : DEFAULT_DEPLOYERS;
        const deployers = [...new Set([...configured, ...lc.deployers.filter((d) => !DEFAULT_DEPLOYERS.includes(d))])];
        for (const d of driftBetween(m, o)) {
            // who set the live value: the newest writer of the field that is not the deployer
            const by = ownersOf(o.data, d.path).find((w) => !deployers.includes(w.manager));
            yield {
                path: d.path,
                message: `${d.field} differs from the manifest: declared ${d.declared}, live ${d.live}${by ? ` (set by "${by.manager}")` : ''}`,
                details: {
                    field: d.field,
                    declared: d.declared,
                    live: d.live,
                    ...(by ? { manager: by.manager, operation: by.operation, time: by.time } : {}),
                },
            };
        }
        for (const e of outOfBandEdits(o, deployers)) {
            const fields = e.fields.length ? `: ${e.fields.join(', ')}` : '';
            yield {
                path: ['spec'],
                message: `edited out of band by "${e.manager}" (${e.op || 'Update'} at ${e.time}) after the deploy${fields}`,
                details: {
                    manager: e.manager,
                    operation: e.op,
                    time: e.time,
                    change: 'out-of-band edit',
                    ...(e.fields.length ? { fields: e.fields.join(', ') } : {}),
                },
            };
        }
    },
};
// ---------------------------------------------------------------------------------------------
function injectorOf(o, c) {
    const ann = obj((0,podspec/* podTemplates */.R7)(o)[0]?.metadata.annotations ?? mdOf(o).annotations);
    const istio = live_str(ann['sidecar.istio.io/status']);
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
    if (live_str(ann['vault.hashicorp.com/agent-inject-status']) && /vault/.test(c.name))
        return 'vault agent injector';
    for (const e of live_arr(mdOf(o).managedFields).map(obj)) {
        const text = JSON.stringify(e.fieldsV1 ?? {});
        if (text.includes(`{\\"name\\":\\"${c.name}\\"}`)) {
            if (c.type === 'ephemeralContainer' || live_str(e.subresource) === 'ephemeralcontainers')
                return `${live_str(e.manager)} (ephemeralcontainers)`;
            if (!/^(kube-controller-manager|kubelet)$/.test(live_str(e.manager)))
                return live_str(e.manager);
        }
    }
    return undefined;
}
const unexpectedContainer = {
    meta: meta({
        id: 'unexpected-container',
        kinds: [types/* POD_TEMPLATE_KINDS */.V],
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
            declared = new Set((0,podspec/* allContainers */.Yr)(declaredFrom).map((c) => `${c.type}/${c.name}`));
            cache.set(declaredFrom, declared);
        }
        // fast path: every container name is declared (the common case for 10,000s of pods)
        const spec = o.ref.kind === 'Pod' ? obj(o.data.spec) : (0,podspec/* podTemplates */.R7)(o)[0]?.spec;
        let suspicious = false;
        for (const [field, type] of CONTAINER_LISTS) {
            for (const c of live_arr(spec?.[field])) {
                const n = live_str(obj(c).name);
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
        for (const c of (0,podspec/* allContainers */.Yr)(o)) {
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
            // a container of an admitted pod that its template does not declare was added while the pod
            // was admitted (mutating webhooks and policies own no field: managedFields do not name them)
            const atAdmission = o.origin === 'admission' && o.ref.kind === 'Pod' && c.type !== 'ephemeralContainer';
            const what = c.type === 'ephemeralContainer'
                ? 'ephemeral (debug) container'
                : `${c.type === 'initContainer' ? 'init ' : ''}container`;
            yield {
                path: c.path,
                message: `${what} ${c.name} (${live_str(c.container.image) || 'no image'}) is not declared in the ${lc.manifestOf.get(o) || (owner && lc.manifestOf.get(owner)) ? 'manifest' : 'workload template'}${by ? `; injected by ${by}` : atAdmission ? '; added at admission (a mutating webhook or policy)' : ''}`,
                details: (() => {
                    const d = {
                        container: c.name,
                        image: live_str(c.container.image),
                        type: c.type,
                        ...(by ? { injectedBy: by } : {}),
                        ...(atAdmission ? { introducedBy: 'admission' } : {}),
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
        kinds: ['Pod'],
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
            declaredImages = new Map((src ? (0,podspec/* allContainers */.Yr)(src) : []).map((c) => [c.name, live_str(c.container.image)]));
            if (src)
                cache.set(src, declaredImages);
        }
        const st = obj(o.data.status);
        const spec = obj(o.data.spec);
        let specImages;
        for (const cs0 of [...live_arr(st.initContainerStatuses), ...live_arr(st.containerStatuses)]) {
            const cs = obj(cs0);
            const running = digestOf(live_str(cs.imageID));
            if (!running)
                continue;
            const name = live_str(cs.name);
            specImages ??= new Map(CONTAINER_LISTS.flatMap(([f]) => live_arr(spec[f]).map((c) => [live_str(obj(c).name), live_str(obj(c).image)])));
            const image = specImages.get(name) ?? '';
            const expected = lc.expectImages.get(name) ??
                lc.expectImages.get(repoOf(image)) ??
                digestOf(declaredImages.get(name) ?? '') ??
                digestOf(image);
            if (!expected || running === expected)
                continue;
            const c = (0,podspec/* allContainers */.Yr)(o).find((x) => x.name === name);
            if (!c)
                continue;
            yield {
                path: [...c.path, 'image'],
                message: `container ${name} runs ${running.slice(0, 19)}… but ${expected.slice(0, 19)}… was expected`,
                details: { container: name, image, expected, running: live_str(cs.imageID) },
            };
        }
    },
};
// ---------------------------------------------------------------------------------------------
function secretRefsOfPodSpec(spec, add) {
    for (const v of live_arr(spec.volumes).map(obj)) {
        if (obj(v.secret).secretName)
            add(live_str(obj(v.secret).secretName));
        for (const s of live_arr(obj(v.projected).sources).map(obj))
            if (obj(s.secret).name)
                add(live_str(obj(s.secret).name));
        const csi = obj(obj(v.csi).nodePublishSecretRef);
        if (csi.name)
            add(live_str(csi.name));
    }
    for (const p of live_arr(spec.imagePullSecrets).map(obj))
        if (p.name)
            add(live_str(p.name));
    for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
        for (const c of live_arr(spec[key]).map(obj)) {
            for (const e of live_arr(c.env).map(obj)) {
                const r = obj(obj(e.valueFrom).secretKeyRef);
                if (r.name)
                    add(live_str(r.name));
            }
            for (const e of live_arr(c.envFrom).map(obj))
                if (obj(e.secretRef).name)
                    add(live_str(obj(e.secretRef).name));
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
        for (const t of (0,podspec/* podTemplates */.R7)(o)) {
            const ns = o.ref.namespace ?? '';
            secretRefsOfPodSpec(t.spec, (n) => use(ns, n, `${ns}/${saName(t.spec)}`));
        }
    };
    for (const o of objects)
        fromTemplates(o);
    for (const p of lc.pods) {
        const ns = live_str(obj(p.metadata).namespace);
        const spec = obj(p.spec);
        secretRefsOfPodSpec(spec, (n) => use(ns, n, `${ns}/${saName(spec)}`));
    }
    for (const sa of lc.serviceAccounts) {
        const ns = live_str(obj(sa.metadata).namespace);
        for (const s of [...live_arr(sa.secrets), ...live_arr(sa.imagePullSecrets)].map(obj))
            if (s.name)
                use(ns, live_str(s.name), '');
    }
    for (const ing of lc.ingresses) {
        const ns = live_str(obj(ing.metadata).namespace);
        for (const t of live_arr(obj(ing.spec).tls).map(obj))
            if (t.secretName)
                use(ns, live_str(t.secretName), '');
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
            const type = live_str(s.data.type);
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
    const groups = live_arr(rule.apiGroups).map(String);
    const res = live_arr(rule.resources).map(String);
    const verbs = live_arr(rule.verbs).map(String);
    const names = live_arr(rule.resourceNames).map(String);
    const core = groups.includes('') || groups.includes('*');
    const anyGroup = groups.length > 0;
    const has = (r) => res.includes(r) || res.includes('*');
    const verb = (v) => verbs.includes(v) || verbs.includes('*');
    if (core && has('secrets') && verbs.some((v) => READ.has(v))) {
        return { read: true, ...(names.length ? { names: new Set(names) } : {}) };
    }
    // a create request names no object: a create rule limited to resourceNames allows no create
    const creates = verb('create') && !names.length;
    if (core && has('pods') && creates)
        return { read: false, implicit: 'create pods (mount any Secret)' };
    if (creates &&
        (groups.includes('apps') || groups.includes('batch') || groups.includes('*')) &&
        ['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs', 'cronjobs'].some(has))
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
        roles.set(`${live_str(obj(r.metadata).namespace)}/${live_str(obj(r.metadata).name)}`, r);
    const cr = new Map();
    for (const r of lc.rbac.clusterRoles)
        cr.set(live_str(obj(r.metadata).name), r);
    const out = [];
    const bind = (b, ns) => {
        // bindings named system:* grant like any other (anyone who may create bindings can use the
        // prefix); the built-in ones bind kube-system's service accounts, skipped below
        const bname = live_str(obj(b.metadata).name);
        const ref = obj(b.roleRef);
        const role = ref.kind === 'Role' ? roles.get(`${ns}/${live_str(ref.name)}`) : cr.get(live_str(ref.name));
        if (!role)
            return;
        const via = `${ns ? 'RoleBinding' : 'ClusterRoleBinding'} ${bname} -> ${live_str(ref.kind)} ${live_str(ref.name)}`;
        for (const s of live_arr(b.subjects).map(obj)) {
            let subject;
            const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(live_str(s.name));
            if (s.kind === 'ServiceAccount')
                subject = `${live_str(s.namespace) || ns || ''}/${live_str(s.name)}`;
            // a ServiceAccount named as a User is that ServiceAccount (its token authenticates as that user)
            else if (s.kind === 'User' && sa)
                subject = `${sa[1]}/${sa[2]}`;
            // every ServiceAccount is in system:serviceaccounts, system:serviceaccounts:<ns> and system:authenticated
            else if (s.kind === 'Group' && /^system:(serviceaccounts(:[^:]+)?|authenticated)$/.test(live_str(s.name))) {
                subject = `group:${live_str(s.name)}`;
            }
            if (!subject || subject.startsWith('kube-system/'))
                continue;
            for (const rule of live_arr(role.rules).map(obj)) {
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
        bind(b, live_str(obj(b.metadata).namespace));
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
            if (SYSTEM_SECRET_TYPES.has(live_str(s.data.type)))
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
const ENFORCE = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';
function enforceLevel(ns) {
    const l = live_str(obj(obj(ns?.metadata).labels)[ENFORCE]);
    return LEVELS.includes(l) ? l : undefined;
}
const podSecurityAdmission = {
    meta: meta({
        id: 'pod-security-admission',
        kinds: ['Namespace', 'Pod'],
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
                    message: `namespace ${o.ref.name} has an invalid enforce level "${live_str(raw)}"`,
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
        const rev = live_str(labels['pod-template-hash'] ?? labels['controller-revision-hash']);
        const key = owner && rev
            ? `${owner.ref.kind}/${owner.ref.namespace}/${owner.ref.name}|${rev}|${level}|${CONTAINER_LISTS.map(([f]) => live_arr(spec[f])
                .map((c) => live_str(obj(c).name))
                .join(',')).join(';')}`
            : undefined;
        const version = live_str(obj(obj(lc.namespaces.get(o.ref.namespace ?? '')?.metadata).labels)[ENFORCE_VERSION]);
        const cache = ctx.memo('live:pss', () => new Map());
        let v = key ? cache.get(`${key}|${version}`) : undefined;
        if (!v) {
            // the Pod Security Standards as the catalog's pss rules judge them (rules/pss.ts)
            v = [...new Set((0,pss/* podSecurityViolations */.gE)(o, level, version || 'latest').map((x) => `${x.ruleId}: ${x.message}`))];
            if (key)
                cache.set(`${key}|${version}`, v);
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
        const reasons = [...new Set(evs.map((e) => live_str(e.reason)))];
        const count = evs.reduce((n, e) => n + (typeof e.count === 'number' ? e.count : 1), 0);
        const msgs = evs.slice(0, 3).map((e) => `${live_str(e.reason)}: ${live_str(e.message)}`.slice(0, 200));
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
/* harmony export */   aO: () => (/* binding */ rules)
/* harmony export */ });
/* unused harmony exports who, isWindows, capName, capsOf, seccompOf, seccompFieldOf, appArmorOf, windowsOption, privilegedContainer, privilegeEscalation, runAsNonRoot, runAsRootUser, lowUid, rootGroup, readOnlyRootFs, capabilitiesDropAll, netRawCapability, BASELINE_CAPABILITIES, DANGEROUS_CAPABILITIES, dangerousCapabilities, addedCapabilities, seccompProfile, seccompUnconfined, apparmorUnconfined, SELINUX_TYPES, selinuxCustomOptions, procMountUnmasked, SAFE_SYSCTLS_SINCE, SAFE_SYSCTLS, unsafeSysctls, windowsHostProcess, hostNetwork, hostPid, hostIpc, hostPort, probeHost, hostUsers, privilegedPort, sshPort, hostAliases */
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44146);
/* harmony import */ var _podspec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75495);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98018);



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
/**
 * The container's `capabilities.add` or `.drop` entries, normalised (upper case, no `CAP_`), or
 * `exact`: as written, the way the Pod Security admission controller compares them.
 */
function capsOf(c, list, exact = false) {
    const base = [...c.path, 'securityContext', 'capabilities', list];
    const v = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(c.container, ['securityContext', 'capabilities', list]);
    if (!Array.isArray(v))
        return [];
    const out = [];
    v.forEach((x, i) => {
        const name = exact ? (typeof x === 'string' ? x : undefined) : capName(x);
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
/** The seccomp profile from the securityContext fields alone (container over pod). */
function seccompFieldOf(c) {
    const own = ownField(c, 'seccompProfile');
    const pod = podField(c.template, 'seccompProfile');
    return fieldProfile(own.value, own.path, 'container') ?? fieldProfile(pod.value, pod.path, 'pod');
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
    *check(obj, ctx) {
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
            else if (escalator && !ctx.pssLevel) {
                // not a control of its own in the standard: privileged and added capabilities are
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
    *check(obj, ctx) {
        if (ctx.pssLevel) {
            yield* pssRunAsNonRoot(obj);
            return;
        }
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
/**
 * The standard's "Running as Non-root" control as the admission controller checks it: only
 * `runAsNonRoot: true` counts (a non-zero runAsUser does not), the pod must not set it false,
 * and each container sets true itself or inherits the pod's true without overriding it.
 */
function* pssRunAsNonRoot(obj) {
    for (const t of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .podTemplates */ .R7)(obj)) {
        const pod = podField(t, 'runAsNonRoot');
        const podValue = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(pod.value);
        if (podValue === false)
            yield { path: pod.path, message: 'the pod securityContext sets runAsNonRoot: false' };
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .containersOf */ .Mz)(t)) {
            const own = ownField(c, 'runAsNonRoot');
            const v = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(own.value);
            if (v === false)
                yield { path: own.path, message: `${who(c)} sets runAsNonRoot: false` };
            else if (v === undefined && podValue !== true)
                yield { path: own.path, message: `${who(c)} does not set runAsNonRoot: true (nor does the pod)` };
        }
    }
}
const runAsRootUser = {
    meta: {
        id: 'run-as-root-user',
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
        title: 'Capabilities not dropped',
        severity: 'medium',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'restricted',
        cis: '5.2.10',
        rationale: 'Container runtimes grant a default set of Linux capabilities (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID ...). Few applications need any of them; each is attack surface. Only `"ALL"`, spelled so, satisfies the restricted standard: the admission controller rejects `all` and `CAP_ALL`.',
        remediation: 'Drop all capabilities with `capabilities.drop: ["ALL"]` (upper case, no `CAP_` prefix) and add back only what the process needs (at most NET_BIND_SERVICE under the restricted standard).',
        example: 'securityContext:\n  capabilities:\n    drop: ["ALL"]',
        references: [PSS, CAPABILITIES],
    },
    *check(obj) {
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            if (isWindows(c.template))
                continue;
            // exactly "ALL", as the admission controller (and the restricted standard) reads it
            const drop = capsOf(c, 'drop', true);
            if (drop.some((x) => x.name === 'ALL'))
                continue;
            const near = drop.find((x) => capName(x.name) === 'ALL');
            const path = [...c.path, 'securityContext', 'capabilities', 'drop'];
            yield {
                path,
                message: near
                    ? `${who(c)} drops "${near.name}", not "ALL": the restricted standard only accepts "ALL"`
                    : `${who(c)} does not drop "ALL" capabilities`,
                fix: setFix('drop all capabilities', path, ['ALL']),
                details: containerDetails(c),
            };
        }
    },
};
const netRawCapability = {
    meta: {
        id: 'net-raw-capability',
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
    *check(obj, ctx) {
        // as a Pod Security control, adding NET_RAW is judged by the capabilities control
        // (dangerous-capabilities), and the standard does not require dropping it
        if (ctx.pssLevel)
            return;
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
/** Capabilities the baseline Pod Security Standard allows to add (the runtimes' default set). */
const BASELINE_CAPABILITIES = new Set([
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        // as the Pod Security control: every capability outside the baseline's default set
        const isBad = ctx.pssLevel ? (n) => !BASELINE_CAPABILITIES.has(n) : (n) => dangerous.has(n);
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            // as the Pod Security control, names are compared as written (`chown` is not CHOWN)
            const bad = capsOf(c, 'add', !!ctx.pssLevel).filter((x) => isBad(x.name));
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        const allowed = new Set(ctx.pssLevel
            ? ['NET_BIND_SERVICE']
            : (stringList(ctx.options.allowed) ?? ['NET_BIND_SERVICE']).map((x) => capName(x) ?? x));
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            if (isWindows(c.template))
                continue;
            const extra = capsOf(c, 'add', !!ctx.pssLevel).filter((x) => !allowed.has(x.name));
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
    *check(obj, ctx) {
        const hits = [];
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            if (isWindows(c.template))
                continue;
            // the admission controller reads the fields only: a legacy annotation does not satisfy it
            const p = ctx.pssLevel ? seccompFieldOf(c) : seccompOf(c);
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
            kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
/** Ports of a container on the host network: its hostPort, or its containerPort when hostPort is unset or 0. */
function hostNetworkPorts(c) {
    const ports = c.container.ports;
    if (!Array.isArray(ports))
        return [];
    const out = [];
    ports.forEach((p, i) => {
        if (!(0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .isObj */ .sA)(p))
            return;
        const host = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(p.hostPort);
        const container = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .numOf */ .og)(p.containerPort);
        if (host !== undefined && host !== 0)
            out.push({ path: [...c.path, 'ports', i, 'hostPort'], port: host });
        else if (container !== undefined && container !== 0)
            out.push({ path: [...c.path, 'ports', i, 'containerPort'], port: container });
    });
    return out;
}
const hostPort = {
    meta: {
        id: 'host-port',
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
        title: 'Host port',
        severity: 'medium',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        cis: '5.2.13',
        rationale: "A hostPort binds the node's own address: it bypasses Services and NetworkPolicies, limits scheduling to one pod per node and port, and exposes the workload outside the cluster network. With `hostNetwork: true` every container port is a host port: the API server sets hostPort to containerPort, and the baseline standard rejects the pod.",
        remediation: 'Remove `hostPort` and expose the port through a Service (and an Ingress or Gateway when it must be public). On a pod with `hostNetwork: true`, remove the host network, or the container ports.',
        example: 'ports:\n  - containerPort: 8080\n    name: http',
        references: [PSS, 'https://kubernetes.io/docs/concepts/configuration/overview/#services'],
    },
    *check(obj) {
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const hostNet = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .boolOf */ .Ul)(c.template.spec.hostNetwork) === true;
            const explicit = portsOf(c, 'hostPort').filter((p) => p.port !== 0);
            // with hostNetwork the API server defaults an unset (or 0) hostPort to the containerPort
            const bad = hostNet ? hostNetworkPorts(c) : explicit;
            if (!bad.length)
                continue;
            yield {
                path: bad[0].path,
                message: `${who(c)} binds host port${bad.length > 1 ? 's' : ''} ${bad.map((p) => p.port).join(', ')}${hostNet && bad.some((p) => p.path[p.path.length - 1] === 'containerPort')
                    ? ' (hostNetwork: true makes its container ports host ports)'
                    : ''}`,
                details: containerDetails(c),
            };
        }
    },
};
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const LIFECYCLE = ['postStart', 'preStop'];
const probeHost = {
    meta: {
        id: 'probe-host',
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
        title: 'Probe or lifecycle hook on another host',
        severity: 'medium',
        enabledByDefault: true,
        category: 'pod-security',
        pss: 'baseline',
        rationale: "A probe or lifecycle handler with `httpGet.host` or `tcpSocket.host` makes the kubelet, from the node's network, connect wherever the pod says: the cloud metadata service, the node's localhost, other internal services. The baseline Pod Security Standard forbids any host but the default (the pod IP) since Kubernetes 1.34.",
        remediation: 'Remove `host` from the probe or hook (it defaults to the pod IP); send a `Host` header with `httpHeaders` if the application needs a virtual host name.',
        example: 'readinessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n    httpHeaders:\n      - name: Host\n        value: api.example.com',
        references: [
            PSS,
            'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
        ],
    },
    *check(obj, ctx) {
        if (minorOf(ctx.kubeVersion) < 34)
            return;
        for (const c of (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .allContainers */ .Yr)(obj)) {
            const handlers = [
                ...PROBES.map((p) => [p]),
                ...LIFECYCLE.map((h) => ['lifecycle', h]),
            ];
            for (const h of handlers) {
                for (const action of ['httpGet', 'tcpSocket']) {
                    const host = (0,_podspec_js__WEBPACK_IMPORTED_MODULE_1__/* .get */ .Jt)(c.container, [...h, action, 'host']);
                    // allowed: unset or "" (the pod IP)
                    if (host === undefined || host === null || host === '')
                        continue;
                    const path = [...c.path, ...h, action, 'host'];
                    yield {
                        path,
                        message: `${who(c)} ${h.join('.')} ${action} connects to host ${JSON.stringify(host)} (the kubelet connects from the node)`,
                        fix: { description: 'remove the host (the pod IP is used)', remove: [path] },
                        details: containerDetails(c),
                    };
                }
            }
        }
    },
};
const hostUsers = {
    meta: {
        id: 'host-users',
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_2__/* .POD_TEMPLATE_KINDS */ .V],
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
    probeHost,
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
/* harmony export */   Lv: () => (/* binding */ podTemplateKinds),
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
/** Every kind that can carry a pod template (the tables above and the CRD tables), as of now. */
function podTemplateKinds() {
    return new Set([
        ...Object.keys(podTemplateTable),
        ...Object.keys(podTemplateResolvers),
        ...Object.keys(_crd_templates_js__WEBPACK_IMPORTED_MODULE_0__/* .crdTemplateTable */ .ux),
        ...Object.keys(_crd_templates_js__WEBPACK_IMPORTED_MODULE_0__/* .crdTemplateResolvers */ .Rc),
    ]);
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

/***/ 16253:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gE: () => (/* binding */ podSecurityViolations)
/* harmony export */ });
/* unused harmony exports PSS_RULES, pssRules, pssVersion */
/* harmony import */ var _pod_security_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(28599);
/* harmony import */ var _volumes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(11636);


/** The rules that implement the Pod Security Standards controls, in catalog order. */
const PSS_RULES = [..._pod_security_js__WEBPACK_IMPORTED_MODULE_0__/* .rules */ .aO, ..._volumes_js__WEBPACK_IMPORTED_MODULE_1__/* .rules */ .aO].filter((r) => r.meta.pss);
const RANK = { baseline: 1, restricted: 2 };
function defaults(rule) {
    const out = {};
    for (const [k, o] of Object.entries(rule.meta.options ?? {}))
        if (o.default !== undefined)
            out[k] = o.default;
    return out;
}
const DEFAULT_OPTIONS = new Map(PSS_RULES.map((r) => [r, defaults(r)]));
/** The rules of a level: baseline's, plus restricted's at restricted. */
function pssRules(level) {
    return PSS_RULES.filter((r) => RANK[r.meta.pss] <= RANK[level]);
}
/**
 * `latest`, `v1.30`, `1.30` (a PSA `*-version` label value) as the kubeVersion the rules read;
 * `latest` and anything unparseable mean the newest standard.
 */
function pssVersion(version) {
    const m = /^v?(1\.\d+)/.exec((version ?? '').trim());
    return m ? m[1] : 'latest';
}
/**
 * Pod Security Standards violations of one object (a Pod, or any workload with pod templates)
 * at `level`, for the standard of `version` (`latest` by default). `privileged` has none.
 * `ctx` lends a live context or a memo to rules that use them; user rule options never apply:
 * the standard is the standard.
 */
function podSecurityViolations(obj, level, version, ctx) {
    if (level === 'privileged')
        return [];
    const kubeVersion = pssVersion(version);
    const memo = new Map();
    const out = [];
    for (const rule of pssRules(level)) {
        const rc = {
            objects: [obj],
            options: DEFAULT_OPTIONS.get(rule) ?? {},
            kubeVersion,
            mode: ctx?.mode ?? (ctx?.live ? 'live' : 'manifest'),
            ...(ctx?.live ? { live: ctx.live } : {}),
            pssLevel: level,
            memo: ctx?.memo ??
                ((key, compute) => {
                    if (!memo.has(key))
                        memo.set(key, compute());
                    return memo.get(key);
                }),
        };
        for (const v of rule.check?.(obj, rc) ?? []) {
            out.push({ ruleId: rule.meta.id, level: rule.meta.pss, path: v.path, message: v.message });
        }
    }
    return out;
}


/***/ }),

/***/ 98018:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ POD_TEMPLATE_KINDS)
/* harmony export */ });
/**
 * In `RuleMeta.kinds`: every kind that carries a pod template (Pod, the workload kinds, and the
 * CRD kinds registered in rules/podspec.ts and rules/crd-templates.ts).
 */
const POD_TEMPLATE_KINDS = '*PodTemplate';


/***/ }),

/***/ 11636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aO: () => (/* binding */ rules)
/* harmony export */ });
/* unused harmony exports normalizeHostPath, hostPathVolumes, hostPath, SENSITIVE_HOST_PATHS, sensitiveHostPath, RUNTIME_SOCKETS, runtimeSocketIn, containerRuntimeSocket, writableHostPath, RESTRICTED_VOLUME_TYPES, restrictedVolumeTypes */
/* harmony import */ var _podspec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75495);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(98018);


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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_1__/* .POD_TEMPLATE_KINDS */ .V],
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_1__/* .POD_TEMPLATE_KINDS */ .V],
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
        if (ctx.pssLevel)
            return; // a refinement: host-path is the Pod Security control
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_1__/* .POD_TEMPLATE_KINDS */ .V],
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
    *check(obj, ctx) {
        if (ctx.pssLevel)
            return; // a refinement: host-path is the Pod Security control
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_1__/* .POD_TEMPLATE_KINDS */ .V],
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
    *check(obj, ctx) {
        if (ctx.pssLevel)
            return; // a refinement: host-path is the Pod Security control
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
        kinds: [_types_js__WEBPACK_IMPORTED_MODULE_1__/* .POD_TEMPLATE_KINDS */ .V],
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

/***/ 89989:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LD: () => (/* reexport */ classifySecretEntry),
  y4: () => (/* reexport */ decodeBase64),
  Rj: () => (/* reexport */ detectInArgv),
  WR: () => (/* reexport */ detectInText),
  ct: () => (/* reexport */ detectNamedValue),
  E$: () => (/* reexport */ redact/* redact */.E)
});

// UNUSED EXPORTS: TOKEN_PATTERNS, charsetOf, detectByName, detectFormats, findTokens, isBenignValue, isPlaceholder, lintWithSecretlintCore, looksRandom, secretName, secretlintSync, shannonEntropy, typePrefix, words

// EXTERNAL MODULE: ./src/core/secrets/redact.ts
var redact = __webpack_require__(21340);
// EXTERNAL MODULE: ./src/core/secrets/names.ts
var names = __webpack_require__(33457);
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
function isPlaceholder(raw) {
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
        if (/^[\x20-\x7e]+$/.test(dec) && dec !== v && isPlaceholder(dec))
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
    if (isPlaceholder(pw) || (isPlaceholder(m[2] ?? '') && isPlaceholder(pw)))
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
        accept: (m) => !isPlaceholder(m[1]) && !/^\$|^%|^\{/.test(m[1]),
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

// EXTERNAL MODULE: ./src/core/arrays.ts
var arrays = __webpack_require__(53309);
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
    return { kind, label, secret, preview: (0,redact/* redact */.E)(secret), confidence, ...(index !== undefined ? { index } : {}) };
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
            if (isPlaceholder(pw[1]))
                continue;
            secret = pw[1];
        }
        if (isPlaceholder(secret))
            continue;
        out.push(make(s.ruleId.replace(/^secretlint-rule-/, ''), SECRETLINT_LABELS[s.ruleId] ?? 'credential', secret, 'high', s.index));
    }
    return out;
}
/** Is this value a literal secret-looking value rather than a placeholder, reference or benign value? */
function isLiteralCandidate(value, opts) {
    const v = value.trim();
    if (isPlaceholder(v) || isBenignValue(v))
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
            (0,arrays/* maxOf */._)(v.split(/[-_/.:]/).map((p) => p.length)) >= 16 &&
            isLiteralCandidate(v, opts)) {
            return [make('high-entropy', 'high-entropy string', v, 'low')];
        }
    }
    return [];
}
/** The name says secret and the value is a literal (not a placeholder, reference or benign value). */
function detectByName(name, value, opts = {}, inText = false) {
    const sn = (0,names/* secretName */.G)(name);
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
// an HTTP Authorization header in a command line or script: `curl -H "Authorization: Bearer <t>"`
const AUTH_HEADER = /\b(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:(bearer|token|basic|apikey|api-key|digest)[ \t]+)?([A-Za-z0-9._~+/:-]{8,}={0,2})/gi;
// `Bearer <t>` on its own (a header value built elsewhere, `--header=Bearer <t>`)
const BEARER = /\bbearer[ \t]+([A-Za-z0-9._~+/-]{16,}={0,2})/gi;
/** The credential of an Authorization header value, or undefined when it is a reference or a word. */
function headerCredential(scheme, value, opts) {
    if (!isLiteralCandidate(value, opts) || isExpression(value))
        return undefined;
    if (scheme?.toLowerCase() === 'basic') {
        const dec = decodeBase64(value);
        const colon = dec?.indexOf(':') ?? -1;
        if (dec === undefined || colon <= 0 || !/^[\x20-\x7e]+$/.test(dec))
            return undefined;
        const pw = dec.slice(colon + 1);
        if (pw.length < 4 || isPlaceholder(pw))
            return undefined;
        return make('basic-auth', 'password in an HTTP Basic Authorization header', value, 'medium');
    }
    // a scheme word was taken for the token (`Authorization: Bearer $TOKEN` leaves no literal)
    if (/^(bearer|token|basic|digest|negotiate)$/i.test(value))
        return undefined;
    if (value.length < 12 || (!looksRandom(value) && !looksLikePassword(value)))
        return undefined;
    return make('bearer-token', 'token in an HTTP Authorization header', value, 'medium');
}
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
        for (const re of [AUTH_HEADER, BEARER]) {
            re.lastIndex = 0;
            let m;
            while ((m = re.exec(line))) {
                const value = re === AUTH_HEADER ? m[2] : m[1];
                const d = headerCredential(re === AUTH_HEADER ? m[1] : 'bearer', value, opts);
                if (d)
                    add({ ...d, index: start + m.index + m[0].lastIndexOf(value) });
            }
        }
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
            if (dec.indexOf(':') > 0 && isPlaceholder(pw))
                continue;
        }
        else if (isPlaceholder(cred))
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
    if (isPlaceholder(v))
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
        return { ...formats[0], secret: v, preview: (0,redact/* redact */.E)(v) };
    if (/client-key-data:|client-certificate-data:|\btoken:\s*\S{16,}/.test(v) && /clusters:/.test(v))
        return make('kubeconfig', 'kubeconfig with credentials', v, 'high');
    const sn = (0,names/* secretName */.G)(key);
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
            return { ...inner[0], label: `${inner[0].label} in a config file`, secret: v, preview: (0,redact/* redact */.E)(v) };
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








/***/ }),

/***/ 33457:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ secretName)
/* harmony export */ });
/* unused harmony export words */
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


/***/ }),

/***/ 33809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DJ: () => (/* binding */ sensitiveValues),
/* harmony export */   LG: () => (/* binding */ scanWideRedactor),
/* harmony export */   SA: () => (/* binding */ redactQuoted)
/* harmony export */ });
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33457);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(21340);


/** Shorter values are not replaced: they would mangle ordinary words and numbers in messages. */
const MIN_LENGTH = 4;
/** Objects nest deeper only when built to: stop there. */
const MAX_DEPTH = 64;
function scalarText(v) {
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' || typeof v === 'bigint')
        return String(v);
    return undefined;
}
function isObj(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Every scalar inside `v` (strings and numbers), as text. */
function allScalars(v, out, depth = 0) {
    if (depth > MAX_DEPTH)
        return;
    const s = scalarText(v);
    if (s !== undefined) {
        if (s.length >= MIN_LENGTH)
            out.add(s);
        return;
    }
    if (Array.isArray(v))
        for (const x of v)
            allScalars(x, out, depth + 1);
    else if (isObj(v))
        for (const k in v)
            allScalars(v[k], out, depth + 1);
}
function decodeBase64(s) {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(s))
        return undefined;
    const t = Buffer.from(s, 'base64').toString('utf8');
    return t.includes('\uFFFD') ? undefined : t;
}
const cache = new WeakMap();
/** The values of an object that a message must not quote, longest first. */
function sensitiveValues(data) {
    const hit = cache.get(data);
    if (hit)
        return hit;
    const out = new Set();
    if (data.kind === 'Secret') {
        allScalars(data.stringData, out);
        if (isObj(data.data)) {
            for (const k in data.data) {
                const v = scalarText(data.data[k]);
                if (v === undefined)
                    continue;
                if (v.length >= MIN_LENGTH)
                    out.add(v);
                const d = decodeBase64(v);
                if (d && d.length >= MIN_LENGTH)
                    out.add(d);
            }
        }
    }
    const stack = [{ v: data, depth: 0 }];
    while (stack.length) {
        const { v, depth } = stack.pop();
        if (depth > MAX_DEPTH)
            continue;
        if (Array.isArray(v)) {
            for (const x of v)
                stack.push({ v: x, depth: depth + 1 });
            continue;
        }
        if (!isObj(v))
            continue;
        // env entries: { name: DB_PASSWORD, value: ... }
        if (typeof v.name === 'string' && 'value' in v && (0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .secretName */ .G)(v.name))
            allScalars(v.value, out);
        for (const k in v) {
            if ((0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .secretName */ .G)(k)?.strength === 'strong')
                allScalars(v[k], out);
            else
                stack.push({ v: v[k], depth: depth + 1 });
        }
    }
    const list = [...out].sort((a, b) => b.length - a.length);
    cache.set(data, list);
    return list;
}
/** `text` with every sensitive value of the object replaced by its redacted preview. */
function redactQuoted(text, values) {
    let out = text;
    for (const v of values)
        if (out.includes(v))
            out = out.split(v).join((0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E)(v));
    return out;
}
/**
 * The same redaction for text made outside the rules (load problems, suppressions, exemptions,
 * rule errors, input errors): such text has no object of its own, or quotes input the rule engine
 * never saw (an unknown rule id, an exemption's reason, a YAML error). It must not quote a value that
 * is a secret anywhere in the scanned set, so it is redacted with the sensitive values of every
 * object. The list is built once, on first use (most scans have no such text).
 */
function scanWideRedactor(objects) {
    let values;
    return (text) => {
        if (!values) {
            const all = new Set();
            for (const o of objects)
                for (const v of sensitiveValues(o.data))
                    all.add(v);
            values = [...all].sort((a, b) => b.length - a.length);
        }
        return values.length ? redactQuoted(text, values) : text;
    };
}


/***/ }),

/***/ 21340:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ redact)
/* harmony export */ });
/* unused harmony export typePrefix */
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


/***/ }),

/***/ 96745:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $y: () => (/* binding */ onlyNew),
/* harmony export */   CZ: () => (/* binding */ hiddenText),
/* harmony export */   Qp: () => (/* binding */ applyBaseline),
/* harmony export */   nk: () => (/* binding */ parseBaseline)
/* harmony export */ });
/* unused harmony exports BaselineError, createBaseline, selectRules, minSeverity, unknownRule, parseSeverity */
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44146);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(85142);
/**
 * Which findings a run reports, decided in one place for the CLI, the action and the orb:
 *
 * - `--rule` / `--skip-rule`: the rules whose findings count (they also decide the verdict);
 *   `rule-error` findings are never dropped (a rule that crashed is never silently skipped).
 * - a baseline (`kubeward baseline create`, `--baseline`, the action's and orb's `baseline`
 *   input): findings already known are hidden, so only new ones are reported and fail the run.
 *   Fingerprints (rule, object, field path) survive line moves.
 * - `only-new` (pull requests): findings on lines the PR does not change are hidden.
 * - `--min-severity`: a display filter; the verdict is decided before it, and findings that fail
 *   the run are always shown.
 *
 * Every hidden finding is counted in `report.hidden`, which every format states.
 */



/** An invalid baseline file. */
class BaselineError extends Error {
    name = 'BaselineError';
}
/** The baseline of a report: its active findings, sorted by fingerprint so the file diffs well. */
function createBaseline(report, now = new Date()) {
    const seen = new Set();
    const findings = [];
    for (const f of report.findings) {
        if (seen.has(f.fingerprint))
            continue;
        seen.add(f.fingerprint);
        const o = f.object;
        findings.push({
            fingerprint: f.fingerprint,
            ruleId: f.ruleId,
            ...(f.location ? { file: f.location.file } : {}),
            ...(o ? { object: `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}` } : {}),
        });
    }
    findings.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
    return { kubewardBaseline: 1, tool: `kubeward ${report.tool.version}`, created: now.toISOString(), findings };
}
/** Parses a baseline file's text; throws BaselineError saying what is wrong. */
function parseBaseline(text, file = 'baseline') {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (e) {
        throw new BaselineError(`${file}: not JSON (${e.message})`);
    }
    const b = data;
    if (typeof data !== 'object' || data === null || b.kubewardBaseline !== 1 || !Array.isArray(b.findings)) {
        throw new BaselineError(`${file}: not a kubeward baseline (expected {"kubewardBaseline": 1, "findings": [...]}, as 'kubeward baseline create' writes)`);
    }
    b.findings.forEach((e, i) => {
        if (typeof e !== 'object' || e === null || typeof e.fingerprint !== 'string' || e.fingerprint === '')
            throw new BaselineError(`${file}: findings[${i}] has no fingerprint`);
    });
    return b;
}
function withHidden(report, findings, key, n) {
    const hidden = { ...report.hidden };
    if (n > 0)
        hidden[key] = (hidden[key] ?? 0) + n;
    return {
        ...report,
        findings,
        counts: (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .countBySeverity */ .Ot)(findings),
        ...(Object.keys(hidden).length ? { hidden } : {}),
    };
}
/** Hides the findings a baseline knows. */
function applyBaseline(report, baseline) {
    const known = new Set(baseline.findings.map((e) => e.fingerprint));
    const keep = report.findings.filter((f) => !known.has(f.fingerprint));
    return withHidden(report, keep, 'baseline', report.findings.length - keep.length);
}
/** Hides the findings `isNew` rejects (the action's `only-new`: lines the PR does not change). */
function onlyNew(report, isNew) {
    const keep = report.findings.filter(isNew);
    return withHidden(report, keep, 'onlyNew', report.findings.length - keep.length);
}
/** Rules whose findings are never dropped by a rule selection. */
const ALWAYS_REPORTED = new Set(['rule-error']);
/** Keeps the findings of `rules` (when given) minus `skipRules`; counts follow. Not "hidden": not run. */
function selectRules(report, rules = [], skipRules = []) {
    if (rules.length === 0 && skipRules.length === 0)
        return report;
    const only = new Set(rules);
    const skip = new Set(skipRules);
    const keep = (f) => ALWAYS_REPORTED.has(f.ruleId) || ((only.size === 0 || only.has(f.ruleId)) && !skip.has(f.ruleId));
    const findings = report.findings.filter(keep);
    return { ...report, findings, suppressed: report.suppressed.filter(keep), counts: countBySeverity(findings) };
}
/**
 * The display filter: hides findings below `min`, except those at or above the run's threshold
 * (a failing run always shows why it fails).
 */
function minSeverity(report, min) {
    const failOn = report.failOn;
    const keep = report.findings.filter((f) => atLeast(f.severity, min) || (failOn !== 'none' && atLeast(f.severity, failOn)));
    return withHidden(report, keep, 'belowMinSeverity', report.findings.length - keep.length);
}
/** Checks rule ids against the known ones: the message for the first unknown one, with "did you mean". */
function unknownRule(ids, known) {
    const all = [...known];
    const set = new Set(all);
    for (const id of ids) {
        if (set.has(id))
            continue;
        const c = closest(id, all);
        const near = c && editDistance(id.toLowerCase(), c.toLowerCase()) <= Math.max(2, Math.ceil(id.length / 3));
        return `unknown rule '${id}'${near ? `; did you mean '${c}'?` : ''} ('kubeward rules' lists them)`;
    }
    return undefined;
}
/** Parses a severity name for a flag; undefined when it is not one. */
function parseSeverity(v) {
    const s = v.toLowerCase();
    return isSeverity(s) ? s : undefined;
}
/** `3 known in the baseline, 2 below --min-severity` — for every format's summary; '' when none. */
function hiddenText(hidden) {
    if (!hidden)
        return '';
    const parts = [];
    if (hidden.baseline)
        parts.push(`${hidden.baseline} known in the baseline`);
    if (hidden.onlyNew)
        parts.push(`${hidden.onlyNew} on lines the pull request does not change`);
    if (hidden.belowMinSeverity)
        parts.push(`${hidden.belowMinSeverity} below the minimum severity shown`);
    return parts.length ? `${parts.reduce((n, p) => n + Number(p.split(' ')[0]), 0)} hidden (${parts.join(', ')})` : '';
}


/***/ }),

/***/ 34874:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fh: () => (/* binding */ dockerfileData),
/* harmony export */   S_: () => (/* binding */ isDockerfileObject),
/* harmony export */   iU: () => (/* binding */ loadDockerfiles),
/* harmony export */   s0: () => (/* binding */ DOCKERFILE_KIND)
/* harmony export */ });
/* unused harmony exports DOCKERFILE_API, parseDockerfile, dockerfileObject */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var dockerfile_ast__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(78390);
/**
 * Dockerfiles (Dockerfile, *.Dockerfile, Containerfile) parsed with dockerfile-ast, multi-stage
 * aware, as objects of kind Dockerfile: the Dockerfile rules (rules/dockerfile.ts) read them and
 * findings point at the instruction's line.
 */



const DOCKERFILE_API = 'kubeward.dev/v1';
const DOCKERFILE_KIND = 'Dockerfile';
function parseDockerfile(text) {
    const df = dockerfile_ast__WEBPACK_IMPORTED_MODULE_2__.DockerfileParser.parse(text);
    const images = df
        .getComments()
        .map((c) => /^kubeward-image:\s*(\S+)/.exec(c.getContent().trim())?.[1])
        .filter((x) => !!x);
    const stages = [];
    const names = new Set();
    for (const ins of df.getInstructions()) {
        const keyword = ins.getKeyword().toUpperCase();
        const line = ins.getRange().start.line + 1;
        const flags = 'getFlags' in ins && typeof ins.getFlags === 'function'
            ? ins.getFlags().map((f) => f.toString())
            : [];
        const item = {
            keyword,
            line,
            content: ins.getArgumentsContent() ?? '',
            args: ins.getArguments().map((a) => a.getValue()),
            flags,
        };
        if (keyword === 'ENV' || keyword === 'ARG') {
            const props = ins.getProperties();
            item.properties = props.map((p) => [p.getName(), p.getValue() ?? '']);
        }
        if (keyword === 'FROM') {
            const f = ins;
            const image = f.getImage() ?? '';
            const stage = {
                image,
                fromStage: names.has(image.toLowerCase()),
                line,
                instructions: [item],
                ...(f.getBuildStage() ? { name: f.getBuildStage() } : {}),
                ...(f.getImageName() ? { imageName: f.getImageName() } : {}),
                ...(f.getImageTag() ? { tag: f.getImageTag() } : {}),
                ...(f.getImageDigest() ? { digest: f.getImageDigest() } : {}),
            };
            if (stage.name)
                names.add(stage.name.toLowerCase());
            stages.push(stage);
            continue;
        }
        // instructions before the first FROM (ARG) belong to no stage; keep them in a pseudo stage
        if (!stages.length)
            stages.push({ image: '', fromStage: true, line, instructions: [] });
        stages[stages.length - 1].instructions.push(item);
    }
    return { images, stages };
}
/** A Dockerfile as an object the engine can run rules on; locations are its instruction lines. */
function dockerfileObject(file, text) {
    const data = parseDockerfile(text);
    const locate = (p) => {
        let line = 1;
        const stage = typeof p[1] === 'number' ? data.stages[p[1]] : undefined;
        if (p[0] === 'stages' && stage) {
            line = stage.line;
            const ins = p[2] === 'instructions' && typeof p[3] === 'number' ? stage.instructions[p[3]] : undefined;
            if (ins)
                line = ins.line;
        }
        return { file, line, column: 1 };
    };
    return {
        data: {
            apiVersion: DOCKERFILE_API,
            kind: DOCKERFILE_KIND,
            metadata: { name: file },
            ...data,
        },
        ref: { apiVersion: DOCKERFILE_API, kind: DOCKERFILE_KIND, name: file },
        origin: 'manifest',
        file,
        docPath: [],
        source: { file, fileText: text, start: 0, end: text.length },
        locate,
    };
}
function loadDockerfiles(files, cwd) {
    const out = { objects: [], errors: [] };
    for (const f of files) {
        const r = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(cwd, f);
        const rel = (r.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(r) ? f : r).split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
        let text;
        try {
            text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(f, 'utf8');
        }
        catch (e) {
            out.errors.push({
                file: rel,
                message: `cannot read: ${e.code ?? e.message}`,
            });
            continue;
        }
        try {
            out.objects.push(dockerfileObject(rel, text));
        }
        catch (e) {
            out.errors.push({ file: rel, message: `cannot parse Dockerfile: ${e.message}` });
        }
    }
    return out;
}
function isDockerfileObject(o) {
    return o.ref.kind === DOCKERFILE_KIND && o.ref.apiVersion === DOCKERFILE_API;
}
function dockerfileData(o) {
    return o.data;
}


/***/ }),

/***/ 11160:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LE: () => (/* binding */ createSuppressor)
/* harmony export */ });
/* unused harmony exports IGNORE_ANNOTATION, INLINE_MARKER, isoDate, isExpired, isProtectedRule, parseIgnoreAnnotation, parseInlineComment, commentOf, inlineCommentOf, pathWithin, objectKeys */
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(16085);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44146);
/* harmony import */ var _rules_podspec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(75495);
/* harmony import */ var _rules_input_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(10455);
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
// the rules whose findings the suppressor reports live with the other input rules (rules/input.ts)

/** Today's date (UTC) as YYYY-MM-DD. */
function isoDate(d) {
    return d.toISOString().slice(0, 10);
}
/** An exemption is expired once its `expires` date has passed (it applies through that day, UTC). */
function isExpired(e, now = new Date()) {
    return e.expires !== undefined && e.expires < isoDate(now);
}
/** Findings a wildcard suppression never silences: secrets and input errors. */
function isProtectedRule(id) {
    return id.startsWith('secret-') || _rules_input_js__WEBPACK_IMPORTED_MODULE_3__/* .INPUT_RULE_IDS */ .vs.has(id);
}
const GLOB = /[*?[\]{}!]/;
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
const INLINE = /^#\s*kubeward-ignore(?=\s|$)(.*)$/;
/**
 * The YAML comment of a line (from its `#`), or undefined: a `#` inside a quoted scalar
 * (`value: "a # kubeward-ignore x y"`) or glued to a word is part of the value, not a comment.
 * A quote opens a scalar only where a scalar starts (line start, after `: `, `- `, `[`, `{`, `,`).
 */
function commentOf(line) {
    let quote;
    let scalarStart = true;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote === '"') {
            if (c === '\\')
                i++;
            else if (c === '"')
                quote = undefined;
            continue;
        }
        if (quote === "'") {
            if (c === "'" && line[i + 1] === "'")
                i++;
            else if (c === "'")
                quote = undefined;
            continue;
        }
        if (c === '#' && (i === 0 || /\s/.test(line[i - 1])))
            return line.slice(i);
        if ((c === '"' || c === "'") && scalarStart) {
            quote = c;
            continue;
        }
        if (/\s/.test(c))
            continue;
        scalarStart = c === '[' || c === '{' || c === ',' || ((c === ':' || c === '-') && /\s|^$/.test(line[i + 1] ?? ''));
    }
    return undefined;
}
/** The `# kubeward-ignore` comment on a line, if any; `commentOnly` when the line holds nothing else. */
function inlineCommentOf(line) {
    const comment = line.includes('#') ? commentOf(line) : undefined;
    const m = comment === undefined ? null : INLINE.exec(comment);
    if (!m)
        return undefined;
    return { spec: parseInlineComment(m[1]), commentOnly: /^\s*#/.test(line) };
}
/**
 * Matches rule ids against patterns. An exact id always matches itself; a wildcard pattern
 * never matches a protected rule (isProtectedRule) unless `wildcardProtected`.
 */
function ruleMatcher(patterns, wildcardProtected = false) {
    if (!patterns.length)
        return () => false;
    const exact = new Set(patterns.filter((p) => !GLOB.test(p)));
    const globs = patterns.filter((p) => GLOB.test(p));
    const glob = globs.length ? (0,_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .compileGlob */ .SO)(globs) : undefined;
    return (id) => exact.has(id) || (!!glob && (wildcardProtected || !isProtectedRule(id)) && glob(id));
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
    const matcher = (patterns) => ruleMatcher(patterns, opts.wildcardProtected ?? false);
    const locked = new Set(opts.lockedRules ?? []);
    const now = opts.now ?? new Date();
    const notes = [];
    const noted = new Set();
    const note = (rule, n) => {
        const setting = opts.settings?.(rule.meta) ?? { enabled: rule.meta.enabledByDefault, severity: rule.meta.severity };
        if (!setting.enabled)
            return;
        const fp = (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .fingerprint */ .Rj)(rule.meta.id, n.object, n.key, n.location?.file);
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
            note(_rules_input_js__WEBPACK_IMPORTED_MODULE_3__/* .expiredExemption */ .HH, {
                message: `the exemption for ${e.rules.join(', ')} expired on ${e.expires} (reason: ${e.reason}); the findings it covered are reported again. Renew or remove it`,
                location: { file: e.file, line: e.line, column: e.column },
                key: `exemption:${e.rules.join(',')}:${e.objects.join(',')}:${e.paths.join(',')}:${e.expires}`,
            });
            continue;
        }
        if (opts.maxExemptionDays !== undefined) {
            const limit = isoDate(new Date(now.getTime() + opts.maxExemptionDays * 86_400_000));
            if (!e.expires || e.expires > limit) {
                note(_rules_input_js__WEBPACK_IMPORTED_MODULE_3__/* .invalidSuppression */ .R3, {
                    message: `the exemption for ${e.rules.join(', ')} ${e.expires ? `expires on ${e.expires}` : 'has no expires date'}, beyond the ${opts.maxExemptionDays} days the locked policy allows (until ${limit}): it is not applied`,
                    location: { file: e.file, line: e.line, column: e.column },
                    key: `exemption-too-long:${e.rules.join(',')}:${e.objects.join(',')}:${e.paths.join(',')}:${e.expires ?? ''}`,
                });
                continue;
            }
        }
        exemptions.push({
            e,
            rules: matcher(e.rules),
            ...(e.objects.length ? { objects: (0,_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .compileGlob */ .SO)(e.objects, { nocase: true }) } : {}),
            ...(e.paths.length ? { paths: (0,_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .compileGlob */ .SO)(e.paths, { dot: true }) } : {}),
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
            { metaPath: ['metadata'], annotations: (0,_rules_podspec_js__WEBPACK_IMPORTED_MODULE_2__/* .isObj */ .sA)(obj.data.metadata) ? obj.data.metadata.annotations : undefined },
        ];
        for (const t of (0,_rules_podspec_js__WEBPACK_IMPORTED_MODULE_2__/* .podTemplates */ .R7)(obj)) {
            if ((0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)(t.metaPath) === 'metadata')
                continue; // a Pod's template metadata is its own
            sources.push({ metaPath: t.metaPath, annotations: t.metadata.annotations, specPath: t.specPath });
        }
        for (const src of sources) {
            if (!(0,_rules_podspec_js__WEBPACK_IMPORTED_MODULE_2__/* .isObj */ .sA)(src.annotations))
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
                    path: (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)(fieldPath),
                    key: (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)(fieldPath),
                    origin: obj.origin,
                    ...(obj.locate?.(fieldPath) ? { location: obj.locate(fieldPath) } : {}),
                };
                const label = `annotation ${key}`;
                if (typeof value !== 'string') {
                    note(_rules_input_js__WEBPACK_IMPORTED_MODULE_3__/* .invalidSuppression */ .R3, {
                        ...at,
                        message: `${label} must be a string "rule-a,rule-b -- reason": the suppression is not applied`,
                    });
                    continue;
                }
                const spec = parseIgnoreAnnotation(value);
                if (!spec.rules.length || !spec.reason) {
                    note(_rules_input_js__WEBPACK_IMPORTED_MODULE_3__/* .invalidSuppression */ .R3, {
                        ...at,
                        message: `${label} has no ${spec.rules.length ? 'reason' : 'rule ids'} (write "rule-a,rule-b -- reason"): the suppression is not applied`,
                    });
                    continue;
                }
                const unknown = unknownRules(spec);
                if (unknown.length) {
                    note(_rules_input_js__WEBPACK_IMPORTED_MODULE_3__/* .invalidSuppression */ .R3, {
                        ...at,
                        message: `${label} names ${unknown.length > 1 ? 'unknown rules' : 'an unknown rule'} ${unknown.join(', ')}: ${unknown.length > 1 ? 'they suppress' : 'it suppresses'} nothing`,
                    });
                }
                const entry = { ...spec, matches: matcher(spec.rules) };
                if (container !== undefined) {
                    const specPrefix = src.specPath ? (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)(src.specPath) : undefined;
                    containers ??= (0,_rules_podspec_js__WEBPACK_IMPORTED_MODULE_2__/* .allContainers */ .Yr)(obj);
                    entry.containerPaths = containers
                        .filter((c) => c.name === container)
                        .map((c) => (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)(c.path))
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
            markerIn.set(src.file, (has = src.fileIncludes ? src.fileIncludes(INLINE_MARKER) : src.fileText.includes(INLINE_MARKER)));
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
            if (c && c.spec.reason && matcher(c.spec.rules)(f.ruleId))
                return c.spec;
        }
        return undefined;
    };
    return {
        suppress(f, obj) {
            // a locked policy's rules are never silenced, whatever the suppression
            if (locked.has(f.ruleId))
                return undefined;
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
                        note(_rules_input_js__WEBPACK_IMPORTED_MODULE_3__/* .invalidSuppression */ .R3, {
                            ...at,
                            message: `"# ${INLINE_MARKER}" without ${c.spec.rules.length ? 'a reason' : 'a rule id'} (write "# ${INLINE_MARKER} rule-id reason"): the suppression is not applied`,
                        });
                        return;
                    }
                    const unknown = unknownRules(c.spec);
                    if (unknown.length) {
                        note(_rules_input_js__WEBPACK_IMPORTED_MODULE_3__/* .invalidSuppression */ .R3, {
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
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53385);
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
        _log_js__WEBPACK_IMPORTED_MODULE_0__.log[level](msg, props);
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
        _log_js__WEBPACK_IMPORTED_MODULE_0__.log.warning(e.message, props);
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
        ctx.pullRequest = {
            number,
            headSha: pr.head.sha,
            ...(typeof pr.base?.sha === 'string' && pr.base.sha ? { baseSha: pr.base.sha } : {}),
            fromFork: !!head && head !== base,
        };
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
/* unused harmony exports COMMENT_MODES, parseEnvironments, readSources */
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
/** `NAME: a.yaml, b.yaml` or `NAME=a.yaml,b.yaml`, one environment a line. */
function parseEnvironments(v) {
    const out = {};
    for (const raw of (v ?? '').split('\n')) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const m = /^([A-Za-z0-9_.-]+)\s*[:=]\s*(.+)$/.exec(line);
        if (!m)
            throw new InputError(`input environments: each line must look like "NAME: values.yaml, values-NAME.yaml", got "${line}"`);
        out[m[1]] = { values: m[2].split(/[\s,]+/).filter(Boolean) };
    }
    return out;
}
/** The sources inputs as a SourcesConfig, undefined when none is set. */
function readSources(get = opt) {
    const charts = splitList(get('helm-charts'));
    const values = splitList(get('values'));
    const environments = parseEnvironments(get('environments'));
    const kz = splitList(get('kustomize'));
    const hasEnvs = Object.keys(environments).length > 0;
    if (!charts.length && !values.length && !hasEnvs && !kz.length)
        return undefined;
    const overlays = kz.filter((k) => /^[A-Za-z0-9_.-]+=/.test(k));
    const trees = kz.filter((k) => !/^[A-Za-z0-9_.-]+=/.test(k));
    const chartSettings = { ...(values.length ? { values } : {}), ...(hasEnvs ? { environments } : {}) };
    return {
        ...chartSettings,
        ...(charts.length ? { helm: charts.map((chart) => ({ chart, ...chartSettings })) } : {}),
        kustomize: [
            ...trees.map((path) => ({ path })),
            ...(overlays.length
                ? [
                    {
                        path: '.',
                        overlays: Object.fromEntries(overlays.map((o) => [o.slice(0, o.indexOf('=')), o.slice(o.indexOf('=') + 1)])),
                    },
                ]
                : []),
        ],
    };
}
function optionalSources() {
    const s = readSources();
    return s ? { sources: s } : {};
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
        configRef: oneOf('config-ref', ['head', 'base'], 'head'),
        profile: opt('profile'),
        failOn,
        sarifFile: opt('sarif-file') ?? 'kubeward.sarif',
        comment: oneOf('comment', COMMENT_MODES, 'both'),
        suggestions: bool('suggestions', true),
        onlyNew: bool('only-new', false),
        baseline: opt('baseline'),
        policies: splitList(opt('policies')),
        githubToken: opt('github-token') ?? '',
        annotations: bool('annotations', true),
        allowEmpty: bool('allow-empty', false),
        ...optionalSources(),
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

/***/ 53385:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   log: () => (/* binding */ log)
/* harmony export */ });
/* unused harmony exports controlSafe, logSafe */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/**
 * The one way the action writes to the runner log. Everything it logs can carry text from the
 * pull request (file names, object names, messages): the runner executes any output line that
 * starts with `::` (or the legacy `##[`) as a workflow command, so a file named
 * "x\n::add-mask::..." or "x\n::error::forged" would otherwise forge annotations, masks or
 * outputs. Every string goes through `logSafe` (plain lines) or @actions/core's command escaping
 * plus `controlSafe` (annotations), here and nowhere else: the rest of src/github imports this
 * module, never the log functions of @actions/core (test/hostile/adapters-log.test.ts checks it).
 */

/** C0/C1 control characters other than newline, tab and carriage return, shown as \xNN. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Everything a runner or a terminal may treat as the end of a line. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/g;
const hex = (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
/** Control characters (ANSI escapes that hide or rewrite text) made visible; line breaks kept. */
function controlSafe(text) {
    return String(text).replace(CONTROL, hex);
}
/**
 * One log line that the runner cannot read as a workflow command: line breaks shown as `\n`,
 * control characters as `\xNN`, and a line that would start with `::` or `##[` (after the
 * whitespace the runner trims) prefixed so that it does not.
 */
function logSafe(text) {
    const one = controlSafe(String(text).replace(LINE_BREAK, (m) => (m === '\r\n' || m === '\n' ? '\\n' : '\\r')));
    return /^\s*(::|##\[)/.test(one) ? `| ${one}` : one;
}
function safeProps(p) {
    if (!p)
        return undefined;
    const out = { ...p };
    // @actions/core escapes %, CR, LF, ':' and ',' in properties; control characters and the
    // other line breaks are ours to neutralise
    if (out.title !== undefined)
        out.title = logSafe(out.title);
    if (out.file !== undefined)
        out.file = logSafe(out.file);
    return out;
}
const log = {
    info(message) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(logSafe(message));
    },
    /** Annotation messages may span lines: @actions/core escapes CR/LF inside the command. */
    notice(message, props) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.notice(controlSafe(message).replace(LINE_BREAK, '\n'), safeProps(props));
    },
    warning(message, props) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(controlSafe(message).replace(LINE_BREAK, '\n'), safeProps(props));
    },
    error(message, props) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.error(controlSafe(message).replace(LINE_BREAK, '\n'), safeProps(props));
    },
    /** Fails the step (an error annotation); called by main.ts only. */
    fail(message) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.setFailed(controlSafe(message).replace(LINE_BREAK, '\n'));
    },
    /** Registers a value the runner masks in every later log line. */
    mask(secret) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(secret);
    },
};


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
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53385);
/* harmony import */ var _core_model_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(44146);
/* harmony import */ var _core_outcome_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(29411);
/* harmony import */ var _pr_client_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(84091);
/* harmony import */ var _annotations_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(34793);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(19556);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(65446);
/* harmony import */ var _core_selection_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(96745);
/* harmony import */ var _core_version_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(83323);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(92935);
/* harmony import */ var _pr_escape_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(12833);
/* harmony import */ var _core_report_util_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(8220);
/* harmony import */ var _core_dirs_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(45035);
/**
 * The action, start to finish: inputs -> scan -> SARIF, annotations, PR comments, job summary,
 * outputs. Returns the failure message (if any) for main.ts; never calls core.setFailed itself.
 */
















const PERMISSIONS_HINT = 'Give the workflow `permissions: pull-requests: write` (and `contents: read`) to get PR comments; ' +
    'pull requests from forks get a read-only token on `pull_request` events.';
/** A note for the summary and comment: kubeward's own text (code spans kept) around escaped values. */
function note(text) {
    return { markdown: text };
}
async function run() {
    const inputs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .readInputs */ .Ko)();
    _log_js__WEBPACK_IMPORTED_MODULE_3__.log.info(`kubeward: ${inputs.mode} ${inputs.paths.join(', ')}`);
    if (inputs.mode === 'verify') {
        const { runVerify } = await Promise.all(/* import() */[__webpack_require__.e(243), __webpack_require__.e(6), __webpack_require__.e(609), __webpack_require__.e(490), __webpack_require__.e(100)]).then(__webpack_require__.bind(__webpack_require__, 40100));
        return runVerify(inputs);
    }
    return runScan(inputs, (0,_context_js__WEBPACK_IMPORTED_MODULE_7__/* .readContext */ .y)());
}
async function runScan(inputs, ctx) {
    const { scan } = await Promise.all(/* import() */[__webpack_require__.e(243), __webpack_require__.e(6), __webpack_require__.e(609), __webpack_require__.e(542), __webpack_require__.e(452)]).then(__webpack_require__.bind(__webpack_require__, 1542));
    const sarifPath = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(ctx.workspace, inputs.sarifFile);
    let report;
    let configFailed = false;
    // The client, created once, when the token allows (base config, PR comments).
    let clientPromise;
    const getClient = async () => {
        const { githubClient } = await __webpack_require__.e(/* import() */ 184).then(__webpack_require__.bind(__webpack_require__, 77184));
        return (clientPromise ??= githubClient(inputs.githubToken));
    };
    const policy = await basePolicy(inputs, ctx, inputs.githubToken ? getClient : undefined);
    try {
        report = await scan({
            paths: inputs.paths,
            cwd: ctx.workspace,
            ...(inputs.failOn !== 'none' ? { failOn: inputs.failOn } : {}),
            ...(policy.content
                ? { configContent: policy.content }
                : inputs.config && inputs.configRef === 'head'
                    ? { configFile: inputs.config }
                    : {}),
            ...(inputs.profile ? { profile: inputs.profile } : {}),
            ...(inputs.sources ? { sources: inputs.sources } : {}),
            ...(inputs.policies.length ? { policyPaths: inputs.policies } : {}),
        });
    }
    catch (e) {
        // a configuration error stops the scan: it is reported like any input error (annotation,
        // summary, PR comment, failed step), over an empty report (SARIF still written for upload)
        if (e.name !== 'ConfigError')
            throw e;
        report = configErrorReport(inputs, e);
        configFailed = true;
    }
    if (inputs.failOn === 'none')
        report = { ...report, failOn: 'none' };
    const notes = [];
    const pr = ctx.pullRequest;
    if (policy.note) {
        _log_js__WEBPACK_IMPORTED_MODULE_3__.log.info(`kubeward: ${policy.note}`);
        notes.push(policy.note);
    }
    // A baseline (`kubeward baseline create`): known findings are hidden, as `--baseline` does.
    if (inputs.baseline) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(ctx.workspace, inputs.baseline);
        let text;
        try {
            text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8');
        }
        catch (e) {
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .InputError */ .dz(`input baseline: cannot read ${inputs.baseline} (${e.code ?? e.message}); create it with 'kubeward baseline create -o ${inputs.baseline}'`);
        }
        try {
            report = (0,_core_selection_js__WEBPACK_IMPORTED_MODULE_9__/* .applyBaseline */ .Qp)(report, (0,_core_selection_js__WEBPACK_IMPORTED_MODULE_9__/* .parseBaseline */ .nk)(text, inputs.baseline));
        }
        catch (e) {
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .InputError */ .dz(`input baseline: ${e.message}`);
        }
    }
    // The PR client, when there is a PR and something to do with it.
    const wantsPr = inputs.comment !== 'off' || inputs.onlyNew;
    let client;
    let files;
    let diffs;
    if (pr && wantsPr && inputs.githubToken) {
        const { retryOptions } = await __webpack_require__.e(/* import() */ 184).then(__webpack_require__.bind(__webpack_require__, 77184));
        client = await getClient();
        const target = { client, owner: ctx.owner, repo: ctx.repo, pullNumber: pr.number, headSha: pr.headSha };
        if (inputs.onlyNew) {
            try {
                const pr_ = await Promise.all(/* import() */[__webpack_require__.e(243), __webpack_require__.e(609), __webpack_require__.e(74)]).then(__webpack_require__.bind(__webpack_require__, 40074));
                files = await pr_.fetchPullFiles({ ...target, retry: retryOptions() });
                diffs = pr_.diffsOf(files);
                const before = report.findings.length;
                report = (0,_core_selection_js__WEBPACK_IMPORTED_MODULE_9__/* .onlyNew */ .$y)(report, (f) => pr_.findingsOnChangedLines([f], diffs).length === 1);
                notes.push(`only-new: ${report.findings.length} of ${before} findings are on lines this pull request changes.`);
            }
            catch (e) {
                const msg = `only-new: could not read the pull request's files (${describe(e)}); reporting every finding.`;
                _log_js__WEBPACK_IMPORTED_MODULE_3__.log.notice(msg);
                notes.push(msg);
            }
        }
    }
    else if (inputs.onlyNew) {
        const msg = pr
            ? 'only-new needs github-token to read the pull request: reporting every finding.'
            : 'only-new applies to pull requests only: reporting every finding.';
        _log_js__WEBPACK_IMPORTED_MODULE_3__.log.notice(msg);
        notes.push(msg);
    }
    // The verdict, decided by the core exactly as the CLI decides its exit code: input errors or
    // no Kubernetes object at all (unless allow-empty) fail the step whatever the findings.
    // (after a configuration error nothing was read: "no objects found" would be untrue; the
    // configuration's own errors fail the step)
    const outcome = (0,_core_outcome_js__WEBPACK_IMPORTED_MODULE_5__/* .scanOutcome */ .i)(report, {
        allowEmpty: inputs.allowEmpty || configFailed,
        failOn: inputs.failOn,
        paths: inputs.paths,
    });
    const problems = outcome.problems.map((p) => p.code === 'no-objects' ? `${p.message}; set allow-empty: true to accept an empty scan` : p.message);
    notes.unshift(...problems.map((p) => `❌ ${p}`));
    // SARIF: always written, also when there is nothing to report.
    await writeSarif(sarifPath, report);
    if (inputs.annotations) {
        const warned = (0,_annotations_js__WEBPACK_IMPORTED_MODULE_6__/* .annotateInputErrors */ .Ev)(report.errors);
        const a = (0,_annotations_js__WEBPACK_IMPORTED_MODULE_6__/* .annotate */ .fz)(report.findings, { warning: warned });
        if (a.notShown > 0) {
            notes.push(`${(0,_core_report_util_js__WEBPACK_IMPORTED_MODULE_11__/* .plural */ .LS)(a.notShown, 'more finding')} ${a.notShown === 1 ? 'has' : 'have'} no annotation: GitHub shows at most ${_annotations_js__WEBPACK_IMPORTED_MODULE_6__/* .ANNOTATION_LIMIT */ .OE} errors, ${_annotations_js__WEBPACK_IMPORTED_MODULE_6__/* .ANNOTATION_LIMIT */ .OE} warnings and ${_annotations_js__WEBPACK_IMPORTED_MODULE_6__/* .ANNOTATION_LIMIT */ .OE} notices per step. The SARIF file has all of them; the table below lists them, or says how many it leaves out.`);
        }
    }
    else {
        for (const e of report.errors)
            _log_js__WEBPACK_IMPORTED_MODULE_3__.log.info(`input error: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
    }
    // PR comments.
    if (pr && inputs.comment !== 'off') {
        if (!inputs.githubToken) {
            notes.push('No github-token: PR comments skipped.');
        }
        else if (pr.fromFork && ctx.eventName === 'pull_request') {
            const msg = `kubeward: this pull request comes from a fork, whose token is read-only: findings are reported as annotations and in the job summary only.`;
            _log_js__WEBPACK_IMPORTED_MODULE_3__.log.notice(msg);
            notes.push(msg);
        }
        else if (client) {
            await publishToPr(inputs, ctx, report, client, files, notes, outcome);
        }
    }
    await (0,_summary_js__WEBPACK_IMPORTED_MODULE_10__/* .writeSummary */ .Sy)(report, ctx, notes, outcome);
    const failOn = inputs.failOn;
    _actions_core__WEBPACK_IMPORTED_MODULE_2__.setOutput('findings', report.findings.length);
    for (const s of _core_model_js__WEBPACK_IMPORTED_MODULE_4__/* .SEVERITIES */ .oC)
        if (s !== 'info')
            _actions_core__WEBPACK_IMPORTED_MODULE_2__.setOutput(s, report.counts[s]);
    _actions_core__WEBPACK_IMPORTED_MODULE_2__.setOutput('sarif-file', sarifPath);
    _actions_core__WEBPACK_IMPORTED_MODULE_2__.setOutput('passed', String(outcome.passed));
    _actions_core__WEBPACK_IMPORTED_MODULE_2__.setOutput('exit-code', String(outcome.exitCode));
    const total = report.findings.length;
    _log_js__WEBPACK_IMPORTED_MODULE_3__.log.info(`kubeward: ${(0,_core_report_util_js__WEBPACK_IMPORTED_MODULE_11__/* .plural */ .LS)(total, 'finding')} in ${(0,_core_report_util_js__WEBPACK_IMPORTED_MODULE_11__/* .plural */ .LS)(report.filesScanned, 'file')}, ${report.durationMs} ms`);
    if (outcome.exitCode === 2)
        return { failure: `kubeward: the scan is incomplete: ${problems.join('; ')}` };
    if (outcome.exitCode === 1)
        return { failure: `kubeward: ${(0,_core_report_util_js__WEBPACK_IMPORTED_MODULE_11__/* .plural */ .LS)(outcome.failing, 'finding')} at or above ${failOn}` };
    return {};
}
async function writeSarif(file, report) {
    const { reportChunks } = await Promise.all(/* import() */[__webpack_require__.e(243), __webpack_require__.e(609), __webpack_require__.e(490)]).then(__webpack_require__.bind(__webpack_require__, 49490));
    await (0,_core_dirs_js__WEBPACK_IMPORTED_MODULE_12__/* .ensureDir */ .A)(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(file));
    // in pieces: the SARIF of millions of findings does not fit in one string
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, reportChunks(report, 'sarif'));
}
/**
 * `config-ref: base`: the configuration at the pull request's base commit, which the pull request
 * cannot change; its absence means the defaults, never the pull request's own copy.
 */
async function basePolicy(inputs, ctx, getClient) {
    if (inputs.configRef !== 'base')
        return {};
    const file = inputs.config ?? '.kubeward.yaml';
    const sha = ctx.pullRequest?.baseSha;
    if (!sha) {
        // not a pull request (a push to the branch itself): the checked-out tree is the base
        if (inputs.config)
            return { note: `Configuration: ${file} (config-ref: base; this run is not a pull request).` };
        return {};
    }
    const { readBaseConfig } = await __webpack_require__.e(/* import() */ 561).then(__webpack_require__.bind(__webpack_require__, 14561));
    const base = await readBaseConfig({
        file,
        sha,
        owner: ctx.owner,
        repo: ctx.repo,
        workspace: ctx.workspace,
        ...(getClient ? { client: await getClient() } : {}),
    });
    const name = `${base.file}@${sha.slice(0, 7)}`;
    const short = sha.slice(0, 7);
    // the PR's tree cannot add a configuration either: an absent base file means the defaults
    const text = base.text ?? '{}\n';
    let locked = false;
    try {
        const { parseConfig } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 85142));
        locked = parseConfig(text, name).policy?.locked === true;
    }
    catch {
        // reported by the scan with the file's positions
    }
    const note = base.text === undefined
        ? `Configuration: none at the base commit ${short} (config-ref: base): kubeward's defaults apply; the pull request's own configuration is not used.`
        : `Configuration: ${base.file} at the base commit ${short}${locked ? ' (locked policy)' : ''} (config-ref: base); the pull request's own configuration is not used.`;
    return { content: { text, file: base.file, name }, note };
}
/** A configuration that cannot be used: an empty report whose input errors say where and why. */
function configErrorReport(inputs, e) {
    const problems = e.problems?.length
        ? e.problems
        : [{ file: inputs.config ?? '', line: 0, column: 0, message: e.message }];
    return {
        ...emptyReport(inputs),
        errors: problems.map((p) => ({
            file: p.file,
            ...(p.line > 0 ? { line: p.line, column: p.column } : {}),
            message: `configuration: ${p.message}`,
        })),
    };
}
function emptyReport(inputs) {
    return {
        tool: { name: 'kubeward', version: _core_version_js__WEBPACK_IMPORTED_MODULE_13__/* .VERSION */ .x },
        findings: [],
        suppressed: [],
        counts: (0,_core_model_js__WEBPACK_IMPORTED_MODULE_4__/* .countBySeverity */ .Ot)([]),
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
    const info = (0,_pr_client_js__WEBPACK_IMPORTED_MODULE_14__/* .httpError */ .p2)(e);
    return info ? `HTTP ${info.status}: ${info.message}` : e.message;
}
async function publishToPr(inputs, ctx, report, client, files, notes, outcome) {
    const pr = ctx.pullRequest;
    const { retryOptions } = await __webpack_require__.e(/* import() */ 184).then(__webpack_require__.bind(__webpack_require__, 77184));
    const { publishStickyComment, publishReview } = await Promise.all(/* import() */[__webpack_require__.e(243), __webpack_require__.e(609), __webpack_require__.e(74)]).then(__webpack_require__.bind(__webpack_require__, 40074));
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
        const msg = `kubeward could not post the ${what} (${describe(e)}): findings are reported as annotations and in the job summary only.`;
        _log_js__WEBPACK_IMPORTED_MODULE_3__.log.notice(`${msg} ${PERMISSIONS_HINT}`);
        notes.push((0,_pr_escape_js__WEBPACK_IMPORTED_MODULE_15__.md) `${msg} ${note(PERMISSIONS_HINT)}`);
    };
    // the review and the sticky comment both need the PR's files: read once
    if (!files && inputs.comment === 'both' && report.findings.length) {
        const { fetchPullFiles } = await Promise.all(/* import() */[__webpack_require__.e(243), __webpack_require__.e(609), __webpack_require__.e(74)]).then(__webpack_require__.bind(__webpack_require__, 40074));
        files = await fetchPullFiles(target).catch(() => undefined);
    }
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
                log: (m) => _log_js__WEBPACK_IMPORTED_MODULE_3__.log.info(m),
            });
            _log_js__WEBPACK_IMPORTED_MODULE_3__.log.info(`kubeward: review with ${(0,_core_report_util_js__WEBPACK_IMPORTED_MODULE_11__/* .plural */ .LS)(r.posted, 'comment')} (${(0,_core_report_util_js__WEBPACK_IMPORTED_MODULE_11__/* .plural */ .LS)(r.suggestions, 'suggestion')}); ${r.alreadyCommented} already commented, ${r.outsideDiff} outside the diff`);
            if (r.rejected) {
                const msg = `GitHub refused ${(0,_core_report_util_js__WEBPACK_IMPORTED_MODULE_11__/* .plural */ .LS)(r.rejected.count, 'review comment')}: ${r.rejected.message}`;
                _log_js__WEBPACK_IMPORTED_MODULE_3__.log.warning(msg);
                notes.push(msg);
            }
        }
        catch (e) {
            if ((0,_pr_client_js__WEBPACK_IMPORTED_MODULE_14__/* .isPermissionError */ .gj)(e) || (0,_pr_client_js__WEBPACK_IMPORTED_MODULE_14__/* .httpError */ .p2)(e)?.status === 404) {
                denied = true;
                fallback('review', e);
            }
            else {
                _log_js__WEBPACK_IMPORTED_MODULE_3__.log.warning(`kubeward: the review failed: ${describe(e)}`);
            }
        }
    }
    if (!denied && (inputs.comment === 'sticky' || inputs.comment === 'both')) {
        try {
            const r = await publishStickyComment({
                ...target,
                report,
                outcome,
                // why the run failed without findings must show where reviewers look
                notes: notes.filter((n) => typeof n === 'string' && n.startsWith('❌')),
                ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}),
                ...(files ? { changedFiles: files.map((f) => f.filename) } : {}),
            });
            _log_js__WEBPACK_IMPORTED_MODULE_3__.log.info(`kubeward: ${r.action} the PR comment ${r.url ?? r.id}`);
        }
        catch (e) {
            if ((0,_pr_client_js__WEBPACK_IMPORTED_MODULE_14__/* .isPermissionError */ .gj)(e) || (0,_pr_client_js__WEBPACK_IMPORTED_MODULE_14__/* .httpError */ .p2)(e)?.status === 404)
                fallback('PR comment', e);
            else
                _log_js__WEBPACK_IMPORTED_MODULE_3__.log.warning(`kubeward: the PR comment failed: ${describe(e)}`);
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
/* harmony import */ var _pr_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28137);
/** The job summary (GitHub caps it at 1 MiB per step). */


/** GitHub's limit on a step's summary, in bytes. */
const SUMMARY_BYTES = 1024 * 1024;
/** Characters to aim for first (markdown is mostly ASCII), shrunk while the UTF-8 size is over the limit. */
const SUMMARY_LIMIT = 1_000_000;
/** Notes are plain text (escaped by the renderer) or `md` markdown. */
function summaryMarkdown(report, ctx, notes, outcome) {
    const sha = ctx.pullRequest?.headSha ?? ctx.sha;
    let md = '';
    for (let max = SUMMARY_LIMIT; max > 1000; max = Math.floor(max * 0.8)) {
        md = render(report, ctx, notes, sha, max, outcome);
        if (Buffer.byteLength(md, 'utf8') < SUMMARY_BYTES - 1024)
            break;
    }
    return md;
}
function render(report, ctx, notes, sha, maxLength, outcome) {
    return (0,_pr_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .renderMarkdown */ .Gc)(report, {
        maxLength,
        ...(outcome ? { outcome } : {}),
        chart: true,
        notes,
        ...(ctx.owner && sha ? { fileUrlPrefix: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/blob/${sha}/` } : {}),
        footer: `<sub>kubeward ${report.tool.version} · ${report.durationMs} ms</sub>`,
    });
}
async function writeSummary(report, ctx, notes, outcome) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.summary.addRaw(summaryMarkdown(report, ctx, notes, outcome), true).write();
}


/***/ }),

/***/ 84091:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   En: () => (/* binding */ paginate),
/* harmony export */   T1: () => (/* binding */ call),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   gj: () => (/* binding */ isPermissionError),
/* harmony export */   hD: () => (/* binding */ rateLimitWait),
/* harmony export */   p2: () => (/* binding */ httpError)
/* harmony export */ });
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
    const res = client.managesRetries
        ? await client.request(route, params)
        : await withRetry(() => client.request(route, params), retry);
    return res.data;
}
/** Every page of a list endpoint (100 per page, bounded to `maxPages`). */
async function paginate(client, route, params, retry, maxPages = 100) {
    const all = [];
    for (let page = 1; page <= maxPages; page++) {
        const data = await call(client, route, { ...params, per_page: 100, page }, retry);
        if (!Array.isArray(data))
            break;
        for (const x of data)
            all.push(x);
        if (data.length < 100)
            break;
    }
    return all;
}


/***/ }),

/***/ 28137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* reexport safe */ _core_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__.Gc),
/* harmony export */   Pl: () => (/* reexport safe */ _core_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__.Pl),
/* harmony export */   _9: () => (/* reexport safe */ _core_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__._9)
/* harmony export */ });
/* harmony import */ var _core_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34201);
/**
 * Markdown for the job summary and the sticky PR comment: the core's one renderer
 * (src/core/report/markdown.ts), re-exported for the adapters.
 */



/***/ })

};
