/** Environment names and where an environment's relations live. */
import { describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { environmentName, environmentOfSchema, pullRequestEnvironment } from '../../src/plan/environment.js';
import { defaultSluiceConfig } from '../../src/project/sluice-config.js';

describe('environment names', () => {
  it('accepts pr_<n>, --pr n and other lower-case names', () => {
    expect(environmentName({ env: 'pr_7' })).toBe('pr_7');
    expect(environmentName({ pr: 7 })).toBe('pr_7');
    expect(environmentName({ env: 'nightly_check' })).toBe('nightly_check');
  });

  it.each(['PR-7', 'pr 7', 'pr;drop', 'pr_7__x', 'prod', ''])('rejects %p before any SQL is built', (name) => {
    expect(() => environmentName({ env: name })).toThrow(SluiceError);
  });

  it('rejects a pull request number that is not one', () => {
    expect(() => environmentName({ pr: '7a' })).toThrow('--pr must be a pull request number');
  });
});

describe('pull request environments', () => {
  it('map production schemas one to one, with a double underscore after the name', () => {
    const pr7 = pullRequestEnvironment('pr_7', defaultSluiceConfig());
    expect(pr7.relationFor({ schema: 'analytics_staging', identifier: 'orders' })).toEqual({ schema: 'sluice_pr_7__analytics_staging', identifier: 'orders' });
    expect(pr7.ownsSchema(undefined, 'sluice_pr_7__analytics_staging')).toBe(true);
    expect(pr7.ownsSchema(undefined, 'sluice_pr_70__analytics_staging')).toBe(false);
    expect(pr7.ownsSchema(undefined, 'analytics_staging')).toBe(false);
  });

  it('can live in another catalog', () => {
    const config = defaultSluiceConfig();
    config.environments.catalog = 'ci';
    const pr7 = pullRequestEnvironment('pr_7', config);
    expect(pr7.relationFor({ database: 'main_catalog', schema: 'analytics', identifier: 'x' })).toEqual({ database: 'ci', schema: 'sluice_pr_7__analytics', identifier: 'x' });
    expect(pr7.ownsSchema('main_catalog', 'sluice_pr_7__analytics')).toBe(false);
    expect(pr7.ownsSchema('ci', 'sluice_pr_7__analytics')).toBe(true);
  });

  it('tells which environment a schema belongs to, never the state schema', () => {
    const config = defaultSluiceConfig();
    expect(environmentOfSchema('sluice_pr_7__main', config)).toBe('pr_7');
    expect(environmentOfSchema('sluice_state', config)).toBeNull();
    expect(environmentOfSchema('main_analytics', config)).toBeNull();
  });
});
