/**
 * One deadline for a whole verification (`--timeout`): every request, retry, backoff, watch and
 * rollout wait shares it, so a hanging or slow API cannot stretch a run past the time the user
 * gave. When it passes, the signal aborts with a ClusterError('timeout') saying so.
 */
import { ClusterError } from './client.ts';

export interface RunDeadline {
  /** Aborts at the deadline or when `parent` aborts. */
  signal: AbortSignal;
  /** Epoch ms of the deadline. */
  deadline: number;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

export function runDeadline(timeoutMs: number, parent?: AbortSignal): RunDeadline {
  const ac = new AbortController();
  const deadline = Date.now() + timeoutMs;
  const t = setTimeout(
    () =>
      ac.abort(
        new ClusterError(
          'timeout',
          `the verification did not finish within its timeout of ${seconds(timeoutMs)}; what was read by then is reported`,
        ),
      ),
    Math.max(0, timeoutMs),
  );
  // the deadline never keeps the process alive by itself
  t.unref?.();
  if (parent) {
    if (parent.aborted) ac.abort(parent.reason);
    else parent.addEventListener('abort', () => ac.abort(parent.reason), { once: true });
  }
  return { signal: ac.signal, deadline };
}
