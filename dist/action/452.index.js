export const id = 452;
export const ids = [452];
export const modules = {

/***/ 27452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ loadManifests)
/* harmony export */ });
/* unused harmony exports DEFAULT_MAX_FILE_BYTES, STDIN_FILE, readStreamLimited */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(14006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(16085);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(62609);
/** Finds manifest files from paths, directories, globs and stdin, and parses them. */






const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** Larger files are refused with a message: real manifests top out around 4 MB. */
const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;
const STDIN_FILE = '<stdin>';
/** Directories never descended into. */
const SKIP_DIRS = new Set(['node_modules', '.git']);
/**
 * Reads a stream to its end, or stops once it holds more than `limit` bytes (what it returns is then
 * longer than `limit`, which the caller reports as too large). Memory stays bounded whatever is piped.
 */
async function readStreamLimited(stream, limit) {
    const chunks = [];
    let total = 0;
    for await (const c of stream) {
        const b = typeof c === 'string' ? Buffer.from(c) : c;
        chunks.push(b);
        total += b.length;
        if (total > limit)
            break; // leaving the loop destroys the stream
    }
    return Buffer.concat(chunks, Math.min(total, limit + 1));
}
function readAllStdin(limit) {
    return readStreamLimited(process.stdin, limit);
}
/** What a non-regular file is, for messages. */
function fileTypeName(st) {
    if (st.isFIFO())
        return 'a FIFO (named pipe)';
    if (st.isCharacterDevice())
        return 'a character device';
    if (st.isBlockDevice())
        return 'a block device';
    if (st.isSocket())
        return 'a socket';
    if (st.isDirectory())
        return 'a directory';
    return 'not a regular file';
}
const NOT_REGULAR = 'not a regular file, not read (only regular files are scanned)';
/**
 * Reads a regular file of at most `max` bytes. Opened non-blocking, then checked on the open
 * descriptor (no race with a swap after a stat): a FIFO, a device or a socket is never read, and a
 * file that grows past `max` while read is cut at `max + 1` bytes.
 */
function readRegularFile(f, max) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(f, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0));
    try {
        const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!st.isFile())
            return { notRegular: fileTypeName(st) };
        if (st.size > max)
            return { size: st.size };
        const buf = Buffer.allocUnsafe(Math.min(st.size, max) + 1);
        let n = 0;
        for (let r = 1; r > 0 && n < buf.length; n += r)
            r = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buf, n, buf.length - n, null);
        if (n > max)
            return { size: n };
        return { buf: buf.subarray(0, n) };
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
function isGlob(p) {
    return picomatch__WEBPACK_IMPORTED_MODULE_5___default().scan(p).isGlob;
}
function errCode(e) {
    const err = e;
    if (err.code === 'ENOENT')
        return 'no such file or directory';
    if (err.code === 'EACCES' || err.code === 'EPERM')
        return 'permission denied';
    if (err.code === 'ELOOP')
        return 'too many levels of symbolic links (symlink loop)';
    return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
}
/**
 * Loads manifests. Never throws for bad input: unreadable paths go to `errors`, documents that do
 * not parse to `problems` (reported as invalid-yaml findings), non-Kubernetes documents to `skipped`.
 */
async function loadManifests(opts) {
    const cwd = opts.cwd ?? process.cwd();
    const inv = { objects: [], files: [], skipped: [], problems: [], errors: [] };
    /** A linear-time matcher; a pattern that cannot be used is an input error and matches nothing. */
    const glob = (patterns, o, what) => {
        try {
            return (0,_glob_js__WEBPACK_IMPORTED_MODULE_3__/* .compileGlob */ .SO)(patterns, o);
        }
        catch (e) {
            inv.errors.push({ file: what, message: e.message });
            return () => false;
        }
    };
    const include = opts.include?.length ? glob(opts.include, { dot: true }, 'include') : undefined;
    const exclude = opts.exclude?.length ? glob(opts.exclude, { dot: true }, 'exclude') : undefined;
    const rel = (f) => {
        const r = node_path__WEBPACK_IMPORTED_MODULE_2___default().relative(cwd, f);
        return (r.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(r) ? f : r).split((node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)).join('/');
    };
    const filtered = (f) => {
        const r = rel(f);
        return (!include || include(r)) && !(exclude && exclude(r));
    };
    const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const tooLarge = (file, size, limit) => ({
        kind: 'too-large',
        file,
        line: 1,
        column: 1,
        message: `${file === STDIN_FILE ? 'standard input is' : `file is ${size},`} over the ${(limit / 1048576).toFixed(0)} MiB limit for one manifest file; not scanned (split it, or check that it is really a manifest)`,
    });
    /** Parses what was read, unless it is binary. */
    const readContent = (name, buf) => {
        if (buf.subarray(0, 8192).includes(0)) {
            inv.problems.push({
                kind: 'binary',
                file: name,
                line: 1,
                column: 1,
                message: 'binary file (contains NUL bytes), not a YAML or JSON manifest',
            });
            return;
        }
        const parsed = (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .parseManifestText */ .k_)(buf.toString('utf8'), name);
        for (const o of parsed.objects)
            inv.objects.push(o);
        for (const s of parsed.skipped)
            inv.skipped.push(s);
        for (const p of parsed.problems)
            inv.problems.push(p);
    };
    const files = [];
    const seenFiles = new Set();
    const addFile = (f) => {
        if (!seenFiles.has(f)) {
            seenFiles.add(f);
            files.push(f);
        }
    };
    /** Walks a directory; `visited` holds real paths on the current branch, to stop symlink loops. */
    async function walk(dir, visited, match) {
        let real;
        try {
            real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(dir);
        }
        catch (e) {
            inv.errors.push({ file: rel(dir), message: `cannot read directory: ${errCode(e)}` });
            return;
        }
        if (visited.has(real)) {
            inv.skipped.push({ file: rel(dir), line: 0, reason: 'symlink loop: directory already being scanned' });
            return;
        }
        let entries;
        try {
            entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir, { withFileTypes: true });
        }
        catch (e) {
            inv.errors.push({ file: rel(dir), message: `cannot read directory: ${errCode(e)}` });
            return;
        }
        const inner = new Set(visited).add(real);
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const ent of entries) {
            const full = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, ent.name);
            let isDir = ent.isDirectory();
            let isFile = ent.isFile();
            let kind = '';
            if (ent.isSymbolicLink()) {
                try {
                    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(full);
                    isDir = st.isDirectory();
                    isFile = st.isFile();
                    if (!isDir && !isFile)
                        kind = `a symbolic link to ${fileTypeName(st)}`;
                }
                catch (e) {
                    if (EXTENSIONS.has(node_path__WEBPACK_IMPORTED_MODULE_2___default().extname(ent.name).toLowerCase())) {
                        inv.errors.push({ file: rel(full), message: `cannot read: ${errCode(e)}` });
                    }
                    continue;
                }
            }
            else if (!isDir && !isFile) {
                kind = ent.isFIFO()
                    ? 'a FIFO (named pipe)'
                    : ent.isCharacterDevice()
                        ? 'a character device'
                        : ent.isBlockDevice()
                            ? 'a block device'
                            : ent.isSocket()
                                ? 'a socket'
                                : 'not a regular file';
            }
            if (isDir) {
                if (!SKIP_DIRS.has(ent.name))
                    await walk(full, inner, match);
            }
            else if (isFile && EXTENSIONS.has(node_path__WEBPACK_IMPORTED_MODULE_2___default().extname(ent.name).toLowerCase())) {
                if (filtered(full) && (!match || match(rel(full))))
                    addFile(full);
            }
            else if (!isFile && filtered(full) && (!match || match(rel(full)))) {
                // never read (it could block forever or never end), never ignored without a word: a
                // special file named like a manifest is an input error, any other is listed as skipped
                if (EXTENSIONS.has(node_path__WEBPACK_IMPORTED_MODULE_2___default().extname(ent.name).toLowerCase())) {
                    inv.errors.push({ file: rel(full), message: `${kind}: ${NOT_REGULAR}` });
                }
                else {
                    inv.skipped.push({ file: rel(full), line: 0, reason: `${kind}: ${NOT_REGULAR}` });
                }
            }
        }
    }
    for (const p of opts.paths) {
        if (p === '-') {
            let got;
            try {
                got = await (opts.readStdin ?? readAllStdin)(max);
            }
            catch (e) {
                inv.errors.push({ file: STDIN_FILE, message: `cannot read standard input: ${errCode(e)}` });
                continue;
            }
            // the same limits as a file: size, then binary content
            const buf = typeof got === 'string' ? Buffer.from(got, 'utf8') : Buffer.from(got.buffer, got.byteOffset, got.byteLength);
            inv.files.push(STDIN_FILE);
            if (buf.length > max) {
                inv.problems.push(tooLarge(STDIN_FILE, undefined, max));
                continue;
            }
            readContent(STDIN_FILE, buf);
            continue;
        }
        if (isGlob(p)) {
            const pattern = p.split((node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)).join('/');
            const scan = picomatch__WEBPACK_IMPORTED_MODULE_5___default().scan(pattern);
            const base = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(cwd, scan.base || '.');
            const absolute = node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(pattern);
            const m = glob([absolute ? pattern : pattern.replace(/^\.\//, '')], { dot: false }, p);
            const before = files.length;
            const baseIsDir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(base).then((st) => st.isDirectory(), () => false);
            if (baseIsDir)
                await walk(base, new Set(), (r) => m(absolute ? node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(cwd, r) : r));
            if (files.length === before)
                inv.errors.push({ file: p, message: 'no manifest files match this pattern' });
            continue;
        }
        const full = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(cwd, p);
        let st;
        try {
            st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(full);
        }
        catch (e) {
            inv.errors.push({ file: p, message: `cannot read: ${errCode(e)}` });
            continue;
        }
        if (st.isDirectory())
            await walk(full, new Set());
        else if (!st.isFile())
            inv.errors.push({ file: p, message: `${fileTypeName(st)}: ${NOT_REGULAR}` });
        else
            addFile(full); // a file named explicitly is read whatever its extension
    }
    for (const f of files) {
        const name = rel(f);
        let got;
        try {
            // synchronous on purpose: files are read one after the other and parsed at once, and an
            // await per file left the CPU idle for 13% of a corpus scan
            got = readRegularFile(f, max);
        }
        catch (e) {
            inv.errors.push({ file: name, message: `cannot read: ${errCode(e)}` });
            continue;
        }
        if ('notRegular' in got) {
            // replaced by a FIFO or device since the directory was listed
            inv.errors.push({ file: name, message: `${got.notRegular}: ${NOT_REGULAR}` });
            continue;
        }
        inv.files.push(name);
        if ('size' in got) {
            inv.problems.push(tooLarge(name, `${(got.size / 1048576).toFixed(1)} MiB`, max));
            continue;
        }
        readContent(name, got.buf);
    }
    return inv;
}


/***/ })

};
