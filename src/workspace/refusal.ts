/** A refusal answered to the browser: a Vietnamese page (or JSON for scripts) with the right status, logged. */
import { escapeHtml } from "../core/site/escape-html.ts";
import { service } from "./service.ts";

export const BASE = "/ban-lam-viec";

export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

export function refusalResponse(
  request: Request,
  address: string,
  status: number,
  message: string,
  options: { person?: string; headers?: Record<string, string>; alreadyLogged?: boolean } = {},
): Response {
  const url = new URL(request.url);
  if (!options.alreadyLogged)
    service().refuse({
      status,
      path: `${request.method} ${url.pathname}${url.search}`,
      address,
      reason: message,
      ...(options.person ? { person: options.person } : {}),
    });
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json") && !(request.headers.get("accept") ?? "").includes("text/html");
  const headers = { ...SECURITY_HEADERS, "Cache-Control": "no-store", ...options.headers };
  if (wantsJson) return Response.json({ error: message }, { status, headers });
  const body = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Không thực hiện được — Bàn làm việc</title><link rel="stylesheet" href="${BASE}/ban-lam-viec.css"></head><body><main class="refusal"><h1>Không thực hiện được</h1><p role="alert">${escapeHtml(message)}</p><p><a href="${BASE}/">Về bàn làm việc</a></p></main></body></html>`;
  return new Response(body, { status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/**
 * The answer to a form whose Action refused it (the Action logged the refusal itself): its status and
 * message, an input error's field messages joined.
 */
export function actionRefusal(
  request: Request,
  address: string,
  error: { status: number; message: string; fields?: Record<string, string[] | undefined> },
  person: string,
): Response {
  const message = error.fields ? Object.values(error.fields).flat().join(" ") : error.message;
  return refusalResponse(request, address, error.status, message, { person, alreadyLogged: true });
}
