export const id = 385;
export const ids = [385];
export const modules = {

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


/***/ })

};
