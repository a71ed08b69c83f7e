export const id = 891;
export const ids = [891];
export const modules = {

/***/ 891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient)
/* harmony export */ });
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84091);
/**
 * The GitHub REST client of both adapters (the action and the orb's `kubeward comment`):
 * @octokit/core with the retry and throttling plugins, loaded lazily (PR publishing only).
 *
 * - every HTTP attempt has its own timeout (a hung API costs one timeout, not 2 x 300 s);
 * - 5xx and network errors are retried with bounded backoff (@octokit/plugin-retry: 3 retries);
 * - primary and secondary rate limits wait for Retry-After / the reset when that is short, at most
 *   twice (@octokit/plugin-throttling), else the error reaches the caller;
 * - the token is sent only in the Authorization header and never appears in errors or logs.
 */

async function createGitHubClient(opts) {
    const [{ Octokit }, { retry }, { throttling }] = await Promise.all([
        __webpack_require__.e(/* import() */ 730).then(__webpack_require__.bind(__webpack_require__, 14730)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(735)]).then(__webpack_require__.bind(__webpack_require__, 49735)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(856)]).then(__webpack_require__.bind(__webpack_require__, 86856)),
    ]);
    const timeoutMs = opts.requestTimeoutMs ?? 30_000;
    const maxWaitS = (opts.maxRateLimitWaitMs ?? 60_000) / 1000;
    const baseFetch = opts.fetch ?? globalThis.fetch;
    // one timeout per attempt (the retry plugin re-sends through this fetch)
    const timedFetch = (input, init) => {
        const t = AbortSignal.timeout(timeoutMs);
        return baseFetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, t]) : t });
    };
    const log = opts.log ?? (() => undefined);
    const onLimit = (what) => (retryAfter, options, _octokit, retryCount) => {
        if (retryCount >= 2 || retryAfter > maxWaitS)
            return false;
        log(`GitHub API ${what} (${options.method ?? ''} ${options.url ?? ''}): retrying in ${retryAfter} s`);
        return true;
    };
    const Client = Octokit.plugin(retry, throttling);
    const octokit = new Client({
        auth: opts.token,
        baseUrl: (opts.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
        userAgent: opts.userAgent ?? 'kubeward',
        request: { fetch: timedFetch },
        // rate limits (403/429) are the throttling plugin's: retried by both, one 429 cost two retries
        retry: {
            retries: opts.retries ?? 3,
            retryAfterBaseValue: opts.retryBaseMs ?? 1000,
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
        },
        throttle: {
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit'),
            // no clustering, no minimum spacing between writes beyond what GitHub asks for
            fallbackSecondaryRateRetryAfter: 10,
        },
        log: { debug: () => undefined, info: () => undefined, warn: (m) => log(m), error: () => undefined },
    });
    // An API that could not be reached after every retry is not tried again by later calls of the
    // same run: one unreachable API costs one backoff sequence, not one per call.
    let unreachable;
    return {
        managesRetries: true,
        request: async (route, params) => {
            for (let attempt = 0;; attempt++) {
                if (unreachable)
                    throw unreachable;
                try {
                    return (await octokit.request(route, params));
                }
                catch (e) {
                    if (isNetworkError(e))
                        unreachable = e;
                    // a plain 429 (no secondary-limit message, no exhausted quota) is left by the throttling
                    // plugin to the caller, and the retry plugin would ignore its Retry-After: waited here
                    const info = (0,_client_js__WEBPACK_IMPORTED_MODULE_0__/* .httpError */ .p2)(e);
                    const wait = info?.status === 429 ? (0,_client_js__WEBPACK_IMPORTED_MODULE_0__/* .rateLimitWait */ .hD)(info, attempt, opts.retryBaseMs ?? 1000) : undefined;
                    if (wait === undefined || attempt >= 2 || wait > maxWaitS * 1000)
                        throw e;
                    log(`GitHub API rate limit (HTTP 429): retrying in ${Math.ceil(wait / 1000)} s`);
                    await new Promise((r) => setTimeout(r, wait));
                }
            }
        },
    };
}
/** No HTTP answer at all (refused, reset, DNS, timeout): octokit reports it as a 500 without a response. */
function isNetworkError(e) {
    if (typeof e !== 'object' || e === null)
        return false;
    const err = e;
    return err.status === 500 && err.response === undefined;
}


/***/ })

};
