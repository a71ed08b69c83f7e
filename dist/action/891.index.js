export const id = 891;
export const ids = [891];
export const modules = {

/***/ 891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient)
/* harmony export */ });
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
        retry: { retries: opts.retries ?? 3, retryAfterBaseValue: opts.retryBaseMs ?? 1000 },
        throttle: {
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit'),
            // no clustering, no minimum spacing between writes beyond what GitHub asks for
            fallbackSecondaryRateRetryAfter: 10,
        },
        log: { debug: () => undefined, info: () => undefined, warn: (m) => log(m), error: () => undefined },
    });
    return {
        managesRetries: true,
        request: (route, params) => octokit.request(route, params),
    };
}


/***/ })

};
