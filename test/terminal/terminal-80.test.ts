// The screens of test/terminal/screens.ts on a terminal of 80 columns.
import { terminalSuite } from './screens.js';

terminalSuite(80);
