// Reads a ZIP archive's central directory: the list of its parts with their sizes, as the archive
// declares them, and where each part's data starts. Nothing is unpacked here. Malformed input
// throws ZipFormatError. ZIP64 records are understood; multi-disk archives are not.

export type ZipPart = {
  name: string;
  /** 0 stored, 8 deflate; anything else cannot be read. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** The unpacked size the archive declares (which a crafted archive may understate). */
  size: number;
  /** Where the part's compressed bytes start. */
  dataOffset: number;
};

export class ZipFormatError extends Error {}

const END = 0x06054b50;
const END64_LOCATOR = 0x07064b50;
const END64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

export function readZipDirectory(bytes: Buffer): ZipPart[] {
  const end = findEnd(bytes);
  let count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  if (count === MAX16 || offset === MAX32) ({ count, offset } = readEnd64(bytes, end));
  const parts: ZipPart[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    need(bytes, at, 46);
    if (bytes.readUInt32LE(at) !== CENTRAL) throw new ZipFormatError('central directory entry expected');
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    need(bytes, at + 46, nameLength + extraLength);
    const sizes = {
      size: bytes.readUInt32LE(at + 24),
      compressedSize: bytes.readUInt32LE(at + 20),
      localOffset: bytes.readUInt32LE(at + 42),
    };
    readZip64Extra(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), sizes);
    parts.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      encrypted: (bytes.readUInt16LE(at + 8) & 1) === 1,
      compressedSize: sizes.compressedSize,
      size: sizes.size,
      dataOffset: dataOffset(bytes, sizes.localOffset, sizes.compressedSize),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

/** The end-of-central-directory record: the last 22 bytes, unless a comment (≤ 64 KB) follows it. */
function findEnd(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - MAX16);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === END) return at;
  }
  throw new ZipFormatError('no end of central directory');
}

function readEnd64(bytes: Buffer, end: number) {
  const locator = end - 20;
  if (locator < 0 || bytes.readUInt32LE(locator) !== END64_LOCATOR)
    throw new ZipFormatError('no ZIP64 locator');
  const record = safe(bytes.readBigUInt64LE(locator + 8));
  need(bytes, record, 56);
  if (bytes.readUInt32LE(record) !== END64) throw new ZipFormatError('no ZIP64 end record');
  return {
    count: safe(bytes.readBigUInt64LE(record + 32)),
    offset: safe(bytes.readBigUInt64LE(record + 48)),
  };
}

/** The ZIP64 extra field (id 1) holds, in this order, the 32-bit fields that overflowed. */
function readZip64Extra(extra: Buffer, sizes: { size: number; compressedSize: number; localOffset: number }) {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length)
          throw new ZipFormatError('short ZIP64 field');
        const value = safe(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (sizes.size === MAX32) sizes.size = next();
      if (sizes.compressedSize === MAX32) sizes.compressedSize = next();
      if (sizes.localOffset === MAX32) sizes.localOffset = next();
      return;
    }
    at += 4 + length;
  }
}

function dataOffset(bytes: Buffer, local: number, compressedSize: number): number {
  need(bytes, local, 30);
  if (bytes.readUInt32LE(local) !== LOCAL) throw new ZipFormatError('local header expected');
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  need(bytes, start, compressedSize);
  return start;
}

function need(bytes: Buffer, at: number, length: number) {
  if (at < 0 || at + length > bytes.length) throw new ZipFormatError('truncated archive');
}

function safe(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('size out of range');
  return Number(n);
}
