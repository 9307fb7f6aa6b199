/** Every consolidated report page as a Word document, built at publish time: `/tai-ve/tong-hop/<đơn-vị>/<kỳ>.docx`. */
import type { APIRoute, GetStaticPaths } from "astro";
import { reportDocxBytes } from "../../../../adapters/docx-report.ts";
import { DOCX_TYPE } from "../../../../core/documents/downloads.ts";
import { documentFor } from "../../../../core/documents/report-sources.ts";
import { cacheKeyOf } from "../../../../site/cache-key.ts";
import { consolidationPages, siteData } from "../../../../site/data.ts";

export const getStaticPaths = (async () => {
  const data = await siteData();
  const { model, tree, today } = data;
  return [...consolidationPages(model, tree)].map((page) => {
    const [unit, period] = page.split("/") as [string, string];
    // An incremental publish copies the file when the document it holds is unchanged.
    return { params: { unit, period }, ...cacheKeyOf(data, () => documentFor(model, tree, `${period}/${unit}`, today)) };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const { model, tree, today } = await siteData();
  const result = documentFor(model, tree, `${params.period}/${params.unit}`, today);
  if (!result.ok) throw new Error(result.message);
  return new Response(await reportDocxBytes(result.document), { headers: { "Content-Type": DOCX_TYPE } });
};
