/**
 * Sign-in throttling: failures are counted per account and per address in a
 * sliding window; past the limit, sign-in is refused (even with the right
 * password) until the window has passed. Counters persist in the state
 * directory so a restart does not reset them.
 */
import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "./state-dir.ts";

export interface ThrottleLimits {
  /** Failures allowed per account within the window. */
  perAccount: number;
  /** Failures allowed per address within the window. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };

type Counters = Record<string, number[]>;

export class SignInThrottle {
  readonly #path: string;
  readonly #limits: ThrottleLimits;
  readonly #now: () => number;
  #counters: Counters;

  constructor(path: string, limits = DEFAULT_LIMITS, now = Date.now) {
    this.#path = path;
    this.#limits = limits;
    this.#now = now;
    this.#counters = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Counters) : {};
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#limits.windowMs;
    return (Object.hasOwn(this.#counters, key) ? (this.#counters[key] ?? []) : []).filter((time) => time > since);
  }

  /** Seconds to wait before the next try, or 0 when a try is allowed. */
  retryAfter(account: string, address: string): number {
    const checks: [string, number][] = [
      [`account:${account}`, this.#limits.perAccount],
      [`address:${address}`, this.#limits.perAddress],
    ];
    let wait = 0;
    for (const [key, limit] of checks) {
      const recent = this.#recent(key);
      if (recent.length >= limit) {
        const oldest = recent[recent.length - limit] as number;
        wait = Math.max(wait, Math.ceil((oldest + this.#limits.windowMs - this.#now()) / 1000));
      }
    }
    return wait;
  }

  failed(account: string, address: string): void {
    for (const key of [`account:${account}`, `address:${address}`]) this.#counters[key] = [...this.#recent(key), this.#now()];
    this.#save();
  }

  succeeded(account: string): void {
    delete this.#counters[`account:${account}`];
    this.#save();
  }

  #save(): void {
    const since = this.#now() - this.#limits.windowMs;
    for (const [key, times] of Object.entries(this.#counters)) if (times.every((time) => time <= since)) delete this.#counters[key];
    writeFileAtomic(this.#path, JSON.stringify(this.#counters));
  }
}
