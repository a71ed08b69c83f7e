export const id = 561;
export const ids = [561];
export const modules = {

/***/ 14561:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readBaseConfig: () => (/* binding */ readBaseConfig)
/* harmony export */ });
/* unused harmony export BaseConfigError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _pr_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84091);
/**
 * `config-ref: base`: the configuration is read at the pull request's base commit, which the pull
 * request does not control, through the GitHub contents API (else `git show <base>:<path>` in
 * the workspace). A configuration in the pull request's own tree is then never used.
 */



/** Thrown when the base configuration cannot be read at all: the run must not fall back to the PR's. */
class BaseConfigError extends Error {
    name = 'InputError';
}
const run = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
async function readBaseConfig(opts) {
    const file = opts.file.replace(/^\.\//, '');
    if (file.startsWith('/') || file.split('/').includes('..'))
        throw new BaseConfigError(`input config: with config-ref: base, give a path inside the repository, not ${opts.file}`);
    const reasons = [];
    if (opts.client) {
        try {
            const data = await (0,_pr_client_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)(opts.client, 'GET /repos/{owner}/{repo}/contents/{path}', { owner: opts.owner, repo: opts.repo, path: file, ref: opts.sha });
            if (data?.type !== 'file' || typeof data.content !== 'string')
                throw new BaseConfigError(`input config: ${file} at the base commit is not a file`);
            const text = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
            return { text, file, sha: opts.sha, via: 'api' };
        }
        catch (e) {
            if (e instanceof BaseConfigError)
                throw e;
            if ((0,_pr_client_js__WEBPACK_IMPORTED_MODULE_2__/* .httpError */ .p2)(e)?.status === 404)
                return { file, sha: opts.sha, via: 'api' };
            reasons.push(`GitHub API: ${(0,_pr_client_js__WEBPACK_IMPORTED_MODULE_2__/* .httpError */ .p2)(e)?.status ?? e.name}`);
        }
    }
    try {
        const { stdout } = await run('git', ['show', `${opts.sha}:${file}`], {
            cwd: opts.workspace,
            maxBuffer: 4 * 1024 * 1024,
        });
        return { text: stdout, file, sha: opts.sha, via: 'git' };
    }
    catch (e) {
        const stderr = String(e.stderr ?? '');
        if (/does not exist in|exists on disk, but not in/.test(stderr))
            return { file, sha: opts.sha, via: 'git' };
        reasons.push(/unknown revision|bad object|invalid object/.test(stderr)
            ? 'git: the base commit is not in the checkout (fetch-depth: 0, or give github-token)'
            : `git: ${e.code ?? 'failed'}`);
    }
    throw new BaseConfigError(`input config: cannot read ${file} at the base commit ${opts.sha.slice(0, 7)} (${reasons.join('; ')})`);
}


/***/ })

};
