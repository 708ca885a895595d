/** Runs in every test file (jest's setupFilesAfterEnv): the project folders its tests made are removed after them. */
import { afterAll } from '@jest/globals';
import { rmSync } from 'node:fs';
import { createdProjects } from './project.js';

afterAll(() => {
  for (const dir of createdProjects.splice(0)) rmSync(dir, { recursive: true, force: true });
});
