/**
 * "Tải Word" in the workspace, over HTTP against the server as a user starts it:
 * a signed-in person downloads the .docx of a report, of their body's draft and
 * of a consolidated report in their area, the same document `dan-y report docx`
 * writes from the same repository; outside the reporting lines the download is
 * refused with a Vietnamese page, the right status, and a line in the log.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDocx, documentXml } from "../test-support/office.ts";
import { Client, startWorkspaceServer, type WorkspaceServer } from "./testing/workspace-server.ts";

const TODAY = "2026-11-27";
/** The commune MTTQ (writes xa-thach-ha/mttq's reports), a member organisation of the same commune, another commune's MTTQ, the province's MTTQ. */
const COMMUNE = "xa-thach-ha-mttq-duong-ngoc-dung";
const MEMBER = "xa-thach-ha-hoi-phu-nu-nguyen-van-an";
const OUTSIDER = "xa-tu-my-mttq-dinh-cong-dung";
const PROVINCE = "ha-tinh-mttq-hoang-quang-quan";

let server: WorkspaceServer;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  server = await startWorkspaceServer({ today: TODAY, noSite: true });
  for (const id of [COMMUNE, MEMBER, OUTSIDER, PROVINCE]) {
    clients[id] = new Client(server.base);
    expect((await clients[id].signIn(id, server.password as string)).status).toBe(303);
  }
}, 300_000);
afterAll(() => server?.stop());

/** A download as the browser makes it: the bytes, not text. */
async function fetchDocx(
  who: string,
  path: string,
): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Uint8Array; text: string }> {
  const client = clients[who] as Client;
  const response = await fetch(`${server.base}${path}`, { headers: { Cookie: client.cookie, Accept: "text/html" }, redirect: "manual" });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    disposition: response.headers.get("content-disposition"),
    bytes,
    text: new TextDecoder().decode(bytes),
  };
}

describe("Word documents in the workspace", () => {
  it("gives a body its report, its draft and its unit's consolidated report, as the command line makes them", { timeout: 240_000 }, async () => {
    const page = await (clients[COMMUNE] as Client).request("/bao-cao?ky=2026-11");
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/ban-lam-viec/tai-ve/2026-11/xa-thach-ha/mttq.docx"');
    expect(page.text).toContain('href="/ban-lam-viec/tai-ve/2026-11/xa-thach-ha.docx"');

    for (const [id, name] of [
      ["2026-07/xa-thach-ha/mttq", "bao-cao-2026-07-xa-thach-ha-mttq.docx"],
      ["2026-11/xa-thach-ha/mttq", "bao-cao-2026-11-xa-thach-ha-mttq.docx"],
      ["2026-11/xa-thach-ha", "bao-cao-tong-hop-2026-11-xa-thach-ha.docx"],
    ] as const) {
      const download = await fetchDocx(COMMUNE, `/tai-ve/${id}.docx`);
      expect(download.status, id).toBe(200);
      expect(download.type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      expect(download.disposition).toContain(`attachment; filename="${name}"`);
      expect(await documentXml(download.bytes), id).toBe(await documentXml(cliDocx(id, TODAY, join(server.repository, "content"))));
    }
    // The written report is the report itself, not a draft: its own text is in the document.
    const report = readFileSync(join(server.repository, "content", "reports", "2026-07", "xa-thach-ha", "mttq.md"), "utf8");
    const sentence = /\n\n([^#\-\n][^\n]{30,80})/.exec(report.replace(/^---\n[\s\S]*?\n---\n/, "\n\n"))?.[1] ?? "";
    expect(sentence.length).toBeGreaterThan(30);
    expect(await documentXml((await fetchDocx(COMMUNE, "/tai-ve/2026-07/xa-thach-ha/mttq.docx")).bytes)).toContain(sentence.slice(0, 25));

    // The province reads what its area's bodies wrote; a member organisation, its commune's consolidated report.
    expect((await fetchDocx(PROVINCE, "/tai-ve/2026-07/xa-thach-ha/mttq.docx")).status).toBe(200);
    expect((await fetchDocx(MEMBER, "/tai-ve/2026-11/xa-thach-ha.docx")).status).toBe(200);
  });

  it("refuses outside the reporting lines, in Vietnamese, with the right status, and logs it", { timeout: 120_000 }, async () => {
    const cases = [
      [OUTSIDER, "/tai-ve/2026-07/xa-thach-ha/mttq.docx", 403, "chỉ tải được văn bản của Xã Tứ Mỹ và các đơn vị cấp dưới; Xã Thạch Hà không thuộc địa bàn này"],
      [OUTSIDER, "/tai-ve/2026-07/ha-tinh.docx", 403, "không thuộc địa bàn này"],
      [MEMBER, "/tai-ve/2026-11/xa-thach-ha/mttq.docx", 403, "bản nháp chỉ cơ quan lập báo cáo này (xa-thach-ha/mttq) tải được"],
      [COMMUNE, "/tai-ve/2026-13/xa-thach-ha.docx", 404, "không phải mã báo cáo"],
      [COMMUNE, "/tai-ve/2026-11/xa-khong-co.docx", 404, "Không có đơn vị &quot;xa-khong-co&quot; trong units/"],
      [COMMUNE, "/tai-ve/2026-11/xa-thach-ha", 404, "địa chỉ tải Word có dạng"],
      [
        MEMBER,
        "/tai-ve/2026-11/xa-thach-ha/khong-co.docx",
        404,
        "Xã Thạch Hà không có cơ quan &quot;khong-co&quot; (không có xa-thach-ha/khong-co trong bodies/)",
      ],
    ] as const;
    for (const [who, path, status, message] of cases) {
      const answer = await fetchDocx(who, path);
      expect(answer.status, path).toBe(status);
      expect(answer.type, path).toContain("text/html");
      expect(answer.text, path).toContain(message);
      expect(answer.text).toContain('<html lang="vi">');
    }
    const logged = readFileSync(join(server.state, "workspace.log"), "utf8")
      .split("\n")
      .filter((line) => line.includes("GET /ban-lam-viec/tai-ve/2026-07/xa-thach-ha/mttq.docx") && line.includes('"status":403'));
    expect(logged.some((line) => line.includes(OUTSIDER))).toBe(true);

    // Nobody signed in: sent to the sign-in page, nothing made.
    const anonymous = await fetch(`${server.base}/tai-ve/2026-07/xa-thach-ha/mttq.docx`, { redirect: "manual" });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toContain("/ban-lam-viec/dang-nhap?tiep=");
  });
});
