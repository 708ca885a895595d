/** `sluice run-operation MACRO --args '{…}'`: calls a macro against the target, as dbt's run-operation does. */
import { SluiceError, WarehouseConnectionError } from '../errors.js';
import { operationNode } from '../execute/run-hooks.js';
import { withWarehouse } from '../pipeline.js';
import { isRecord, parseYaml } from '../project/yaml-file.js';
import { describeTarget } from '../warehouse/connect.js';
import { WarehouseError } from '../warehouse/warehouse.js';
import { openCommand, type CommonOptions } from './commands.js';

export async function runOperationCommand(macro: string, options: CommonOptions & { args?: string }): Promise<number> {
  const args = options.args === undefined ? {} : parseYaml<unknown>(options.args, '--args').value;
  if (!isRecord(args)) throw new SluiceError('--args must be a YAML or JSON mapping of the macro\'s arguments', { hint: `e.g. --args '{table: orders, days: 7}'` });
  const { session, out } = openCommand(options);
  out(`Sluice run-operation ${macro} · project ${session.project.name} · target ${session.project.profile.targetName} (${describeTarget(session.project.profile.target)})`);
  session.renderer.command = 'run-operation';
  const node = operationNode(session.project, session.project.name, `${session.project.name}-run-operation-${macro}`);
  const fn = session.renderer.operationMacro(macro); // an unknown macro is bad usage: exit 2
  try {
    await withWarehouse(session, { out }, (warehouse) => session.renderer.runOperation(fn, args, node, { warehouse }));
  } catch (error) {
    // The macro ran and failed (a compiler error it raised, a statement the warehouse refused): exit 1, as dbt.
    if (error instanceof WarehouseError) {
      out(`Encountered an error while running operation: Database Error\n  ${error.message}`);
      return 1;
    }
    // A profile that cannot connect is bad input, as in every command.
    if (!(error instanceof SluiceError) || error instanceof WarehouseConnectionError) throw error;
    out(`Encountered an error while running operation: ${error.message}${error.where ? ` (${error.where})` : ''}`);
    return 1;
  }
  return 0;
}
