/** A minimal ZIP writer: STORED or DEFLATE members, no zip64, fixed 1980-01-01 timestamps. */
import { crc32 } from "@dyn/core";
import { w16, w32 } from "./bytes.ts";
import { fail, type Where } from "./fail.ts";
import { type DeflateLevel, deflateRaw } from "./flate.ts";
import { METHOD_DEFLATE, METHOD_STORED, ZIP_CENTRAL, ZIP_EOCD, ZIP_LOCAL } from "./zipReader.ts";

/** Version 2.0: what DEFLATE needs, and what Python's zipfile writes. */
const VERSION = 20;
/** MS-DOS date of 1980-01-01 (the epoch), so output is deterministic. */
const DOS_DATE_EPOCH = 0x0021;
const FLAG_UTF8 = 0x0800;
const MAX_U32 = 0xffffffff;

export interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array;
}

export function writeZip(
  members: readonly ZipInput[],
  method: "deflate" | "store",
  level: DeflateLevel,
  where: Where,
): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const member of members) {
    const name = encoder.encode(member.name);
    const ascii = name.length === member.name.length;
    const flags = ascii ? 0 : FLAG_UTF8;
    const code = method === "store" ? METHOD_STORED : METHOD_DEFLATE;
    const body = code === METHOD_STORED ? member.data : deflateRaw(member.data, level);
    const crc = crc32(member.data);
    if (member.data.length >= MAX_U32 || body.length >= MAX_U32 || offset >= MAX_U32) {
      throw fail(
        "NPZ_LIMIT_EXCEEDED",
        { ...where, member: member.name },
        "archive would need zip64 (a member or offset of 4 GiB or more), which the writer does not emit",
        undefined,
        "split the data over several archives",
      );
    }
    const local = new Uint8Array(30 + name.length);
    w32(local, 0, ZIP_LOCAL);
    w16(local, 4, VERSION);
    w16(local, 6, flags);
    w16(local, 8, code);
    w16(local, 10, 0);
    w16(local, 12, DOS_DATE_EPOCH);
    w32(local, 14, crc);
    w32(local, 18, body.length);
    w32(local, 22, member.data.length);
    w16(local, 26, name.length);
    w16(local, 28, 0);
    local.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    w32(record, 0, ZIP_CENTRAL);
    w16(record, 4, VERSION);
    w16(record, 6, VERSION);
    w16(record, 8, flags);
    w16(record, 10, code);
    w16(record, 12, 0);
    w16(record, 14, DOS_DATE_EPOCH);
    w32(record, 16, crc);
    w32(record, 20, body.length);
    w32(record, 24, member.data.length);
    w16(record, 28, name.length);
    // extra length, comment length, disk, internal attributes: 0.
    w32(record, 38, 0x01800000); // external attributes: a regular file, mode 0600 (as Python writes).
    w32(record, 42, offset);
    record.set(name, 46);
    parts.push(local, body);
    central.push(record);
    offset += local.length + body.length;
  }
  if (members.length > 0xffff) {
    throw fail(
      "NPZ_LIMIT_EXCEEDED",
      where,
      `archive of ${members.length} members would need zip64, which the writer does not emit`,
      undefined,
      "write at most 65535 arrays per archive",
    );
  }
  let cdSize = 0;
  for (const r of central) cdSize += r.length;
  const eocd = new Uint8Array(22);
  w32(eocd, 0, ZIP_EOCD);
  w16(eocd, 8, members.length);
  w16(eocd, 10, members.length);
  w32(eocd, 12, cdSize);
  w32(eocd, 16, offset);
  const out = new Uint8Array(offset + cdSize + 22);
  let at = 0;
  for (const p of [...parts, ...central, eocd]) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
