/** sluice.yml: defaults when missing, values read, unknown keys warned about, bad values refused with a line. */
import { describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { loadSluiceConfig, parseDuration } from '../../src/project/sluice-config.js';
import type { Warning } from '../../src/project/types.js';
import { makeProject } from '../support/project.js';

describe('sluice.yml', () => {
  it('means the defaults when it is missing', () => {
    const config = loadSluiceConfig(makeProject({}), []);
    expect(config.environments.prefix).toBe('sluice_');
    expect(config.state.schema).toBe('sluice_state');
    expect(config.diff.samples).toBe(5);
    expect(config.file).toBeNull();
  });

  it('reads environments, state, promote and diff settings', () => {
    const dir = makeProject({
      'sluice.yml': 'environments:\n  prefix: ci_\n  ttl: 3d\nstate:\n  schema: deploy_state\npromote:\n  keep_versions: 3\n  lock_timeout: 90s\ndiff:\n  samples: false\n  sample_percent: 10\n  mask: [email, "^phone"]\n',
    });
    const warnings: Warning[] = [];
    const config = loadSluiceConfig(dir, warnings);
    expect(config.environments).toMatchObject({ prefix: 'ci_', ttlSeconds: 3 * 86_400 });
    expect(config.state.schema).toBe('deploy_state');
    expect(config.promote).toMatchObject({ keepVersions: 3, lockTimeoutSeconds: 90 });
    expect(config.diff.samples).toBe(0);
    expect(config.diff.samplePercent).toBe(10);
    expect(config.diff.maskPatterns.map((pattern) => pattern.test('customer_email'))).toEqual([true, false]);
    expect(warnings).toEqual([]);
  });

  it('warns about unknown sections and keys', () => {
    const warnings: Warning[] = [];
    loadSluiceConfig(makeProject({ 'sluice.yml': 'enviroments:\n  prefix: x_\npromote:\n  keep: 2\n' }), warnings);
    expect(warnings.map((warning) => [warning.message, warning.line])).toEqual([
      ["unknown section 'enviroments' in sluice.yml; it is ignored", 1],
      ["unknown key 'promote.keep' in sluice.yml; it is ignored", 4],
    ]);
  });

  it.each([
    ['environments:\n  prefix: "Bad-Prefix"\n', 2, 'environments.prefix must be lower-case'],
    ['promote:\n  lock_timeout: soon\n', 2, 'promote.lock_timeout must be a duration'],
    ['diff:\n  sample_percent: 0\n', 2, 'diff.sample_percent must be a number above 0'],
    ['diff:\n  mask: ["("]\n', 2, 'diff.mask has an invalid pattern'],
  ])('refuses %p with its line', (text, line, message) => {
    try {
      loadSluiceConfig(makeProject({ 'sluice.yml': text }), []);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(SluiceError);
      expect((error as SluiceError).message).toContain(message);
      expect((error as SluiceError).line).toBe(line);
      expect((error as SluiceError).file).toBe('sluice.yml');
    }
  });

  it('parses durations', () => {
    expect([parseDuration('90s'), parseDuration('10m'), parseDuration('12h'), parseDuration('7d'), parseDuration('2w'), parseDuration(30), parseDuration('soon')]).toEqual([90, 600, 43_200, 604_800, 1_209_600, 30, undefined]);
  });
});
