/** Reads a content directory from disk into `ContentFile`s (the only IO of a check). */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { type ContentFile, MAX_FILE_BYTES } from "../core/content/load-content.ts";

/** `CONTENT_DIR` from the environment, else `content`. */
export function contentDir(): string {
  return process.env.CONTENT_DIR?.trim() || "content";
}

/** Display prefix for a content directory: relative to the working directory, ending in `/`. */
export function displayRoot(directory: string): string {
  const shown = relative(process.cwd(), directory).split(sep).join("/") || ".";
  return shown.endsWith("/") ? shown : `${shown}/`;
}

/**
 * Every file below the directory, sorted (hidden ones included: they are content
 * too, and wrong there), except a `.git` folder when the content directory is a
 * repository of its own. `skipTopFolders` leaves out whole top-level folders. A walk of our own: `readdirSync({ recursive: true })`
 * stats every entry and took 6× as long on 100k files (measured).
 */
export function listContentPaths(directory: string, skipTopFolders: readonly string[] = []): string[] {
  const found: string[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== ".git" && !(prefix === "" && skipTopFolders.includes(entry.name))) walk(join(folder, entry.name), path);
      } else found.push(path);
    }
  };
  walk(directory, "");
  return found.sort();
}

/** Reads the given relative paths lazily, one at a time; symlinks and oversized files are described, never read. */
export function* readContentFiles(directory: string, paths: readonly string[], root = displayRoot(directory)): Generator<ContentFile> {
  for (const path of paths) yield readContentFile(directory, root, path);
}

/**
 * Opens without following a symlink (O_NOFOLLOW fails with ELOOP on one), then
 * sizes and reads through the same descriptor: one system call fewer per file
 * than lstat + readFile, and no window between the check and the read.
 */
function readContentFile(directory: string, root: string, path: string): ContentFile {
  const absolute = join(directory, path);
  const display = `${root}${path}`;
  let descriptor: number;
  try {
    descriptor = openSync(absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOOP") throw error;
    return { relative: path, display, size: lstatSync(absolute).size, symlink: true };
  }
  try {
    const { size } = fstatSync(descriptor);
    if (size > MAX_FILE_BYTES) return { relative: path, display, size, symlink: false };
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const count = readSync(descriptor, bytes, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    return { relative: path, display, size, symlink: false, bytes: bytes.subarray(0, read) };
  } finally {
    closeSync(descriptor);
  }
}
