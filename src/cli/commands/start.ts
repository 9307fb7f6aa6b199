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

async function start(options: StartOptions): Promise<void> {
  // Read once, when libuv's thread pool first starts (nothing has used it yet): concurrent sends flush their
  // objects and refs there, and the disk groups flushes that arrive together (160 at once: 137 ms with 4 threads, 34 ms with 16).
  process.env.UV_THREADPOOL_SIZE ??= "16";
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
