/**
 * `GET /ban-lam-viec/tai-ve/<id>.docx`: the Word document of a report, a draft or a unit's
 * consolidated report for the signed-in person (src/workspace/report-downloads.ts), made on
 * request; a refusal is a Vietnamese page with its status, logged like every other.
 */
import type { APIRoute } from "astro";
import { DOCX_TYPE } from "../../../core/documents/downloads.ts";
import { signedInPerson } from "../../access.ts";
import { refusalResponse } from "../../refusal.ts";
import { docxDownload } from "../../report-downloads.ts";
import { service } from "../../service.ts";

export const prerender = false;

export const GET: APIRoute = async ({ params, locals, request }) => {
  const me = signedInPerson(locals);
  const path = params.id ?? "";
  if (!path.endsWith(".docx"))
    return refusalResponse(request, locals.address, 404, `Không có tệp "${path}": địa chỉ tải Word có dạng tai-ve/<kỳ>/<đơn-vị>[/<tổ-chức>].docx`, {
      person: me.person.id,
    });
  const app = service();
  const main = await app.record.mainCommit();
  const download = await docxDownload(await app.record.model(), me, path.slice(0, -".docx".length), app.today(), (relative) =>
    app.record.textAt(main, relative),
  );
  if (!download.ok) return refusalResponse(request, locals.address, download.status, download.message, { person: me.person.id });
  return new Response(download.bytes, {
    headers: {
      "Content-Type": DOCX_TYPE,
      // The name as `dan-y report docx` gives it (ASCII already; the RFC 5987 form for safety).
      "Content-Disposition": `attachment; filename="${download.fileName}"; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
    },
  });
};
