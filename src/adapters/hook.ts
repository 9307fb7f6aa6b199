/**
 * The server side of the record: `dan-y hook install <kho-trần>` puts a
 * pre-receive hook into a bare repository served by `git http-backend` (Basic
 * authentication sets REMOTE_USER) or over SSH (the key's `authorized_keys` line
 * sets DAN_Y_ACCOUNT, or gitolite's GL_USER); the hook judges every push with
 * `judgePush` and refuses it whole, with Vietnamese reasons, when any update
 * breaks the rules.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { RefusalError } from "../core/errors.ts";
import { judgePush, type RefUpdate, refusalText, type UpdateVerdict } from "../core/trust/push-policy.ts";
import { NativeGitReader } from "./hook-git.ts";

/** The entry the installed hook runs. */
export const HOOK_ENTRY = resolve(import.meta.dirname, "hook-entry.ts");

/** The account a push comes from, as the server tells the hook. */
export function pushingAccount(env: NodeJS.ProcessEnv): string | undefined {
  return env.REMOTE_USER?.trim() || env.DAN_Y_ACCOUNT?.trim() || env.GL_USER?.trim() || undefined;
}

export function parseUpdates(stdin: string): RefUpdate[] {
  return stdin
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [old, next, ref] = line.split(" ") as [string, string, string];
      return { old, new: next, ref };
    });
}

/** Judges one push in the repository `gitdir` (the hook's working directory). */
export function runPreReceive(gitdir: string, stdin: string, env: NodeJS.ProcessEnv): { ok: boolean; text: string; verdicts: UpdateVerdict[] } {
  // The installed script passes the content folder (one git process fewer per push); the config says it otherwise.
  const contentPath = (env.DAN_Y_CONTENT_PATH ?? new NativeGitReader(gitdir, "").config("dan-y.contentPath") ?? "content").replace(/^\/|\/$/g, "");
  const prefix = contentPath ? `${contentPath}/` : "";
  const reader = new NativeGitReader(gitdir, prefix);
  const verdicts = judgePush({ reader, account: pushingAccount(env), prefix, main: reader.ref("refs/heads/main") }, parseUpdates(stdin));
  const ok = verdicts.every((verdict) => verdict.ok);
  return { ok, text: ok ? "" : refusalText(verdicts), verdicts };
}

/** The bundled hook program inside the server's repository (see `installHook`). */
export const HOOK_BUNDLE = "dan-y-pre-receive.mjs";

/**
 * Bundles the hook entry and everything it imports into one JavaScript file
 * (esbuild): a push then pays neither for stripping the types of a few hundred
 * TypeScript modules nor for resolving them, which was most of the hook's time
 * (0.44 s of CPU per push against 0.19 s bundled, measured). The bundle also
 * pins the rules the server enforces to the version that installed them: after
 * updating Dân ý, run `dan-y hook install` again.
 */
function bundleHook(outfile: string): void {
  // Loaded only here: the hook itself must not carry esbuild.
  const { buildSync } = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  buildSync({
    entryPoints: [HOOK_ENTRY],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    external: ["esbuild"],
    legalComments: "none",
    logLevel: "silent",
    // Some dependencies are CommonJS and call require().
    banner: { js: 'import { createRequire as __danYRequire } from "node:module"; const require = __danYRequire(import.meta.url);' },
  });
}

/**
 * Installs the hook: `hooks/pre-receive` runs the bundled hook program
 * (`hooks/dan-y-pre-receive.mjs`) with the Node that installs it;
 * `dan-y.contentPath` says where the content folder is.
 */
export function installHook(bareRepository: string, options: { contentPath?: string; node?: string } = {}): string {
  const gitdir = resolve(bareRepository);
  if (!existsSync(join(gitdir, "objects")) || !existsSync(join(gitdir, "refs"))) {
    throw new RefusalError(`${bareRepository} không phải kho Git trần (bare): cần thư mục có objects/ và refs/`);
  }
  const reader = new NativeGitReader(gitdir, "");
  if (reader.config("core.bare") !== "true")
    throw new RefusalError(`${bareRepository} không phải kho trần (core.bare = true): móc chỉ cài trên kho của máy chủ`);
  const node = options.node ?? process.execPath;
  mkdirSync(join(gitdir, "hooks"), { recursive: true });
  const hook = join(gitdir, "hooks", "pre-receive");
  const bundle = join(gitdir, "hooks", HOOK_BUNDLE);
  try {
    bundleHook(bundle);
  } catch (error) {
    throw new RefusalError(`Không đóng gói được móc kiểm tra vào ${bundle}: ${(error as Error).message}`);
  }
  const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
  const contentPath = options.contentPath ?? "content";
  writeFileSync(
    hook,
    `#!/bin/sh\n# Dân ý: kiểm tra mọi lần đẩy (ai duyệt, ai nộp, tệp của ai). Cài bởi dan-y hook install; đừng sửa tay (cài lại sau khi cập nhật Dân ý).\nDAN_Y_CONTENT_PATH=${quote(contentPath)} exec ${quote(node)} ${quote(bundle)}\n`,
  );
  chmodSync(hook, 0o755);
  setConfig(gitdir, "dan-y.contentPath", contentPath);
  return hook;
}

function setConfig(gitdir: string, key: string, value: string): void {
  const result = spawnSync("git", ["config", key, value], { cwd: gitdir, encoding: "utf8" });
  if (result.status !== 0) throw new RefusalError(`Không ghi được cấu hình ${key} của kho ${gitdir}: ${result.stderr.trim()}`);
}
