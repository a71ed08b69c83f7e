import type { Rule } from './types.ts';

export const rules: Rule[] = [];
