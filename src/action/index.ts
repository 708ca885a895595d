/** The Action's entry point (bundled into dist/index.js): everything is in main.ts. */
import { run } from './main.js';

void run();
