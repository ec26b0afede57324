import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";

/**
 * Synchronous file access the main entry uses when a method is given a path. `@dyn/session/node`
 * installs it; the main entry never imports a Node module itself (session-semantics §8.2).
 */
export interface FilePort {
  readBytes(path: string): Uint8Array;
  writeBytesAtomic(path: string, bytes: Uint8Array): void;
  exists(path: string): boolean;
}

let port: FilePort | null = null;

/** Installs the Node file access (called by `@dyn/session/node` when it loads). */
export function installFilePort(p: FilePort): void {
  port = p;
}

/** The installed file access, or an error explaining how to get one. */
export function filePort(what: string): FilePort {
  if (port === null) {
    throw sessionError(
      SESSION_ERROR_CODES.INVALID_ARGUMENT,
      `${what} got a path, but file access is only available in Node: import "@dyn/session/node" ` +
        "(its setup() or any of its exports) before passing paths, or pass bytes/text instead",
    );
  }
  return port;
}
