// The one place tests find data files. Everything lives inside the repository (test/fixtures, and the shipped
// crds/ folder), so a clean clone runs the suite on its own; test/repo/self-contained.test.ts keeps it that way.
import { fileURLToPath } from 'node:url';

/** Real upstream CRDs, byte-for-byte, shipped with the package; crds/SOURCES.md names each file's origin. */
export const CRDS_DIR = fileURLToPath(new URL('../../crds/', import.meta.url));
