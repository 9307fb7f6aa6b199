/**
 * `dan-y keys generate <mã-cơ-quan>…`: a new key pair per body for restricted
 * observations; the private key goes to the key folder (outside the
 * repository), the public key into the body's file under `bodies/` (to submit
 * for an administrator's approval, then `dan-y seal`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";
import { EXIT, ExitError } from "../errors.ts";

async function generate(bodies: string[], options: { keyDir?: string }): Promise<void> {
  const { contentDir } = await import("../../adapters/content-files.ts");
  const { generateBodyKey, keyDirectory } = await import("../../adapters/encryption.ts");
  const folder = options.keyDir ?? keyDirectory();
  for (const body of bodies) {
    const [unit, organisation] = body.split("/");
    if (!unit || !organisation) throw new ExitError(`Mã cơ quan có dạng <mã-đơn-vị>/<mã-tổ-chức>, ví dụ xa-ky-hoa/mttq; nhận được "${body}"`, EXIT.usage);
    const file = join(contentDir(), "bodies", unit, `${organisation}.yaml`);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new ExitError(`Không có cơ quan ${body} (tệp ${file})`, EXIT.problems);
    }
    const recipient = generateBodyKey(folder, body);
    const line = `public_keys:\n  - ${recipient}\n`;
    // The newest key replaces the listed ones: files encrypted to the old key are re-encrypted by dan-y seal.
    const updated = /^public_keys:.*(?:\n[ \t]+-.*)*\n?/m.test(text)
      ? text.replace(/^public_keys:.*(?:\n[ \t]+-.*)*\n?/m, line)
      : `${text.replace(/\n*$/, "\n")}${line}`;
    writeFileSync(file, updated);
    console.log(
      `${body}: khóa riêng lưu ở ${join(folder, unit, `${organisation}.key`)} (giữ bí mật, không đưa vào kho); khóa công khai ${recipient} đã ghi vào ${file}.`,
    );
  }
  console.log("Nộp các tệp bodies/ đã sửa để quản trị viên duyệt, rồi chạy dan-y seal để mã hóa lại thông tin hạn chế.");
}

export function register(program: Command): void {
  const keys = program.command("keys").summary("khóa mã hóa thông tin hạn chế").description("Khóa mã hóa thông tin hạn chế của các cơ quan.");
  examples(keys, [["npx dan-y keys generate xa-ky-hoa/mttq", "tạo khóa cho MTTQ xã Kỳ Hoa"]]);
  const command = keys
    .command("generate <mã-cơ-quan...>")
    .description("Tạo cặp khóa mới cho cơ quan: khóa riêng vào thư mục khóa ngoài kho, khóa công khai vào bodies/.")
    .option("--key-dir <thư-mục>", "thư mục khóa riêng (mặc định DAN_Y_KEY_DIR hoặc ~/.config/dan-y/khoa)");
  command.action(act(generate));
  examples(command, [
    ["npx dan-y keys generate xa-ky-hoa/mttq ha-tinh/mttq", "tạo khóa cho MTTQ xã Kỳ Hoa và MTTQ tỉnh"],
    ["npx dan-y keys generate ha-tinh/mttq --key-dir /srv/dan-y/khoa", "lưu khóa riêng vào /srv/dan-y/khoa"],
  ]);
}
