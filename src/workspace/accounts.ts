/**
 * Accounts of the workspace: one per focal point of `content/bodies/`, kept in
 * the state directory (never in the repository). Passwords are stored as scrypt
 * hashes (Node's `crypto`, memory-hard, no native add-on to build); an admin
 * creates or resets an account with a one-time password that must be replaced
 * at the first sign-in.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { promisify } from "node:util";
import { writeFileAtomic } from "./state-dir.ts";

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt cost: N=2^15, r=8 (about 32 MB and 50-100 ms per hash here), the OWASP minimum is N=2^17 with r=8, p=1 or N=2^15 with p=3. */
const PARAMETERS = { N: 2 ** 15, r: 8, p: 3, keyLength: 32 };

export interface Account {
  /** The focal point's id in `content/bodies/`. */
  id: string;
  /** `scrypt$N$r$p$salt$hash`, base64 parts. */
  hash: string;
  /** Set by add and reset: the password was shown to an admin and must be replaced. */
  mustChange: boolean;
  disabled: boolean;
  updatedAt: string;
}

type Store = Record<string, Account>;

export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFC"), salt, PARAMETERS.keyLength, { ...PARAMETERS, maxmem: 128 * 1024 * 1024 });
  return ["scrypt", PARAMETERS.N, PARAMETERS.r, PARAMETERS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await scrypt(password.normalize("NFC"), Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 128 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password a person can type from a printout: 4 groups of 4 letters and digits without look-alikes. */
export function oneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(16);
  const characters = [...bytes].map((byte) => alphabet[byte % alphabet.length]);
  return [0, 4, 8, 12].map((start) => characters.slice(start, start + 4).join("")).join("-");
}

/** Why a new password is refused, in Vietnamese, or undefined. */
export function weakPassword(password: string, id: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`;
  if (password.toLowerCase().includes(id.toLowerCase())) return "Mật khẩu không được chứa mã đầu mối";
  if (new Set(password).size < 4) return "Mật khẩu quá đơn giản: hãy dùng nhiều ký tự khác nhau";
  return undefined;
}

/** The account file; every change is read-modify-write in one synchronous step, so the CLI and the server can both write it. */
export class AccountStore {
  readonly #path: string;
  constructor(path: string) {
    this.#path = path;
  }

  /** The parsed file of the last read, by inode, size and time: every write renames a new file in, so any change (also the CLI's) is seen. */
  #cached: { key: string; store: Store } | undefined;

  #read(): Store {
    if (!existsSync(this.#path)) return {};
    return JSON.parse(readFileSync(this.#path, "utf8")) as Store;
  }

  /** For lookups (every request checks the account): parsed again only when the file changed. */
  #readCached(): Readonly<Store> {
    const stats = statSync(this.#path, { throwIfNoEntry: false });
    if (!stats) return {};
    const key = `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
    if (this.#cached?.key !== key) this.#cached = { key, store: this.#read() };
    return this.#cached.store;
  }

  get(id: string): Account | undefined {
    const store = this.#readCached();
    return Object.hasOwn(store, id) ? ({ ...store[id] } as Account) : undefined;
  }

  list(): Account[] {
    return Object.values(this.#readCached()).map((account) => ({ ...account }));
  }

  #put(account: Account): void {
    const store = this.#read();
    store[account.id] = account;
    writeFileAtomic(this.#path, `${JSON.stringify(store, null, 2)}\n`);
  }

  /** Creates the account, or resets it when `reset`, with a one-time password, which is returned. */
  async issue(id: string, options: { reset: boolean; password?: string }): Promise<string> {
    const existing = this.get(id);
    if (existing && !options.reset) throw new AccountError(`Đầu mối ${id} đã có tài khoản: dùng "accounts reset ${id}" để cấp mật khẩu mới`);
    if (!existing && options.reset) throw new AccountError(`Đầu mối ${id} chưa có tài khoản: dùng "accounts add ${id}"`);
    const password = options.password ?? oneTimePassword();
    this.#put({ id, hash: await hashPassword(password), mustChange: true, disabled: false, updatedAt: new Date().toISOString() });
    return password;
  }

  /** Demo accounts (bundled demo only): one shared hash, no forced change, written in one step. */
  importDemo(ids: readonly string[], hash: string): void {
    if (ids.length === 0) return;
    const store = this.#read();
    const now = new Date().toISOString();
    for (const id of ids) store[id] = { id, hash, mustChange: false, disabled: false, updatedAt: now };
    writeFileAtomic(this.#path, `${JSON.stringify(store, null, 2)}\n`);
  }

  disable(id: string): void {
    const existing = this.get(id);
    if (!existing) throw new AccountError(`Đầu mối ${id} chưa có tài khoản`);
    this.#put({ ...existing, disabled: true, updatedAt: new Date().toISOString() });
  }

  async setPassword(id: string, password: string): Promise<void> {
    const existing = this.get(id);
    if (!existing) throw new AccountError(`Đầu mối ${id} chưa có tài khoản`);
    this.#put({ ...existing, hash: await hashPassword(password), mustChange: false, updatedAt: new Date().toISOString() });
  }
}

export class AccountError extends Error {
  override name = "AccountError";
}
