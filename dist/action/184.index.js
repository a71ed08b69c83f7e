export const id = 184;
export const ids = [184];
export const modules = {

/***/ 77184:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubClient: () => (/* binding */ githubClient),
/* harmony export */   retryOptions: () => (/* binding */ retryOptions)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53385);
/**
 * Publishing to the pull request from the action: builds the Octokit client (loaded lazily: it is
 * the heaviest part of the bundle and unused outside pull requests) and turns missing permissions
 * into a clear notice instead of a failure.
 */

async function githubClient(token) {
    const { createGitHubClient } = await __webpack_require__.e(/* import() */ 891).then(__webpack_require__.bind(__webpack_require__, 891));
    const max = Number(process.env.KUBEWARD_RETRY_MAX_WAIT_MS);
    // per-attempt timeout; tests shorten it, nobody needs to raise it
    const timeout = Number(process.env.KUBEWARD_GITHUB_TIMEOUT_MS);
    return createGitHubClient({
        token,
        baseUrl: process.env.GITHUB_API_URL || undefined,
        userAgent: 'kubeward-action',
        ...(Number.isFinite(timeout) && timeout > 0 ? { requestTimeoutMs: timeout } : {}),
        ...(Number.isFinite(max) && max > 0 ? { maxRateLimitWaitMs: max, retryBaseMs: Math.min(1000, max / 10) } : {}),
        log: (m) => _log_js__WEBPACK_IMPORTED_MODULE_0__.log.info(m),
    });
}
function retryOptions() {
    const max = Number(process.env.KUBEWARD_RETRY_MAX_WAIT_MS);
    return {
        retries: 3,
        maxWaitMs: Number.isFinite(max) && max > 0 ? max : 60_000,
        log: (m) => _log_js__WEBPACK_IMPORTED_MODULE_0__.log.info(m),
    };
}


/***/ })

};
