export const id = 123;
export const ids = [123];
export const modules = {

/***/ 3123:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runVerify: () => (/* binding */ runVerify)
/* harmony export */ });
async function runVerify(_inputs) {
    return { failure: 'mode: verify is not available in this version of kubeward yet' };
}


/***/ })

};
