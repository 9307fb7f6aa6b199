/**
 * One publish of a site at a time: two `dan-y publish` runs on the same site
 * folder (or one beside the workspace server's) would share its staging names
 * (`<site>.dang-xuat-ban`, `<site>.dang-lap-chi-muc`) and remove or swap in
 * each other's half-built folders. The lock is `<site>.khoa-xuat-ban` beside
 * the site, a pid lock (pid-lock.ts): a later publish waits for it (saying so
 * once), and a lock whose holder died is broken.
 */
import { PublishError } from "../core/errors.ts";
import { withPidLock } from "./pid-lock.ts";

export const publishLockPath = (siteDir: string): string => `${siteDir}.khoa-xuat-ban`;

/** What a waiting publish says, once. */
export const WAITING_LINE = "Đang chờ lần xuất bản khác của trang này xong…";

/** How long a publish waits for another before refusing: a full publish of 100k observations takes minutes, not this. */
const WAIT_MS = () => Number(process.env.DAN_Y_PUBLISH_LOCK_WAIT_MS) || 60 * 60_000;

/**
 * Runs `work` holding the site's publish lock. `say` hears the waiting line
 * (once) and the removal of a dead holder's lock.
 */
export function withPublishLock<T>(siteDir: string, say: (line: string) => void, work: () => Promise<T>): Promise<T> {
  return withPidLock(publishLockPath(siteDir), work, {
    notice: say,
    waitingLine: WAITING_LINE,
    brokenLine: (lock, holder) => `Đã gỡ khóa xuất bản ${lock} do một lần xuất bản trước đó dừng giữa chừng bỏ lại (tiến trình ${holder} không còn chạy).`,
    waitMs: WAIT_MS(),
    timeout: (lock, holder) =>
      new PublishError(
        `một lần xuất bản khác (tiến trình ${holder}) vẫn đang xuất bản trang này sau ${Math.round(WAIT_MS() / 60_000)} phút chờ (khóa ${lock}). Trang đang xuất bản được giữ nguyên.`,
      ),
    // A folder the lock cannot be made in (a file in the way, no right to write), said as the publish says it.
    unwritable: (failure, lock) =>
      new PublishError(
        `không ghi được ${failure.path ?? lock} (${failure.code}): hãy kiểm tra đường dẫn --site và quyền ghi vào thư mục chứa nó. Trang đang xuất bản được giữ nguyên.`,
        { cause: failure },
      ),
  });
}
