/** The account file in the state directory: owner-only, written whole, seen by every reader after each change. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { testdir } from "../test-support/testdir.ts";
import { AccountError, AccountStore, verifyPassword } from "./accounts.ts";

it("keeps hashes only, owner-only, with no temporary file left, and every store sees each change", async () => {
  const root = testdir({}, "dan-y-tai-khoan-");
  const folder = join(root, "trang-thai");
  const path = join(folder, "accounts.json");
  const admin = new AccountStore(path);
  const server = new AccountStore(path);

  const once = await admin.issue("xa-ky-hoa-mttq", { reset: false });
  expect(once).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  expect(readFileSync(path, "utf8")).not.toContain(once);
  expect(statSync(path).mode & 0o777).toBe(0o600);
  expect(statSync(folder).mode & 0o777).toBe(0o700);
  expect(readdirSync(folder)).toEqual(["accounts.json"]);

  const seen = server.get("xa-ky-hoa-mttq");
  expect(seen?.mustChange).toBe(true);
  expect(await verifyPassword(once, seen?.hash ?? "")).toBe(true);

  await server.setPassword("xa-ky-hoa-mttq", "mat-khau-moi-2026");
  expect(admin.get("xa-ky-hoa-mttq")?.mustChange).toBe(false);
  expect(await verifyPassword("mat-khau-moi-2026", admin.get("xa-ky-hoa-mttq")?.hash ?? "")).toBe(true);
  expect(await verifyPassword(once, admin.get("xa-ky-hoa-mttq")?.hash ?? "")).toBe(false);

  admin.disable("xa-ky-hoa-mttq");
  expect(server.get("xa-ky-hoa-mttq")?.disabled).toBe(true);
  await expect(admin.issue("xa-ky-hoa-mttq", { reset: false })).rejects.toThrow(AccountError);
  await expect(admin.issue("khong-co", { reset: true })).rejects.toThrow('Đầu mối khong-co chưa có tài khoản: dùng "accounts add khong-co"');
  expect(readdirSync(folder)).toEqual(["accounts.json"]);
});
