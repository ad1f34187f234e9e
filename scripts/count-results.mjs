// Prints "N passed, N failed" from vitest's JSON reporter output (vitest prints no such line itself).
// A file that failed to load counts as a failure, so a broken suite never reads as green.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.tmp/vitest.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.log(`no test report at ${file}: ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
let failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// A file that failed with no failed test (it did not load, or a beforeAll hook failed and its tests were skipped).
const brokenFiles = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).every((a) => a.status !== 'failed'));
for (const r of brokenFiles) console.log(`suite failed to run: ${r.name}: ${(r.message ?? '').split('\n')[0]}`);
failed += brokenFiles.length;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
