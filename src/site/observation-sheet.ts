/**
 * One observation as a fact sheet: an anchored article on its unit-month page.
 * It renders only what `shownDetails` lets through: a restricted observation
 * shows its title and classification, never its body, notes, location or the authorities it went to.
 */
import { CONFIDENTIALITY } from "../../schemas/observation.ts";
import type { Provenance } from "../adapters/provenance.ts";
import { formatDateVi, vietnamDay } from "../core/calendar/dates.ts";
import type { ContentModel, ObservationEntry } from "../core/content/content-model.ts";
import { isUrgent, statusLabel, tagLabel, urgencyLabel } from "../core/content/labels.ts";
import { observationAnchor, observationHref } from "../core/site/links.ts";
import { renderMarkdown } from "../core/site/render-markdown.ts";
import { shownDetails } from "../core/site/visibility.ts";
import { html, type SafeHtml, trusted } from "./html.ts";

export interface SheetContext {
  model: ContentModel;
  /** Content-relative path → approval record. */
  provenance: Map<string, Provenance>;
  basePath: string;
  formatNumber: (value: number) => string;
}

function fact(label: string, value: SafeHtml | string | false | undefined): SafeHtml | "" {
  return value ? html`<dt>${label}</dt><dd>${value}</dd>` : "";
}

export function observationSheet(entry: ObservationEntry, context: SheetContext): SafeHtml {
  const { model } = context;
  const anchor = observationAnchor(entry);
  const shown = shownDetails(entry);
  const field = model.fields.find((candidate) => candidate.id === entry.field);
  const subtopics = entry.subtopics.map((id) => field?.subtopics.find((subtopic) => subtopic.id === id)?.label ?? id);
  const approval = context.provenance.get(entry.source.file.replace(/^.*?observations\//, "observations/"));
  const related = entry.related.map((id) => model.observations.get(id)).filter((item): item is ObservationEntry => item !== undefined);
  const urgency = html`<span class="${isUrgent(model, entry.urgency) ? "badge urgent" : "badge"}">${urgencyLabel(model, entry.urgency)}</span>`;
  return html`<article class="observation" id="${anchor}" aria-labelledby="${anchor}-tieu-de">
<h2 id="${anchor}-tieu-de">${entry.title}</h2>
${shown.restricted && html`<p class="restricted" role="note">Thông tin <strong>hạn chế</strong>: chỉ hiển thị tiêu đề và phân loại. Nội dung, ghi chú theo dõi, cơ quan được chuyển và địa điểm không đưa lên trang này.</p>`}
<dl class="facts">
${fact("Đơn vị", model.units.get(entry.unit)?.name ?? entry.unit)}
${fact("Tổ chức", model.organisations.find((candidate) => candidate.id === entry.organisation)?.label ?? entry.organisation)}
${fact("Lĩnh vực", `${field?.label ?? entry.field}${subtopics.length > 0 ? ` — ${subtopics.join("; ")}` : ""}`)}
${fact("Kênh", model.channels.find((candidate) => candidate.id === entry.channel)?.label ?? entry.channel)}
${fact("Ngày nắm được", formatDateVi(entry.observed_on))}
${fact("Ngày ghi nhận", formatDateVi(entry.recorded_on))}
${fact("Mức độ", urgency)}
${fact("Trạng thái", statusLabel(model, entry.status))}
${fact("Đã chuyển đến", shown.forwardedTo)}
${fact("Địa điểm", shown.location)}
${fact("Số người liên quan", entry.people_count !== undefined && context.formatNumber(entry.people_count))}
${fact("Từ khóa", entry.tags.map((tag) => tagLabel(model, tag)).join(", "))}
${fact("Phân loại", CONFIDENTIALITY[entry.confidentiality].split(" — ")[0])}
${fact(
  "Nộp và duyệt",
  approval
    ? `${approval.submittedBy} nộp; ${approval.reviewedBy} duyệt ngày ${formatDateVi(vietnamDay(approval.approvedAt))}`
    : "Chưa có bản ghi duyệt trong lịch sử Git",
)}
</dl>
${
  shown.body &&
  html`<section aria-labelledby="${anchor}-noi-dung"><h3 id="${anchor}-noi-dung">Nội dung</h3>
${trusted(renderMarkdown(shown.body, 3, entry.source.file))}</section>`
}
<section aria-labelledby="${anchor}-theo-doi"><h3 id="${anchor}-theo-doi">Theo dõi giải quyết</h3>
${
  entry.follow_up.length === 0
    ? html`<p>Chưa có bước theo dõi nào.</p>`
    : html`<ol class="timeline">${entry.follow_up.map(
        (step, index) =>
          html`<li><time datetime="${step.date}">${formatDateVi(step.date)}</time>: ${statusLabel(model, step.status)}${shown.authorities[index] && ` — ${shown.authorities[index]}`}${shown.notes[index] && `. ${shown.notes[index]}`}</li>`,
      )}</ol>`
}
</section>
${
  related.length > 0 &&
  html`<section aria-labelledby="${anchor}-lien-quan"><h3 id="${anchor}-lien-quan">Thông tin liên quan</h3>
<ul>${related.map((item) => html`<li><a href="${context.basePath}${observationHref(item)}">${item.title}</a> (${formatDateVi(item.observed_on)})</li>`)}</ul></section>`
}
</article>`;
}
