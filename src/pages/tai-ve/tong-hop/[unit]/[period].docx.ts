/** Every consolidated report page as a Word document, built at publish time: `/tai-ve/tong-hop/<đơn-vị>/<kỳ>.docx`. */
import type { APIRoute, GetStaticPaths } from "astro";
import { reportDocxBytes } from "../../../../adapters/docx-report.ts";
import { DOCX_TYPE } from "../../../../core/documents/downloads.ts";
import { documentFor } from "../../../../core/documents/report-sources.ts";
import { consolidationPages, siteData } from "../../../../site/data.ts";

export const getStaticPaths = (async () => {
  const { model, tree } = await siteData();
  return [...consolidationPages(model, tree)].map((page) => {
    const [unit, period] = page.split("/") as [string, string];
    return { params: { unit, period } };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const { model, tree, today } = await siteData();
  const result = documentFor(model, tree, `${params.period}/${params.unit}`, today);
  if (!result.ok) throw new Error(result.message);
  return new Response(await reportDocxBytes(result.document), { headers: { "Content-Type": DOCX_TYPE } });
};
