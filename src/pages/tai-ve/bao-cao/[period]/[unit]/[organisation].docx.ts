/** Every report as a Word document in the administrative form, built at publish time: `/tai-ve/bao-cao/<kỳ>/<đơn-vị>/<tổ-chức>.docx`. */
import type { APIRoute, GetStaticPaths } from "astro";
import { reportDocxBytes } from "../../../../../adapters/docx-report.ts";
import { DOCX_TYPE } from "../../../../../core/documents/downloads.ts";
import { documentFor } from "../../../../../core/documents/report-sources.ts";
import { cacheKeyOf } from "../../../../../site/cache-key.ts";
import { siteData } from "../../../../../site/data.ts";

export const getStaticPaths = (async () => {
  const data = await siteData();
  const { model, tree, today } = data;
  return [...model.reports.values()].map((report) => ({
    params: { period: report.period, unit: report.unit, organisation: report.organisation },
    // An incremental publish copies the file when the document it holds is unchanged.
    ...cacheKeyOf(data, () => documentFor(model, tree, `${report.period}/${report.unit}/${report.organisation}`, today)),
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const { model, tree, today } = await siteData();
  const result = documentFor(model, tree, `${params.period}/${params.unit}/${params.organisation}`, today);
  if (!result.ok) throw new Error(result.message);
  return new Response(await reportDocxBytes(result.document), { headers: { "Content-Type": DOCX_TYPE } });
};
