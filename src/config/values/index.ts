// The one kit of flag-value parsers every command uses (issue 18 item 3): each returns a typed value or a typed
// problem; `must` throws it as a usage error, `Problems` collects them all for one report.
export { bad, must, ok, Problems, problemsError, type Parsed, type Problem } from './problem.js';
export { fitsTimer, goBool, goDuration, goDurationText, int, MAX_TIMER_MS, oneOf, quantity, storageClassName, STORAGE_CLASS_NAME, timerDuration, timerMs, type Quantity } from './scalars.js';
export { each, keyValueMap, keyValuePairs, repeatable, repeatableList } from './lists.js';
export { readableFile, writableFilePath } from './files.js';
