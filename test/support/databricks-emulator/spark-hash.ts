/**
 * Spark's hash functions: `xxhash64` (XXH64) and `hash` (Murmur3 x86 32-bit, with Spark's own handling of
 * trailing bytes), both seeded with 42. As Spark's InterpretedHashFunction does, a value is hashed by its
 * type — an int as 4 bytes, a bigint, double, timestamp and short decimal as 8, a string as its UTF-8
 * bytes, a long decimal as its unscaled two's-complement bytes — and every argument is hashed with the hash
 * of the ones before it as its seed; a NULL leaves the running hash unchanged. They run in DuckDB as
 * JavaScript scalar functions that see each argument's type.
 */
import { BIGINT, DuckDBScalarFunction, DuckDBTypeId, INTEGER, ANY, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

const MASK64 = (1n << 64n) - 1n;
const MASK32 = 0xffffffffn;
const SEED = 42n;

// ---- XXH64 ----

const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

const mul64 = (a: bigint, b: bigint) => (a * b) & MASK64;
const add64 = (a: bigint, b: bigint) => (a + b) & MASK64;
const rotl64 = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & MASK64;

function xxAvalanche(hash: bigint): bigint {
  let h = hash;
  h ^= h >> 33n;
  h = mul64(h, P2);
  h ^= h >> 29n;
  h = mul64(h, P3);
  h ^= h >> 32n;
  return h;
}

const xxRound = (acc: bigint, input: bigint) => mul64(rotl64(add64(acc, mul64(input, P2)), 31n), P1);
const xxMerge = (hash: bigint, acc: bigint) => add64(mul64(hash ^ xxRound(0n, acc), P1), P4);

/** XXH64 of bytes, read little-endian; `seed` and the result are unsigned 64-bit. */
function xxhash64Bytes(bytes: Uint8Array, seed: bigint): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.length;
  let at = 0;
  let hash: bigint;
  if (length >= 32) {
    let v1 = add64(add64(seed, P1), P2);
    let v2 = add64(seed, P2);
    let v3 = seed;
    let v4 = (seed - P1) & MASK64;
    for (; at + 32 <= length; at += 32) {
      v1 = xxRound(v1, view.getBigUint64(at, true));
      v2 = xxRound(v2, view.getBigUint64(at + 8, true));
      v3 = xxRound(v3, view.getBigUint64(at + 16, true));
      v4 = xxRound(v4, view.getBigUint64(at + 24, true));
    }
    hash = add64(add64(rotl64(v1, 1n), rotl64(v2, 7n)), add64(rotl64(v3, 12n), rotl64(v4, 18n)));
    for (const v of [v1, v2, v3, v4]) hash = xxMerge(hash, v);
  } else {
    hash = add64(seed, P5);
  }
  hash = add64(hash, BigInt(length));
  for (; at + 8 <= length; at += 8) hash = add64(mul64(rotl64(hash ^ xxRound(0n, view.getBigUint64(at, true)), 27n), P1), P4);
  for (; at + 4 <= length; at += 4) hash = add64(mul64(rotl64(hash ^ mul64(BigInt(view.getUint32(at, true)), P1), 23n), P2), P3);
  for (; at < length; at++) hash = mul64(rotl64(hash ^ mul64(BigInt(bytes[at]), P5), 11n), P1);
  return xxAvalanche(hash);
}

// ---- Murmur3 x86 32 ----

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const rotl32 = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) | 0;
const mixK1 = (k: number) => Math.imul(rotl32(Math.imul(k, C1), 15), C2);
const mixH1 = (h: number, k: number) => (Math.imul(rotl32(h ^ k, 13), 5) + 0xe6546b64) | 0;

function murmurFinal(hash: number, length: number): number {
  let h = hash ^ length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Spark's Murmur3_x86_32.hashUnsafeBytes: whole 4-byte words, then each trailing byte mixed in as an int of its own. */
function murmur3Bytes(bytes: Uint8Array, seed: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const aligned = bytes.length - (bytes.length % 4);
  let h = seed;
  for (let at = 0; at < aligned; at += 4) h = mixH1(h, mixK1(view.getInt32(at, true)));
  for (let at = aligned; at < bytes.length; at++) h = mixH1(h, mixK1(view.getInt8(at)));
  return murmurFinal(h, bytes.length);
}

// ---- one algorithm, Spark's hashing of typed values ----

/** What Spark's hash functions differ in: how they hash 4-byte ints, 8-byte longs and bytes. */
interface HashAlgorithm {
  hashInt(value: number, seed: bigint): bigint;
  hashLong(value: bigint, seed: bigint): bigint;
  hashBytes(bytes: Uint8Array, seed: bigint): bigint;
}

const intBytes = (value: number) => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return bytes;
};
const longBytes = (value: bigint) => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt.asIntN(64, value), true);
  return bytes;
};

const XXHASH64: HashAlgorithm = {
  hashInt: (value, seed) => xxhash64Bytes(intBytes(value), seed),
  hashLong: (value, seed) => xxhash64Bytes(longBytes(value), seed),
  hashBytes: (bytes, seed) => xxhash64Bytes(bytes, seed),
};

// Murmur3 seeds and hashes are 32-bit ints, carried here as unsigned 64-bit like XXH64's.
const toSeed32 = (seed: bigint) => Number(BigInt.asIntN(32, seed));
const fromHash32 = (hash: number) => BigInt.asUintN(64, BigInt(hash));
const MURMUR3: HashAlgorithm = {
  hashInt: (value, seed) => fromHash32(murmurFinal(mixH1(toSeed32(seed), mixK1(value)), 4)),
  hashLong: (value, seed) => {
    const low = Number(BigInt.asIntN(32, value));
    const high = Number(BigInt.asIntN(32, value >> 32n));
    return fromHash32(murmurFinal(mixH1(mixH1(toSeed32(seed), mixK1(low)), mixK1(high)), 8));
  },
  hashBytes: (bytes, seed) => fromHash32(murmur3Bytes(bytes, toSeed32(seed))),
};

/** java.math.BigInteger.toByteArray: the shortest big-endian two's complement. */
function twosComplementBytes(value: bigint): Uint8Array {
  let bits = 8;
  while (value < -(1n << BigInt(bits - 1)) || value >= 1n << BigInt(bits - 1)) bits += 8;
  const unsigned = BigInt.asUintN(bits, value);
  const bytes = new Uint8Array(bits / 8);
  for (let i = 0; i < bytes.length; i++) bytes[bytes.length - 1 - i] = Number((unsigned >> BigInt(8 * i)) & 0xffn);
  return bytes;
}

const encoder = new TextEncoder();
const doubleBits = (value: number) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Number.isNaN(value) ? NaN : value);
  return view.getBigInt64(0);
};
const floatBits = (value: number) => {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, Number.isNaN(value) ? NaN : value);
  return view.getInt32(0);
};

interface TypeShape {
  typeId: DuckDBTypeId;
  width?: number;
  valueType?: DuckDBType;
  entryTypes?: readonly DuckDBType[];
  entryNames?: readonly string[];
}

/** Spark's hash of one value of a type, with `seed` the hash so far. */
function hashValue(algorithm: HashAlgorithm, value: DuckDBValue, type: DuckDBType, seed: bigint): bigint {
  if (value === null) return seed;
  const shape = type as unknown as TypeShape;
  const v = value as unknown as Record<string, unknown>;
  switch (shape.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return algorithm.hashInt(value ? 1 : 0, seed);
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return algorithm.hashInt(Number(value), seed);
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.HUGEINT:
      // DuckDB's 128-bit integers are sums and counts, BIGINT to clients (result-set.ts).
      return algorithm.hashLong(BigInt(value as bigint | number), seed);
    case DuckDBTypeId.FLOAT:
      return algorithm.hashInt(value === 0 ? 0 : floatBits(Number(value)), seed);
    case DuckDBTypeId.DOUBLE:
      // -0.0 hashes as 0.0, every NaN as the one canonical NaN.
      return algorithm.hashLong(value === 0 ? 0n : doubleBits(Number(value)), seed);
    case DuckDBTypeId.DECIMAL: {
      const unscaled = v.value as bigint;
      return (shape.width ?? 38) <= 18 ? algorithm.hashLong(unscaled, seed) : algorithm.hashBytes(twosComplementBytes(unscaled), seed);
    }
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
      // Shown to clients as decimal(20,0) or decimal(38,0): hashed as those.
      return algorithm.hashBytes(twosComplementBytes(BigInt(value as bigint)), seed);
    case DuckDBTypeId.DATE:
      return algorithm.hashInt(v.days as number, seed);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return algorithm.hashLong(v.micros as bigint, seed);
    case DuckDBTypeId.VARCHAR:
      return algorithm.hashBytes(encoder.encode(String(value)), seed);
    case DuckDBTypeId.BLOB:
      return algorithm.hashBytes(v.bytes as Uint8Array, seed);
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return (v.items as DuckDBValue[]).reduce((hash: bigint, item) => hashValue(algorithm, item, shape.valueType!, hash), seed);
    case DuckDBTypeId.STRUCT: {
      const entries = v.entries as Record<string, DuckDBValue>;
      return shape.entryNames!.reduce((hash, name, index) => hashValue(algorithm, entries[name], shape.entryTypes![index], hash), seed);
    }
    case DuckDBTypeId.MAP:
      // Equal maps may list their entries in another order, so Spark refuses to hash them.
      throw new Error(
        '[DATATYPE_MISMATCH.HASH_MAP_TYPE] Cannot resolve the hash due to data type mismatch: Input to the function cannot contain elements of the "MAP" type. In Spark, same maps may have different hashcode, thus hash expressions are prohibited on "MAP" elements. SQLSTATE: 42K09',
      );
    default:
      throw new Error(`[DATATYPE_MISMATCH.HASH_MAP_TYPE] The emulator cannot hash a value of DuckDB type ${type.toString()}. SQLSTATE: 42K09`);
  }
}

/** Spark's xxhash64(values…) as a signed bigint, for values with their DuckDB types. */
export function sparkXxhash64(values: Array<{ value: DuckDBValue; type: DuckDBType }>): bigint {
  return BigInt.asIntN(64, values.reduce((hash, { value, type }) => hashValue(XXHASH64, value, type, hash), SEED));
}

/** Spark's hash(values…) (Murmur3) as a signed int. */
export function sparkMurmur3(values: Array<{ value: DuckDBValue; type: DuckDBType }>): number {
  return Number(BigInt.asIntN(32, values.reduce((hash, { value, type }) => hashValue(MURMUR3, value, type, hash), SEED)));
}

/** DuckDB names of the scalar functions the translations of `xxhash64` and `hash` call. */
export const HASH_FUNCTIONS = { xxhash64: '__sluice_spark_xxhash64', hash: '__sluice_spark_hash' } as const;

/** Registers the hash functions in the DuckDB database of `connection` (every connection of it sees them). */
export function registerSparkHashFunctions(connection: DuckDBConnection): void {
  const register = (name: string, returnType: DuckDBType, compute: (values: Array<{ value: DuckDBValue; type: DuckDBType }>) => bigint | number) =>
    connection.registerScalarFunction(
      DuckDBScalarFunction.create({
        name,
        returnType,
        varArgsType: ANY,
        // NULL arguments reach the function: Spark skips them instead of answering NULL.
        specialHandling: true,
        mainFunction: (info, chunk, output) => {
          try {
            const columns = Array.from({ length: chunk.columnCount }, (_, index) => chunk.getColumnVector(index));
            for (let row = 0; row < chunk.rowCount; row++) {
              (output as { setItem(index: number, value: unknown): void }).setItem(row, compute(columns.map((column) => ({ value: column.getItem(row), type: column.type }))));
            }
            output.flush();
          } catch (error) {
            info.setError((error as Error).message);
          }
        },
      }),
    );
  register(HASH_FUNCTIONS.xxhash64, BIGINT, sparkXxhash64);
  register(HASH_FUNCTIONS.hash, INTEGER, sparkMurmur3);
}
