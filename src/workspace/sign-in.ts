/** Sign-in decisions: throttle first, then the password; the same answer whether the id or the password was wrong. */
import { hashPassword, verifyPassword } from "./accounts.ts";
import type { Service } from "./service.ts";

export type SignInOutcome = { ok: true; mustChange: boolean } | { ok: false; status: 401 | 429; message: string; retryAfter?: number };

/** A hash to compare against when the account does not exist, so both cases take the same time. */
let decoy: string | undefined;

export async function trySignIn(service: Service, id: string, password: string, address: string): Promise<SignInOutcome> {
  const wait = service.throttle.retryAfter(id, address);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    return { ok: false, status: 429, message: `Đăng nhập sai quá nhiều lần: hãy thử lại sau khoảng ${minutes} phút.`, retryAfter: wait };
  }
  const account = service.accounts.get(id);
  decoy ??= await hashPassword("decoy-password");
  const matches = await verifyPassword(password, account?.hash ?? decoy);
  if (!account || !matches || account.disabled) {
    service.throttle.failed(id, address);
    const message = account?.disabled && matches ? "Tài khoản này đã bị khóa: hãy liên hệ quản trị viên." : "Mã đầu mối hoặc mật khẩu không đúng.";
    return { ok: false, status: 401, message };
  }
  service.throttle.succeeded(id);
  return { ok: true, mustChange: account.mustChange };
}
