/**
 * Runs in every test file (jest's setupFilesAfterEnv): the temp folders its tests made — makeProject's, and
 * any other a test adds to `createdProjects` — are removed after them, so a test run leaves nothing in os.tmpdir().
 */
import { afterAll } from '@jest/globals';
import { rmSync } from 'node:fs';
import { createdProjects } from './project.js';

afterAll(() => {
  for (const dir of createdProjects.splice(0)) rmSync(dir, { recursive: true, force: true });
});
