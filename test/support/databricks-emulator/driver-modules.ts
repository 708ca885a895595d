/**
 * The wire code the emulator borrows from the installed `@databricks/sql`: the generated TCLIService
 * Thrift code it ships, and the `thrift` and `apache-arrow` libraries it depends on — resolved from the
 * driver's own folder so that both ends of the wire use the very same code and versions.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const driverRequire = createRequire(require.resolve('@databricks/sql'));

/** The generated TCLIService types (structs and enums), loosely typed: only what the emulator uses. */
export interface ThriftTypes {
  TStatusCode: Record<string, number>;
  TOperationState: Record<string, number>;
  TOperationType: Record<string, number>;
  TTypeId: Record<string, number>;
  TProtocolVersion: Record<string, number>;
  TSparkRowSetType: Record<string, number>;
  TFetchOrientation: Record<string, number>;
  TExecuteStatementReq: new () => { read(input: unknown): void; statement: string };
}

export const thriftTypes = driverRequire('../thrift/TCLIService_types.js') as ThriftTypes;

interface ThriftService {
  Processor: new (handler: object) => { process(input: unknown, output: unknown): void };
}
export const tcliService = driverRequire('../thrift/TCLIService.js') as ThriftService;

export interface ThriftProtocol {
  readMessageBegin(): { fname: string; mtype: number; rseqid: number };
  readStructBegin(): void;
  readFieldBegin(): { fname: string; ftype: number; fid: number };
}
interface ThriftRuntime {
  TBufferedTransport: {
    new (buffer: undefined, onFlush: (data: Buffer) => void): object;
    receiver(callback: (transport: object) => void, seqid?: number): (data: Buffer) => void;
  };
  TBinaryProtocol: new (transport: object) => ThriftProtocol;
}
export const thrift = driverRequire('thrift') as ThriftRuntime;

// The package's exports name no types for ESM; its CommonJS entry's types are the same API.
export type Arrow = typeof import('apache-arrow', { with: { 'resolution-mode': 'require' } });
export const arrow = driverRequire('apache-arrow') as Arrow;

/** The statement of an ExecuteStatement call whose message header was read already: its one argument is the request. */
export function readStatement(protocol: ThriftProtocol): string | undefined {
  protocol.readStructBegin();
  const field = protocol.readFieldBegin();
  if (field.fid !== 1) return undefined;
  const request = new thriftTypes.TExecuteStatementReq();
  request.read(protocol);
  return request.statement;
}
