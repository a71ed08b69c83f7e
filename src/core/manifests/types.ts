import type { FieldPath, InputError, Location, ObjectRef, SkippedDocument } from '../model.ts';

export type JsonObject = { [key: string]: unknown };

/** The text of one YAML document, kept so positions, fixes and inline comments can be read lazily. */
export interface SourceDocument {
  file: string;
  /**
   * The whole file's text (shared by the file's documents). For files read by the loader it is
   * rebuilt on demand from the documents' own texts (a file is not kept twice): read `text` for
   * the document.
   */
  readonly fileText: string;
  /** Offset of the document's first character in fileText. */
  start: number;
  /** Offset just past the document's last character in fileText. */
  end: number;
  /** The document's text, `fileText.slice(start, end)`, when kept on its own. */
  text?: string;
  /** Line (1-based) and column (0-based) of `start` in the file, when `text` is set. */
  line?: number;
  column?: number;
  /** Does the file's text hold `needle`, without rebuilding it (when `text` is set)? */
  fileIncludes?(needle: string): boolean;
}

/** A Kubernetes object from a manifest or a live cluster. */
export interface K8sObject {
  /** The object as plain data. */
  data: JsonObject;
  ref: ObjectRef;
  origin: 'manifest' | 'live' | 'admission';
  /** File it came from ('<stdin>' for standard input); undefined for live objects. */
  file?: string;
  /** Where the object sits in its document: [] normally, ['items', 3] for a List item. */
  docPath: FieldPath;
  source?: SourceDocument;
  /**
   * Location of a field path (relative to the object): the field itself, or its nearest existing
   * parent when the field is missing. Undefined for live objects without a manifest.
   */
  locate?(path: FieldPath): Location | undefined;
}

/**
 * Why a file or document could not be used as Kubernetes objects, or (duplicate-key) was read with a
 * defect that must be reported. The engine turns each into a finding of an input rule
 * (`invalid-yaml`, `duplicate-key`); unread files (unreadable, too-large, binary) are also always
 * input errors (exit 2), and so is any problem whose input rule is turned off.
 */
export interface LoadProblem {
  kind: 'invalid-yaml' | 'helm-template' | 'unreadable' | 'too-large' | 'binary' | 'duplicate-key';
  file: string;
  line: number;
  column: number;
  message: string;
  /** The object the problem is about, when the document was read (duplicate-key). */
  object?: ObjectRef;
  /** Field path in that object (duplicate-key: the repeated key). */
  path?: FieldPath;
}

export interface Inventory {
  objects: K8sObject[];
  /** Files read (including ones that held no objects). */
  files: string[];
  skipped: SkippedDocument[];
  /** Documents that did not parse, Helm sources that need rendering first. */
  problems: LoadProblem[];
  /** Paths that could not be read at all (missing, permission denied, symlink loops ...). */
  errors: InputError[];
}

export interface LoadOptions {
  /** Files, directories (recursive), globs, or '-' for standard input. */
  paths: string[];
  /** Glob patterns (relative to cwd) a file must match, when given. */
  include?: string[];
  /** Glob patterns (relative to cwd) that drop a file. */
  exclude?: string[];
  cwd?: string;
  /**
   * Reads standard input; defaults to process.stdin. It may stop once it holds more than `maxBytes`
   * (the loader then reports standard input as too large).
   */
  readStdin?: (maxBytes: number) => Promise<string | Uint8Array>;
  /** Files (and standard input) larger than this are refused with a clear message. Default 32 MiB. */
  maxFileBytes?: number;
}
