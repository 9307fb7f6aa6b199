/**
 * Every workspace request passes here first: security headers; the Origin check
 * of every request that changes state (CSRF); who is signed in, taken from the
 * session on the server and never from anything the browser says; and the
 * pages that need a signed-in person (or a new password first).
 */
import { defineMiddleware } from "astro:middleware";
import { findFocalPoint } from "../core/units/jurisdiction.ts";
import { BASE, refusalResponse, SECURITY_HEADERS } from "./refusal.ts";
import { service } from "./service.ts";
import { SESSION_HOURS, sessionPerson } from "./session.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const OPEN_PAGES = new Set([`${BASE}/dang-nhap`]);

/** The origin browsers use to reach the workspace: `DAN_Y_PUBLIC_URL` behind a reverse proxy, else the request's own. */
function expectedOrigin(url: URL): string {
  const configured = process.env.DAN_Y_PUBLIC_URL;
  return configured ? new URL(configured).origin : url.origin;
}

export function clientAddress(request: Request, fallback: string): string {
  if (process.env.DAN_Y_TRUST_PROXY === "1") {
    const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return fallback;
}

export const onRequest = defineMiddleware(async (context, next) => {
  const { request, url } = context;
  let address = "unknown";
  try {
    address = clientAddress(request, context.clientAddress);
  } catch {
    // Prerendered or test requests have no socket.
  }
  context.locals.address = address;
  const path = url.pathname.replace(/\/+$/, "") || "/";

  if (!SAFE_METHODS.has(request.method)) {
    const origin = request.headers.get("origin");
    const referer = request.headers.get("referer");
    const claimed = origin ?? (referer ? new URL(referer).origin : undefined);
    if (!claimed || claimed !== expectedOrigin(url) || request.headers.get("sec-fetch-site") === "cross-site") {
      return refusalResponse(
        request,
        address,
        403,
        `Yêu cầu bị từ chối: biểu mẫu được gửi từ nơi khác (${claimed ?? "không rõ nguồn"}), không phải từ bàn làm việc. Hãy mở lại trang và gửi từ đó.`,
      );
    }
  }

  const record = service().record;
  const signedIn = await sessionPerson(context.session);
  if (signedIn) {
    const account = service().accounts.get(signedIn.id);
    const model = await record.model();
    const me = account && !account.disabled ? findFocalPoint(model, signedIn.id) : undefined;
    if (me) {
      context.locals.me = me;
      context.locals.mustChange = account?.mustChange ?? false;
    } else context.session?.destroy();
  } else if (context.cookies.get("dan-y-phien")) context.locals.expired = true;

  const open = OPEN_PAGES.has(path) || path.startsWith(`${BASE}/_astro`) || /\.(css|js|png|svg|ico)$/.test(path);
  const isAction = path.startsWith(`${BASE}/_actions/`) || url.searchParams.has("_action");
  const actionName = isAction ? (path.split("/_actions/")[1] ?? url.searchParams.get("_action") ?? "") : "";
  if (!context.locals.me && !open && !(isAction && actionName === "signIn")) {
    if (request.method !== "GET" || isAction) {
      return refusalResponse(
        request,
        address,
        401,
        context.locals.expired
          ? `Phiên đăng nhập đã hết hạn (sau ${SESSION_HOURS} giờ) hoặc không hợp lệ: hãy đăng nhập lại.`
          : "Cần đăng nhập để làm việc này.",
      );
    }
    return context.redirect(`${BASE}/dang-nhap?tiep=${encodeURIComponent(url.pathname + url.search)}${context.locals.expired ? "&het-han=1" : ""}`, 303);
  }
  if (
    context.locals.me &&
    context.locals.mustChange &&
    !open &&
    path !== `${BASE}/doi-mat-khau` &&
    !(isAction && ["changePassword", "signOut"].includes(actionName))
  ) {
    if (request.method !== "GET")
      return refusalResponse(request, address, 403, "Cần đặt mật khẩu mới trước khi làm việc.", { person: context.locals.me.person.id });
    return context.redirect(`${BASE}/doi-mat-khau`, 303);
  }

  const response = await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  if (!open) response.headers.set("Cache-Control", "no-store");
  return response;
});
