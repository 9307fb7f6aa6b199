/**
 * `dan-y start` (and `npm start`): the workspace (bàn làm việc) and the internal
 * site at one address. Without `--content` it serves the bundled demo repository
 * in the state directory and prints the demo accounts.
 */
import type { Command } from "commander";
import { act, examples, todayOption, wholeNumber } from "../command-kit.ts";

interface StartOptions {
  port: number;
  host: string;
  state?: string;
  content?: string;
  today?: string;
}

/**
 * Settings the server process can only take when it starts (V8 reads its flags and glibc its
 * allocator settings once). A user's own value of each variable wins.
 */
export const SERVER_FLAGS = [
  // The record's loader collects once after reading the whole tree (record.ts).
  "--expose-gc",
  // V8's young generation grows to 2 × 64 MB on its own and stays so after the load; 2 × 32 MB cut RSS after a
  // 20-user load by a quarter (9.5k observations: 347 → 249 MB) at the same CPU time (16 MB: 226 MB).
  "--max-semi-space-size=32",
];
export const SERVER_ENV: Readonly<Record<string, string>> = {
  // Read once, when libuv's thread pool first starts: concurrent sends flush their objects and refs there,
  // and the disk groups flushes that arrive together (160 at once: 137 ms with 4 threads, 34 ms with 16).
  UV_THREADPOOL_SIZE: "16",
  // glibc's malloc arenas (up to 8 per core, taken by the pool's threads) kept freed memory resident: two arenas
  // cut the server's RSS after a 20-user load (5k observations: 298 → 244 MB) at the same CPU time.
  MALLOC_ARENA_MAX: "2",
};
const SETTLED = "DAN_Y_SERVER_SETTINGS";

/**
 * Replaces this process (same pid, same standard streams) by one started with
 * SERVER_FLAGS and SERVER_ENV, unless it has them. Where `process.execve` is
 * missing (Windows), the server runs without them.
 */
export function restartWithServerSettings(): void {
  if (process.env[SETTLED] === "1" || typeof process.execve !== "function") return;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  const flags = SERVER_FLAGS.filter((flag) => !given.some((arg) => arg.split("=")[0] === flag.split("=")[0]));
  const env: NodeJS.ProcessEnv = { ...SERVER_ENV, ...process.env, [SETTLED]: "1" };
  // Node says once that execve is experimental: not a message for the person starting the workspace.
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: never[]) => {
    if (!String(warning).includes("execve")) emitWarning.call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    process.execve(process.execPath, [process.execPath, ...process.execArgv, ...flags, ...process.argv.slice(1)], env as Record<string, string>);
  } catch {
    // The exec failed and this process is unchanged: serve without the settings.
  } finally {
    process.emitWarning = emitWarning;
  }
}

async function start(options: StartOptions): Promise<void> {
  restartWithServerSettings();
  for (const [name, value] of Object.entries(SERVER_ENV)) process.env[name] ??= value;
  const { startWorkspace } = await import("../../workspace/start.ts");
  const started = await startWorkspace({
    port: options.port,
    host: options.host,
    stateDir: options.state,
    content: options.content,
    today: options.today,
    // Benchmarks and tests that do not look at the site skip publishing it.
    noSite: process.env.DAN_Y_NO_SITE === "1",
  });
  await new Promise<void>((resolve) => {
    const stop = () => {
      console.log("Đang dừng bàn làm việc…");
      started.close().then(resolve);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

export function register(program: Command): void {
  const command = program
    .command("start")
    .description("Chạy bàn làm việc (ghi nhận, nộp, duyệt, theo dõi, báo cáo trên trình duyệt) và trang nội bộ tại cùng một địa chỉ.")
    .option("--port <số>", "cổng nghe", wholeNumber(0), Number(process.env.PORT ?? 4321))
    .option("--host <địa-chỉ>", "địa chỉ nghe (mặc định chỉ máy này; đặt sau proxy HTTPS khi dùng thật)", process.env.HOST ?? "127.0.0.1")
    .option("--state <thư-mục>", "thư mục trạng thái: tài khoản, phiên, kho mẫu (mặc định DAN_Y_STATE_DIR hoặc ~/.dan-y)")
    .option("--content <thư-mục>", "thư mục nội dung của kho cần phục vụ (mặc định: kho mẫu trong thư mục trạng thái)");
  todayOption(command).action(act(start));
  examples(command, [
    ["npx dan-y start", "chạy trên kho mẫu, in các tài khoản mẫu (npm start làm đúng việc này)"],
    [
      "npx dan-y start --content /srv/dan-y/kho/content --state /var/lib/dan-y --host 127.0.0.1 --port 8080",
      "chạy trên kho của tỉnh, chỉ nghe trên máy này, sau proxy HTTPS",
    ],
    ["npx dan-y start --today 2026-12-01", "chạy thử như thể hôm nay là 01/12/2026"],
  ]);
}
