/** Reads a content directory from disk into `ContentFile`s (the only IO of a check). */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { type ContentFile, MAX_FILE_BYTES } from "../core/load-content.ts";

/** `CONTENT_DIR` from the environment, else `content`. */
export function contentDir(): string {
  return process.env.CONTENT_DIR?.trim() || "content";
}

/** Display prefix for a content directory: relative to the working directory, ending in `/`. */
export function displayRoot(directory: string): string {
  const shown = relative(process.cwd(), directory).split(sep).join("/") || ".";
  return shown.endsWith("/") ? shown : `${shown}/`;
}

/** Every file below the directory (hidden ones included: they are content too, and wrong there). */
export function listContentPaths(directory: string): string[] {
  const entries = readdirSync(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

/** Reads the given relative paths; symlinks and oversized files are described, never read. */
export function readContentFiles(directory: string, paths: readonly string[]): ContentFile[] {
  const root = displayRoot(directory);
  return paths.map((path) => {
    const absolute = join(directory, path);
    const display = `${root}${path}`;
    const stat = lstatSync(absolute);
    if (stat.isSymbolicLink()) return { relative: path, display, size: stat.size, symlink: true };
    if (stat.size > MAX_FILE_BYTES) return { relative: path, display, size: stat.size, symlink: false };
    return { relative: path, display, size: stat.size, symlink: false, bytes: readFileSync(absolute) };
  });
}
