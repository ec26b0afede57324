import { fileAccess } from "#file-access";
import { SESSION_ERROR_CODES, sessionError } from "../errors.ts";

/**
 * Synchronous file access the main entry uses when a method is given a path. Which
 * implementation a build gets is chosen by the package's `imports` map (`#file-access`): Node
 * (condition `node`) gets `nodeFileAccess.ts`, browsers and bundlers `noFileAccess.ts`, so the
 * browser build imports no `node:` module and no side-effect import is needed
 * (session-semantics §8.2).
 */
export interface FilePort {
  readBytes(path: string): Uint8Array;
  writeBytesAtomic(path: string, bytes: Uint8Array): void;
  exists(path: string): boolean;
}

/** This build's file access, or an error saying that paths need Node. */
export function filePort(what: string): FilePort {
  if (fileAccess === null) {
    throw sessionError(
      SESSION_ERROR_CODES.INVALID_ARGUMENT,
      `${what} got a path, but this build has no file access (paths work only in Node, where ` +
        '"@dyn/session" resolves to its Node build); pass bytes, or { text } for presets, instead',
    );
  }
  return fileAccess;
}
