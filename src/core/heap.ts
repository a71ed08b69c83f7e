/**
 * The young-generation cap for verify and monitor. Verify keeps most of what it allocates (every
 * listed object stays in the inventory), so V8's scavenger sees a high survival rate and keeps
 * doubling the new space up to its maximum (3 x 32 MB on 64-bit): about 130 MB of peak RSS that
 * holds no data. Holding the new space at its initial size costs no measurable time (the retained
 * objects are promoted to the old generation either way) and keeps the peak near the live data.
 * The flag is read each time the new space would grow, so it can be set once the process runs
 * (unlike --max-semi-space-size). Process-wide: only the adapters' entry points call it, never the
 * core itself.
 */
import v8 from 'node:v8';

let applied = false;

export function limitYoungGeneration(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
