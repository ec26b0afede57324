/**
 * A defensive ZIP reader: parses the central directory (with zip64 records and extra fields) and
 * extracts one member at a time, with size limits, a bounded inflate and a CRC-32 check.
 */
import { crc32 } from "@dyn/core";
import type { NpzLimits } from "../limits.ts";
import { u16, u32, u64 } from "./bytes.ts";
import { fail, type Where } from "./fail.ts";
import { InflateOverflow, inflateInto } from "./flate.ts";

export const ZIP_LOCAL = 0x04034b50;
export const ZIP_CENTRAL = 0x02014b50;
export const ZIP_EOCD = 0x06054b50;
export const ZIP64_EOCD = 0x06064b50;
export const ZIP64_LOCATOR = 0x07064b50;
export const ZIP64_EXTRA_ID = 0x0001;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;

export interface ZipEntry {
  readonly name: string;
  readonly rawName: Uint8Array;
  readonly flags: number;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
  /** Archive offset of this entry's central directory record (for error messages). */
  readonly centralOffset: number;
}

/** Shared running total of bytes inflated through one archive. */
export interface InflateBudget {
  total: number;
}

const outOfBounds = (where: Where, what: string, offset: number) =>
  fail("ZIP_OUT_OF_BOUNDS", where, what, offset, "the archive is truncated or corrupt; re-create it");

/** Lists the central directory. Checks structure and member count; extracts nothing. */
export function readCentralDirectory(
  bytes: Uint8Array,
  limits: Required<NpzLimits>,
  where: Where,
): ZipEntry[] {
  const eocd = findEocd(bytes, where);
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  const disk = u16(bytes, eocd + 4);
  const cdDisk = u16(bytes, eocd + 6);
  let cdLimit = eocd;
  const locator = eocd - 20;
  if (locator >= 0 && u32(bytes, locator) === ZIP64_LOCATOR) {
    const z64 = u64(bytes, locator + 8);
    if (z64 + 56 > locator)
      throw outOfBounds(where, `zip64 end record offset ${z64} lies outside the archive`, locator + 8);
    if (u32(bytes, z64) !== ZIP64_EOCD) {
      throw fail(
        "ZIP_BAD_SIGNATURE",
        where,
        `no zip64 end record at the offset its locator names (${z64})`,
        z64,
        "the archive is corrupt; re-create it",
      );
    }
    count = u64(bytes, z64 + 32);
    cdSize = u64(bytes, z64 + 40);
    cdOffset = u64(bytes, z64 + 48);
    cdLimit = z64;
  } else if (disk !== 0 || cdDisk !== 0) {
    throw fail(
      "ZIP_MULTI_DISK",
      where,
      `archive spans several disks (disk ${disk}, directory on disk ${cdDisk})`,
      eocd + 4,
      "join the parts into one archive",
    );
  }
  if (count > limits.maxMembers) {
    throw fail(
      "NPZ_LIMIT_EXCEEDED",
      where,
      `archive lists ${count} members, above maxMembers (${limits.maxMembers})`,
      eocd,
      "raise limits.maxMembers if the file is trusted",
      { limit: "maxMembers", value: count },
    );
  }
  if (cdOffset + cdSize > cdLimit) {
    throw outOfBounds(
      where,
      `central directory [${cdOffset}, ${cdOffset + cdSize}) runs past its end record at ${cdLimit}`,
      eocd + 16,
    );
  }
  if (count * CENTRAL_SIZE > cdSize) {
    throw outOfBounds(
      where,
      `central directory of ${cdSize} bytes cannot hold the ${count} members it declares`,
      eocd + 10,
    );
  }
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  const end = cdOffset + cdSize;
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > end)
      throw outOfBounds(where, `central directory record ${i} runs past the directory end (${end})`, at);
    if (u32(bytes, at) !== ZIP_CENTRAL) {
      throw fail(
        "ZIP_BAD_SIGNATURE",
        where,
        `central directory record ${i} has signature 0x${u32(bytes, at).toString(16)}, expected 0x${ZIP_CENTRAL.toString(16)}`,
        at,
        "the archive is corrupt; re-create it",
      );
    }
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const crc = u32(bytes, at + 16);
    let compressedSize = u32(bytes, at + 20);
    let size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    let localHeaderOffset = u32(bytes, at + 42);
    const recordEnd = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (recordEnd > end)
      throw outOfBounds(
        where,
        `central directory record ${i} (name, extra, comment) runs past the directory end (${end})`,
        at,
      );
    const rawName = bytes.slice(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    const name = decodeName(rawName, flags);
    const memberWhere: Where = { ...where, member: name };
    // Zip64 extra field: 8-byte values for exactly the fields saturated at 0xFFFFFFFF, in this order.
    let extraAt = at + CENTRAL_SIZE + nameLength;
    const extraEnd = extraAt + extraLength;
    while (extraAt + 4 <= extraEnd) {
      const id = u16(bytes, extraAt);
      const len = u16(bytes, extraAt + 2);
      const dataEnd = extraAt + 4 + len;
      if (dataEnd > extraEnd)
        throw outOfBounds(memberWhere, `extra field 0x${id.toString(16)} runs past its record`, extraAt);
      if (id === ZIP64_EXTRA_ID) {
        let p = extraAt + 4;
        const take = (field: string): number => {
          if (p + 8 > dataEnd)
            throw outOfBounds(memberWhere, `zip64 extra field lacks the 8-byte ${field}`, p);
          const v = u64(bytes, p);
          p += 8;
          return v;
        };
        if (size === 0xffffffff) size = take("uncompressed size");
        if (compressedSize === 0xffffffff) compressedSize = take("compressed size");
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take("local header offset");
      }
      extraAt = dataEnd;
    }
    if (seen.has(name)) {
      throw fail(
        "ZIP_DUPLICATE_MEMBER",
        memberWhere,
        "two members share this name",
        at,
        "re-create the archive with unique names",
      );
    }
    seen.add(name);
    entries.push({
      name,
      rawName,
      flags,
      method,
      crc32: crc,
      compressedSize,
      size,
      localHeaderOffset,
      centralOffset: at,
    });
    at = recordEnd;
  }
  return entries;
}

function findEocd(bytes: Uint8Array, where: Where): number {
  const last = bytes.length - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (u32(bytes, at) === ZIP_EOCD && at + EOCD_SIZE + u16(bytes, at + 20) <= bytes.length) return at;
  }
  throw fail(
    "ZIP_NOT_A_ZIP",
    where,
    `no end-of-central-directory record in the last ${bytes.length - first} bytes (archive of ${bytes.length} bytes)`,
    Math.max(0, last),
    "pass a complete .npz/.zip file (it may be truncated)",
  );
}

/** Extracts one member (a new buffer), enforcing limits and verifying its CRC-32. */
export function extractEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: Required<NpzLimits>,
  budget: InflateBudget,
  where: Where,
): Uint8Array {
  const w: Where = { ...where, member: entry.name };
  if (entry.flags & FLAG_ENCRYPTED) {
    throw fail(
      "ZIP_ENCRYPTED",
      w,
      "member is encrypted",
      entry.centralOffset + 8,
      "decrypt the archive first; encrypted members are not supported",
    );
  }
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    throw fail(
      "ZIP_UNSUPPORTED_METHOD",
      w,
      `compression method ${entry.method} is not supported (only 0 STORED and 8 DEFLATE)`,
      entry.centralOffset + 10,
      "re-create the archive with numpy.savez or numpy.savez_compressed",
    );
  }
  if (entry.size > limits.maxMemberBytes) {
    throw fail(
      "NPZ_LIMIT_EXCEEDED",
      w,
      `member declares ${entry.size} uncompressed bytes, above maxMemberBytes (${limits.maxMemberBytes})`,
      entry.centralOffset + 24,
      "raise limits.maxMemberBytes if the file is trusted",
      { limit: "maxMemberBytes", value: entry.size },
    );
  }
  if (budget.total + entry.size > limits.maxTotalBytes) {
    throw fail(
      "NPZ_LIMIT_EXCEEDED",
      w,
      `reading this member would inflate ${budget.total + entry.size} bytes in total, above maxTotalBytes (${limits.maxTotalBytes})`,
      entry.centralOffset + 24,
      "raise limits.maxTotalBytes if the file is trusted",
      { limit: "maxTotalBytes", value: budget.total + entry.size },
    );
  }
  const at = entry.localHeaderOffset;
  if (at + LOCAL_SIZE > bytes.length)
    throw outOfBounds(
      w,
      `local header at ${at} lies outside the archive (${bytes.length} bytes)`,
      entry.centralOffset + 42,
    );
  if (u32(bytes, at) !== ZIP_LOCAL) {
    throw fail(
      "ZIP_BAD_SIGNATURE",
      w,
      `local header has signature 0x${u32(bytes, at).toString(16)}, expected 0x${ZIP_LOCAL.toString(16)}`,
      at,
      "the archive is corrupt; re-create it",
    );
  }
  const nameLength = u16(bytes, at + 26);
  const dataStart = at + LOCAL_SIZE + nameLength + u16(bytes, at + 28);
  const localName = bytes.subarray(at + LOCAL_SIZE, Math.min(bytes.length, at + LOCAL_SIZE + nameLength));
  if (!sameBytes(localName, entry.rawName)) {
    throw fail(
      "ZIP_BAD_SIGNATURE",
      w,
      "local header names a different file than the central directory",
      at + LOCAL_SIZE,
      "the archive is corrupt; re-create it",
    );
  }
  if (dataStart + entry.compressedSize > bytes.length) {
    throw outOfBounds(
      w,
      `member data [${dataStart}, ${dataStart + entry.compressedSize}) runs past the archive end (${bytes.length})`,
      dataStart,
    );
  }
  const input = bytes.subarray(dataStart, dataStart + entry.compressedSize);
  let out: Uint8Array;
  if (entry.method === METHOD_STORED) {
    if (entry.compressedSize !== entry.size) {
      throw fail(
        "ZIP_SIZE_MISMATCH",
        w,
        `stored member has compressed size ${entry.compressedSize} but size ${entry.size}`,
        entry.centralOffset + 20,
        "the archive is corrupt; re-create it",
      );
    }
    out = input.slice();
  } else {
    out = new Uint8Array(entry.size);
    let written: number;
    try {
      written = inflateInto(input, out);
    } catch (err) {
      if (err instanceof InflateOverflow) {
        throw fail(
          "ZIP_SIZE_MISMATCH",
          w,
          `member inflates past its declared size of ${entry.size} bytes (stopped there)`,
          dataStart,
          "the archive is corrupt or hostile (zip bomb); do not trust it",
          { declared: entry.size },
        );
      }
      const message = err instanceof Error ? err.message : String(err);
      throw fail(
        "ZIP_CORRUPT_DEFLATE",
        w,
        `invalid DEFLATE data (${message})`,
        dataStart,
        "the archive is corrupt; re-create it",
        {},
        err,
      );
    }
    if (written !== entry.size) {
      throw fail(
        "ZIP_SIZE_MISMATCH",
        w,
        `member inflates to ${written} bytes but declares ${entry.size}`,
        dataStart,
        "the archive is corrupt; re-create it",
        { declared: entry.size, actual: written },
      );
    }
  }
  budget.total += entry.size;
  const actual = crc32(out);
  if (actual !== entry.crc32) {
    throw fail(
      "ZIP_CRC_MISMATCH",
      w,
      `CRC-32 is 0x${hex8(actual)} but the directory declares 0x${hex8(entry.crc32)}`,
      dataStart,
      "the archive is corrupt; re-create it",
      { declared: entry.crc32, actual },
    );
  }
  return out;
}

const hex8 = (n: number) => n.toString(16).padStart(8, "0");

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Code page 437 for bytes 0x80–0xFF: the ZIP default for names without the UTF-8 flag. */
const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

function decodeName(raw: Uint8Array, flags: number): string {
  if (flags & FLAG_UTF8) return new TextDecoder("utf-8").decode(raw);
  let s = "";
  for (const b of raw) s += b < 0x80 ? String.fromCharCode(b) : (CP437_HIGH[b - 0x80] as string);
  return s;
}
