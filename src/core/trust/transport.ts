/**
 * What the command line says about how it talks to the server: credentials
 * sent over plain `http://` (anyone on the network path reads them, and can
 * push as that account), and a `main` the server rewrote (commits this machine
 * had fetched are gone from the server: someone force-pushed or restored a backup).
 */

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** A Vietnamese warning when credentials go to a plain-HTTP server that is not this machine; undefined otherwise. */
export function plainHttpWarning(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" || LOOPBACK.test(parsed.hostname)) return undefined;
  return `Cảnh báo: đang gửi tên đăng nhập và mật khẩu tới ${parsed.host} qua http:// không mã hóa: ai trên đường truyền cũng đọc được và có thể đẩy lên máy chủ bằng tài khoản này. Hãy dùng https:// (đặt máy chủ Git sau một reverse proxy có chứng chỉ TLS).`;
}

export interface ServerRewrite {
  /** What this machine last fetched of the server's main, and what the server has now. */
  before: string;
  after: string;
  /** The newest commit both still share, when any. */
  common: string | undefined;
  /** Commits of the old server main that the new one no longer has, newest first. */
  lost: { oid: string; summary: string; author: string }[];
}

/** What `sync` says when the server's main no longer contains what it had. */
export function describeServerRewrite(rewrite: ServerRewrite): string {
  const shown = rewrite.lost.slice(0, 10).map((commit) => `  - ${commit.oid.slice(0, 7)} ${commit.summary} (${commit.author})`);
  const more = rewrite.lost.length > shown.length ? [`  … và ${rewrite.lost.length - shown.length} commit khác`] : [];
  return [
    `Máy chủ đã viết lại lịch sử main: lần đồng bộ trước main trên máy chủ là ${rewrite.before.slice(0, 7)}, nay là ${rewrite.after.slice(0, 7)}, không nối tiếp bản cũ.`,
    rewrite.common ? `Phần chung cuối cùng: ${rewrite.common.slice(0, 7)}.` : "Hai bản không có commit chung nào.",
    `${rewrite.lost.length} commit đã có trên máy chủ nay không còn:`,
    ...shown,
    ...more,
    "main trên máy này được giữ nguyên (không mất gì). Hãy báo quản trị viên máy chủ: có thể ai đó đã force-push hoặc khôi phục bản sao lưu cũ; các commit trên vẫn còn ở máy này để đẩy lại nếu cần.",
  ].join("\n");
}
