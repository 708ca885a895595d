/**
 * Result sets in the shape the driver reads from a SQL warehouse: a Thrift `TTableSchema`, an Arrow IPC
 * schema, and Arrow record batches (ARROW_BASED_SET) with native Arrow types — Int64 for bigint,
 * Decimal128 for decimal, Timestamp for timestamp — so that `preserveBigNumericPrecision` gets exact
 * values, as it would from Databricks.
 */
import { arrow, thriftTypes } from './driver-modules.js';
import type { Cell, ResultColumn } from './result-set.js';

type ArrowType = InstanceType<typeof arrow.DataType>;

interface WireType {
  typeId: string;
  arrowType(): ArrowType;
}

const WIRE_TYPES: Record<string, WireType> = {
  boolean: { typeId: 'BOOLEAN_TYPE', arrowType: () => new arrow.Bool() },
  tinyint: { typeId: 'TINYINT_TYPE', arrowType: () => new arrow.Int8() },
  smallint: { typeId: 'SMALLINT_TYPE', arrowType: () => new arrow.Int16() },
  int: { typeId: 'INT_TYPE', arrowType: () => new arrow.Int32() },
  bigint: { typeId: 'BIGINT_TYPE', arrowType: () => new arrow.Int64() },
  float: { typeId: 'FLOAT_TYPE', arrowType: () => new arrow.Float32() },
  double: { typeId: 'DOUBLE_TYPE', arrowType: () => new arrow.Float64() },
  string: { typeId: 'STRING_TYPE', arrowType: () => new arrow.Utf8() },
  binary: { typeId: 'BINARY_TYPE', arrowType: () => new arrow.Binary() },
  date: { typeId: 'DATE_TYPE', arrowType: () => new arrow.DateDay() },
  timestamp: { typeId: 'TIMESTAMP_TYPE', arrowType: () => new arrow.TimestampMicrosecond('Etc/UTC') },
};

function decimalParts(type: string): { precision: number; scale: number } | undefined {
  const match = /^decimal\((\d+),(\d+)\)$/.exec(type);
  return match ? { precision: Number(match[1]), scale: Number(match[2]) } : undefined;
}

/** The Thrift schema of a result: names, positions and type ids (with precision and scale for decimals). */
export function thriftSchema(columns: ResultColumn[]): object {
  return {
    columns: columns.map((column, index) => {
      const decimal = decimalParts(column.type);
      const primitiveEntry = decimal
        ? {
            type: thriftTypes.TTypeId.DECIMAL_TYPE,
            typeQualifiers: { qualifiers: { precision: { i32Value: decimal.precision }, scale: { i32Value: decimal.scale } } },
          }
        : { type: thriftTypes.TTypeId[(WIRE_TYPES[column.type] ?? WIRE_TYPES.string).typeId] };
      return { columnName: column.name, typeDesc: { types: [{ primitiveEntry }] }, position: index + 1, comment: '' };
    }),
  };
}

function arrowTypeOf(type: string): ArrowType {
  const decimal = decimalParts(type);
  if (decimal) return new arrow.Decimal(decimal.scale, decimal.precision, 128);
  return (WIRE_TYPES[type] ?? WIRE_TYPES.string).arrowType();
}

function arrowSchema(columns: ResultColumn[]) {
  return new arrow.Schema(columns.map((column) => new arrow.Field(column.name, arrowTypeOf(column.type), true)));
}

/** The IPC schema message alone: what TGetResultSetMetadataResp.arrowSchema carries. */
export function arrowSchemaBytes(columns: ResultColumn[]): Buffer {
  const stream = arrow.tableToIPC(new arrow.Table(arrowSchema(columns)), 'stream');
  return Buffer.from(stream.subarray(0, firstMessageLength(stream)));
}

/** One record batch of `rows`, as IPC bytes that follow the schema message (and end the stream). */
export function arrowBatchBytes(columns: ResultColumn[], rows: Cell[][]): Buffer {
  const schema = arrowSchema(columns);
  const children = schema.fields.map((field, index) => columnData(field.type, rows.map((row) => row[index])));
  const data = arrow.makeData({ type: new arrow.Struct(schema.fields), length: rows.length, nullCount: 0, children });
  const batch = new arrow.RecordBatch(schema, data);
  const stream = arrow.tableToIPC(new arrow.Table([batch]), 'stream');
  return Buffer.from(stream.subarray(firstMessageLength(stream)));
}

// An IPC stream message starts with 0xFFFFFFFF and the metadata length; a schema message has no body.
function firstMessageLength(stream: Uint8Array): number {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  if (view.getUint32(0, true) !== 0xffffffff) throw new Error('Unexpected Arrow IPC framing');
  return 8 + view.getInt32(4, true);
}

function columnData(type: ArrowType, cells: Cell[]) {
  if (arrow.DataType.isDecimal(type)) return decimalData(type as InstanceType<typeof arrow.Decimal>, cells);
  const values = cells.map((cell) => {
    if (cell === null) return null;
    if (arrow.DataType.isDate(type)) return new Date(Number(cell) * 86400000);
    if (arrow.DataType.isTimestamp(type)) return Number(BigInt(cell as bigint) / 1000n);
    if (arrow.DataType.isInt(type) && (type as InstanceType<typeof arrow.Int>).bitWidth === 64) return BigInt(cell as bigint);
    return cell;
  });
  return arrow.vectorFromArray(values, type).data[0];
}

// Decimal128: four little-endian 32-bit words of the two's-complement unscaled value per cell.
function decimalData(type: InstanceType<typeof arrow.Decimal>, cells: Cell[]) {
  const words = new Uint32Array(cells.length * 4);
  const validity = new Uint8Array(Math.ceil(cells.length / 8));
  let nullCount = 0;
  cells.forEach((cell, index) => {
    if (cell === null) {
      nullCount++;
      return;
    }
    validity[index >> 3] |= 1 << (index & 7);
    let unscaled = BigInt.asUintN(128, unscaledValue(String(cell), type.scale));
    for (let word = 0; word < 4; word++) {
      words[index * 4 + word] = Number(unscaled & 0xffffffffn);
      unscaled >>= 32n;
    }
  });
  return arrow.makeData({ type, length: cells.length, nullCount, nullBitmap: validity, data: words });
}

/** `-12.3` at scale 2 → -1230n. */
function unscaledValue(text: string, scale: number): bigint {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new Error(`Not a decimal: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  const digits = `${whole || '0'}${fraction.padEnd(scale, '0').slice(0, scale)}`;
  const value = BigInt(digits);
  return sign ? -value : value;
}
