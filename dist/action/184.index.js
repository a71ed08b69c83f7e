export const id = 184;
export const ids = [184];
export const modules = {

/***/ 77184:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubClient: () => (/* binding */ githubClient),
/* harmony export */   retryOptions: () => (/* binding */ retryOptions)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/**
 * Publishing to the pull request from the action: builds the Octokit client (loaded lazily: it is
 * the heaviest part of the bundle and unused outside pull requests) and turns missing permissions
 * into a clear notice instead of a failure.
 */

async function githubClient(token) {
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 92413));
    const octokit = getOctokit(token);
    return {
        request: (route, params) => octokit.request(route, params),
    };
}
function retryOptions() {
    const max = Number(process.env.KUBEWARD_RETRY_MAX_WAIT_MS);
    return {
        retries: 3,
        maxWaitMs: Number.isFinite(max) && max > 0 ? max : 60_000,
        log: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(m),
    };
}


/***/ })

};
