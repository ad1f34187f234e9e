// Types for scripts/gen-model.mjs, which test/model/model.test.ts imports.
export const OUT: string;
export interface ModelEntry {
  kind: string;
  crd?: string;
  version?: string;
  swagger?: string;
  definition?: string;
  paths: string[];
}
export const MODEL: ModelEntry[];
export function generate(model?: ModelEntry[]): string;
