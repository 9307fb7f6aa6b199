#!/usr/bin/env node
// The `dan-y` command. Plain JavaScript that any Node can parse: the program
// itself is TypeScript that Node ≥ 24 runs directly. On an older Node (the
// system's, when called as `npx dan-y`), it re-runs itself with the Node the
// project pins (the `node` package in node_modules), or says what to install.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

var REQUIRED_MAJOR = 24;
var self = fileURLToPath(import.meta.url);
var root = join(dirname(self), "..");

function pinnedNode() {
  var candidates = [join(root, "node_modules", "node", "bin", "node"), join(root, "node_modules", ".bin", "node")];
  try {
    // Where npm put the `node` package when dan-y is itself installed as a dependency.
    candidates.push(join(dirname(createRequire(import.meta.url).resolve("node/package.json")), "bin", "node"));
  } catch (_) {}
  for (var i = 0; i < candidates.length; i++) if (existsSync(candidates[i])) return candidates[i];
  return undefined;
}

var major = Number(process.versions.node.split(".")[0]);
if (major < REQUIRED_MAJOR) {
  var pinned = process.env.DAN_Y_REEXEC ? undefined : pinnedNode();
  if (!pinned) {
    process.stderr.write(
      "Dân ý cần Node.js " + REQUIRED_MAJOR + " trở lên; máy đang chạy Node.js " + process.versions.node + ".\n" +
        "Hãy chạy npm ci trong thư mục dự án (cài Node.js " + REQUIRED_MAJOR + " kèm dự án), hoặc cài Node.js " + REQUIRED_MAJOR + " từ https://nodejs.org.\n",
    );
    process.exit(70);
  }
  var env = Object.assign({}, process.env, { DAN_Y_REEXEC: "1" });
  var result = spawnSync(pinned, [self].concat(process.argv.slice(2)), { stdio: "inherit", env: env });
  if (result.error) {
    process.stderr.write("Không chạy được " + pinned + ": " + result.error.message + "\n");
    process.exit(70);
  }
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status === null ? 70 : result.status);
} else {
  import("../src/cli/main.ts").then(
    function (program) {
      return program.runDanY(process.argv.slice(2)).then(function (code) {
        process.exitCode = code;
      });
    },
    function (error) {
      process.stderr.write("Lỗi nội bộ không mong đợi khi khởi động Dân ý. Hãy gửi thông báo dưới đây cho nhóm phát triển:\n" + (error && error.stack ? error.stack : String(error)) + "\n");
      process.exitCode = 70;
    },
  );
}
