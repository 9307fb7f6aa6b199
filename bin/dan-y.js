#!/usr/bin/env node
// The `dan-y` command. Plain JavaScript that any Node able to load an ES module
// parses (no optional chaining, no top-level await): the program itself is
// TypeScript that Node ≥ 24 runs directly. On an older Node (the system's,
// when called as `npx dan-y`), it re-runs itself with the Node the project
// pins (the `node` package in node_modules), or says what to install.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as nodeModule from "node:module";
import { dirname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REQUIRED_MAJOR = 24;
const self = fileURLToPath(import.meta.url);
const root = join(dirname(self), "..");

function pinnedNode() {
  const candidates = [join(root, "node_modules", "node", "bin", "node"), join(root, "node_modules", ".bin", "node")];
  try {
    // Where npm put the `node` package when dan-y is itself installed as a dependency.
    candidates.push(join(dirname(nodeModule.createRequire(import.meta.url).resolve("node/package.json")), "bin", "node"));
  } catch (_) {
    // Not installed that way.
  }
  return candidates.find((candidate) => existsSync(candidate));
}

/** On an older Node: the pinned one runs the program, or the user learns what to install (exit 1: not a bug of ours). */
function reRunWithPinnedNode() {
  const pinned = process.env.DAN_Y_REEXEC ? undefined : pinnedNode();
  if (!pinned) {
    process.stderr.write(
      `Dân ý cần Node.js ${REQUIRED_MAJOR} trở lên; máy đang chạy Node.js ${process.versions.node}.\n` +
        `Hãy chạy npm ci trong thư mục dự án (cài kèm Node.js ${REQUIRED_MAJOR}), hoặc cài Node.js ${REQUIRED_MAJOR} từ https://nodejs.org.\n`,
    );
    process.exit(1);
  }
  const result = spawnSync(pinned, [self].concat(process.argv.slice(2)), { stdio: "inherit", env: Object.assign({}, process.env, { DAN_Y_REEXEC: "1" }) });
  if (result.error) {
    process.stderr.write(`Không chạy được ${pinned}: ${result.error.message}\n`);
    process.exit(1);
  }
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status === null ? 70 : result.status);
}

/**
 * Node strips TypeScript types, but not in files under node_modules: when
 * dan-y is installed as a package, its own .ts files are stripped by a load
 * hook instead (the same function Node uses), and that function's
 * "experimental" notice is not shown to users.
 */
function stripOwnTypeScriptUnderNodeModules() {
  if (!root.split(sep).includes("node_modules")) return;
  if (typeof nodeModule.registerHooks !== "function" || typeof nodeModule.stripTypeScriptTypes !== "function") return;
  const own = pathToFileURL(join(root, "/")).href;
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning, ...rest) => {
    if (String(warning).includes("stripTypeScriptTypes")) return;
    emitWarning.call(process, warning, ...rest);
  };
  nodeModule.registerHooks({
    load(url, context, nextLoad) {
      if (!url.startsWith(own) || !url.endsWith(".ts") || url.slice(own.length).startsWith("node_modules/")) return nextLoad(url, context);
      const source = nodeModule.stripTypeScriptTypes(readFileSync(fileURLToPath(url), "utf8"));
      return { format: "module", source, shortCircuit: true };
    },
  });
}

function run() {
  stripOwnTypeScriptUnderNodeModules();
  // Keeps compiled (and type-stripped) modules on disk between runs: half the start-up time of a command (measured).
  if (typeof nodeModule.enableCompileCache === "function" && !process.env.NODE_DISABLE_COMPILE_CACHE) nodeModule.enableCompileCache();
  // `dan-y --help | head`: a reader that stops early is not an error.
  process.stdout.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode || 0);
    throw error;
  });
  import("../src/cli/main.ts").then(
    (program) =>
      program.runDanY(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
      }),
    (error) => {
      // biome-ignore lint/complexity/useOptionalChain: an older Node must parse this file.
      const detail = error && error.stack ? error.stack : String(error);
      process.stderr.write(`Lỗi nội bộ không mong đợi khi khởi động Dân ý. Hãy gửi thông báo dưới đây cho nhóm phát triển:\n${detail}\n`);
      process.exitCode = 70;
    },
  );
}

if (Number(process.versions.node.split(".")[0]) < REQUIRED_MAJOR) reRunWithPinnedNode();
else run();
