// Writes zip files for tests, as Moodle's "download all submissions" does (or
// as a hostile one would): stored or deflated entries, data descriptors after
// the data (streamed zips), ZIP64 records, Unix modes (a symbolic link), any
// name (`../x`), and a declared size that lies.
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/grade/zip.js';

export interface ZipInput {
  name: string;
  data: Buffer | string;
  deflate?: boolean;
  /** A Unix mode for the entry (0o120777: a symbolic link). */
  mode?: number;
  /** The uncompressed size written in the directory instead of the real one. */
  declaredSize?: number;
}

export interface ZipOptions {
  /** ZIP64 end records and size fields, as streamed zips write them. */
  zip64?: boolean;
  /** Sizes and CRC after the data (general purpose bit 3). */
  dataDescriptors?: boolean;
}

const u16 = (value: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(value); return b; };
const u32 = (value: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(value >>> 0); return b; };
const u64 = (value: number) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(value)); return b; };

export const makeZip = (inputs: readonly ZipInput[], options: ZipOptions = {}): Buffer => {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const data = Buffer.isBuffer(input.data) ? input.data : Buffer.from(input.data);
    const body = input.deflate ? deflateRawSync(data) : data;
    const name = Buffer.from(input.name);
    const crc = crc32(data);
    const size = input.declaredSize ?? data.length;
    const flags = 0x0800 | (options.dataDescriptors ? 0x0008 : 0);
    const method = input.deflate ? 8 : 0;
    const big = options.zip64 === true;
    const extra = big ? Buffer.concat([u16(0x0001), u16(24), u64(size), u64(body.length), u64(offset)]) : Buffer.alloc(0);
    const local = Buffer.concat([
      u32(0x04034b50), u16(big ? 45 : 20), u16(flags), u16(method), u16(0), u16(0),
      u32(options.dataDescriptors ? 0 : crc), u32(options.dataDescriptors ? 0 : big ? 0xffffffff : body.length), u32(options.dataDescriptors ? 0 : big ? 0xffffffff : size),
      u16(name.length), u16(0), name,
    ]);
    const descriptor = options.dataDescriptors ? Buffer.concat([u32(0x08074b50), u32(crc), big ? u64(body.length) : u32(body.length), big ? u64(size) : u32(size)]) : Buffer.alloc(0);
    parts.push(local, body, descriptor);
    const madeBy = input.mode === undefined ? 20 : (3 << 8) | 20;
    central.push(Buffer.concat([
      u32(0x02014b50), u16(madeBy), u16(big ? 45 : 20), u16(flags), u16(method), u16(0), u16(0), u32(crc),
      u32(big ? 0xffffffff : body.length), u32(big ? 0xffffffff : size), u16(name.length), u16(extra.length), u16(0), u16(0), u16(0),
      u32(input.mode === undefined ? 0 : (input.mode << 16) >>> 0), u32(big ? 0xffffffff : offset), name, extra,
    ]));
    offset += local.length + body.length + descriptor.length;
  }
  const directory = Buffer.concat(central);
  const count = inputs.length;
  const tail: Buffer[] = [];
  if (options.zip64) {
    const recordAt = offset + directory.length;
    tail.push(Buffer.concat([u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(directory.length), u64(offset)]));
    tail.push(Buffer.concat([u32(0x07064b50), u32(0), u64(recordAt), u32(1)]));
    tail.push(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(0xffff), u16(0xffff), u32(0xffffffff), u32(0xffffffff), u16(0)]));
  } else {
    tail.push(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(directory.length), u32(offset), u16(0)]));
  }
  return Buffer.concat([...parts, directory, ...tail]);
};
