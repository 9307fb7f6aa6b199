/**
 * `dan-y accounts add|reset|disable <mã-đầu-mối>`: workspace accounts in the
 * state directory, for focal points of `content/bodies/`. Add and reset print a
 * one-time password, which must be replaced at the first sign-in.
 */
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";
import { EXIT, ExitError } from "../errors.ts";

interface AccountOptions {
  state?: string;
  content?: string;
}

async function store(options: AccountOptions) {
  if (options.state) process.env.DAN_Y_STATE_DIR = options.state;
  const { AccountStore, AccountError } = await import("../../workspace/accounts.ts");
  const { statePaths } = await import("../../workspace/state-dir.ts");
  return { accounts: new AccountStore(statePaths().accounts), AccountError, paths: statePaths() };
}

/** The focal point must exist in the data: an account for a made-up id would be a way in for nobody, or for anybody. */
async function focalPoint(id: string, options: AccountOptions) {
  const { contentDir, listContentPaths, readContentFiles } = await import("../../adapters/content-files.ts");
  const { loadContent } = await import("../../core/content/load-content.ts");
  const { findFocalPoint } = await import("../../core/units/jurisdiction.ts");
  const { join } = await import("node:path");
  const { statePaths } = await import("../../workspace/state-dir.ts");
  const { existsSync } = await import("node:fs");
  const demo = join(statePaths().demo, "content");
  const directory = options.content ?? (process.env.CONTENT_DIR ? contentDir() : existsSync(demo) ? demo : contentDir());
  const model = loadContent(readContentFiles(directory, listContentPaths(directory, ["observations", "reports"]))).model;
  const found = findFocalPoint(model, id);
  if (!found) throw new ExitError(`Không có đầu mối mã "${id}" trong ${directory}/bodies/`, EXIT.problems);
  return found;
}

function issue(reset: boolean) {
  return async (id: string, options: AccountOptions) => {
    if (options.state) process.env.DAN_Y_STATE_DIR = options.state;
    const person = await focalPoint(id, options);
    const { accounts, AccountError, paths } = await store(options);
    try {
      const password = await accounts.issue(id, { reset });
      console.log(`${reset ? "Đã cấp lại" : "Đã tạo"} tài khoản ${id} (${person.person.name}, ${person.body.id}) trong ${paths.accounts}.`);
      console.log(`Mật khẩu dùng một lần: ${password}`);
      console.log("Người dùng phải đặt mật khẩu mới ở lần đăng nhập đầu. Hãy chuyển mật khẩu này trực tiếp, không qua thư điện tử.");
    } catch (error) {
      if (error instanceof AccountError) throw new ExitError(error.message, EXIT.problems);
      throw error;
    }
  };
}

async function disable(id: string, options: AccountOptions): Promise<void> {
  const { accounts, AccountError } = await store(options);
  try {
    accounts.disable(id);
  } catch (error) {
    if (error instanceof AccountError) throw new ExitError(error.message, EXIT.problems);
    throw error;
  }
  console.log(`Đã khóa tài khoản ${id}: không đăng nhập được nữa; phiên đang mở hết hiệu lực ở yêu cầu kế tiếp.`);
}

export function register(program: Command): void {
  const group = program.command("accounts").description("Quản lý tài khoản bàn làm việc (lưu trong thư mục trạng thái, không bao giờ trong kho nội dung).");
  const common = (command: Command) =>
    command
      .option("--state <thư-mục>", "thư mục trạng thái (mặc định DAN_Y_STATE_DIR hoặc ~/.dan-y)")
      .option("--content <thư-mục>", "thư mục nội dung để tra mã đầu mối (mặc định: kho mẫu, hoặc CONTENT_DIR)");
  const sub = (name: string, description: string, action: (id: string, options: AccountOptions) => Promise<void>, meaning: string) => {
    const command = common(group.command(name).description(description).argument("<mã-đầu-mối>", "mã đầu mối trong bodies/")).action(act(action));
    examples(command, [
      [`npx dan-y accounts ${name} xa-thach-ha-mttq-duong-ngoc-dung`, meaning],
      [
        `npx dan-y accounts ${name} xa-thach-ha-mttq-duong-ngoc-dung --state /var/lib/dan-y --content /srv/dan-y/kho/content`,
        `${meaning}, với kho và thư mục trạng thái của tỉnh`,
      ],
    ]);
  };
  sub("add", "Tạo tài khoản cho một đầu mối, in mật khẩu dùng một lần", issue(false), "tạo tài khoản, in mật khẩu dùng một lần");
  sub("reset", "Cấp lại mật khẩu dùng một lần (quên mật khẩu)", issue(true), "cấp lại mật khẩu dùng một lần");
  sub("disable", "Khóa tài khoản", disable, "khóa tài khoản");
  examples(group, [
    ["npx dan-y accounts add xa-thach-ha-mttq-duong-ngoc-dung --state /var/lib/dan-y", "tạo tài khoản, in mật khẩu dùng một lần"],
    ["npx dan-y accounts reset xa-thach-ha-mttq-duong-ngoc-dung", "cấp lại mật khẩu"],
    ["npx dan-y accounts disable xa-thach-ha-mttq-duong-ngoc-dung", "khóa tài khoản"],
  ]);
}
