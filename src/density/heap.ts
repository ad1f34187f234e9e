// The heap growth of a density run with the embedded simulator. Its API servers and operators allocate fast (every
// request parsed, copied and serialized again), and V8 then lets the old generation grow to up to 4x what a full
// collection leaves alive before it collects again (v8/v8 src/heap/heap-controller.cc, MemoryController::
// MaxGrowingFactor: kHighFactor 4.0 when the heap may grow past 2 GiB, as on any host with 16 GiB or more):
// at 300 hosted clusters a ~180 MiB live heap stood in ~440 MiB of heap, most of the process's memory.
// --heap-growing-percent (read at every full collection, GrowingFactor) caps the factor at 1.5x. Measured with
// 300 clusters on a quiet machine (load 2-4): peak RSS 681 -> 417 MB, user CPU 40.4 -> 38.0 s (within the
// noise; under load 7, one run took 18 % more CPU); with 1,000: 1,121 -> 845 MB. The live heap is what it is:
// the simulator keeps every object it stores.
import { setFlagsFromString } from 'node:v8';

/** Full collections once the heap has grown by half over what the last one left alive (process-wide, all heaps). */
export const HEAP_GROWING_PERCENT = 50;

export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
