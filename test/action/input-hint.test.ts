/**
 * The Action turns some project errors into hints about its own inputs. It recognizes them by their code,
 * so rewording a message cannot silently change what the Action tells its user.
 */
import { describe, expect, it } from '@jest/globals';
import { withInputHint } from '../../src/action/main.js';
import { SluiceError } from '../../src/errors.js';
import { readDatabricksProfile } from '../../src/warehouse/databricks/databricks-profile.js';

const hintOf = (error: SluiceError) => (withInputHint(error) as SluiceError).hint;

describe("the Action's input hints", () => {
  it('come from the error code and details, whatever the message says', () => {
    expect(hintOf(new SluiceError('Nothing here looks like a project', { code: 'no-project' }))).toMatch(/'project-dir' input/);
    expect(hintOf(new SluiceError('The token variable is empty', { code: 'env-var-unset', details: { variable: 'DATABRICKS_TOKEN' } }))).toMatch(/env: DATABRICKS_TOKEN: \$\{\{ secrets.DATABRICKS_TOKEN \}\}/);
    expect(hintOf(new SluiceError('Where is the warehouse?', { code: 'target-setting-missing', details: { key: 'http_path' } }))).toMatch(/'databricks-http-path' input/);
    // Without a code, a message that merely reads like one of those gets no input hint.
    expect(hintOf(new SluiceError("No dbt_project.yml in /somewhere"))).toBeUndefined();
  });

  it('are given to the errors Sluice raises for those problems', () => {
    const missing = (() => {
      try {
        readDatabricksProfile({ type: 'databricks', host: 'adb-1.azuredatabricks.net', token: 'x', schema: 's' });
      } catch (error) {
        return error as SluiceError;
      }
      return undefined;
    })();
    expect([missing?.code, missing?.details]).toEqual(['target-setting-missing', { key: 'http_path' }]);
    expect(hintOf(missing!)).toMatch(/'databricks-http-path' input/);
  });
});
