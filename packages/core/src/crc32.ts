let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * zlib/ZIP CRC-32 of `data` as an unsigned 32-bit number. Pass the previous result as `seed` to
 * continue a running checksum over several chunks.
 *
 * @example
 * ```ts
 * import { crc32 } from "@dyn/core";
 * crc32(new TextEncoder().encode("123456789")); // 0xcbf43926
 * ```
 * @category utilities
 * @since 0.1.0
 */
export function crc32(data: Uint8Array, seed = 0): number {
  const t = crcTable();
  let c = (seed ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = (t[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * CRC-32 of the UTF-8 encoding of `text` (what `zlib.crc32(name.encode())` gives in Python).
 * @category utilities
 * @since 0.1.0
 */
export function crc32Utf8(text: string): number {
  return crc32(new TextEncoder().encode(text));
}
