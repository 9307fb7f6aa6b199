/**
 * Which content files changed between two commits, relative to the content
 * directory, and whether the change can be checked alone: a change to shared
 * files (reference lists, units, bodies) or a deletion can break any other file,
 * so it asks for the whole check.
 */
import { realpathSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { classifyPath } from "../core/content/paths.ts";
import { RefusalError } from "../core/errors.ts";
import { changedPathsBetween, findRepositoryRoot, resolveCommit } from "./git.ts";

export type ChangedContent = { scope: "files"; paths: string[] } | { scope: "all"; reason: string };

export async function changedContent(contentDirectory: string, base: string, head: string): Promise<ChangedContent> {
  const absolute = realpathSync(resolve(contentDirectory));
  const root = await findRepositoryRoot(absolute);
  const [headOid, checkedOut] = await Promise.all([resolveCommit(root, head), resolveCommit(root, "HEAD")]);
  if (headOid !== checkedOut) {
    throw new RefusalError(`"${head}" không phải commit đang checkout (HEAD): hãy checkout "${head}" rồi chạy lại`);
  }
  const prefix = relative(root, absolute).split(sep).join("/");
  const inside = prefix === "" ? "" : `${prefix}/`;
  const paths: string[] = [];
  for (const change of await changedPathsBetween(root, base, head)) {
    if (!change.path.startsWith(inside)) continue;
    const path = change.path.slice(inside.length);
    if (change.change === "deleted") return { scope: "all", reason: `tệp ${path} đã bị xóa` };
    const kind = classifyPath(path).kind;
    if (kind !== "observation" && kind !== "report" && kind !== "unknown") return { scope: "all", reason: `tệp dùng chung ${path} đã thay đổi` };
    paths.push(path);
  }
  return { scope: "files", paths };
}
