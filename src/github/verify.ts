/**
 * `mode: verify` of the action: owned by the live-verification engineer; this is a placeholder.
 * Contract: `runVerify(inputs)` is imported lazily by src/github/run.ts (so the Kubernetes client is
 * never loaded in scan mode) and returns `{ failure?: string }`; it may use @actions/core for
 * annotations, summary and outputs, and must not call core.setFailed (main.ts does, at the top).
 */
import type { ActionInputs } from './inputs.ts';

export async function runVerify(_inputs: ActionInputs): Promise<{ failure?: string }> {
  return { failure: 'mode: verify is not available in this version of kubeward yet' };
}
