/**
 * Restricted observations are stored encrypted (see core/crypto/sealed-observation.ts):
 * `sealedText` checks, file by file, that the plain file holds none of the
 * protected text; `sealedRecipients` checks, against the bodies data, that each
 * is encrypted to exactly the bodies entitled to read it (the writing body and
 * every body up its reporting lines) and their current keys. One file, two
 * reporters: the body text is seen only while a file loads, the keys only with
 * every body loaded.
 */

import type { ObservationEntry } from "../../content/content-model.ts";
import { readersOf, SEALED_BODY, SEALED_MARK, stanzaCount } from "../../crypto/sealed-observation.ts";
import type { EntryRule, Rule } from "./rule.ts";

const RESTRICTED = "han-che";

export const sealedText: EntryRule = {
  id: "sealed-text",
  description:
    "Thông tin hạn chế đã mã hóa không còn chữ nào của phần được bảo vệ (nội dung, địa điểm, cơ quan được chuyển, ghi chú theo dõi) ở dạng đọc được.",
  check({ entry, text }, { at, atPosition }) {
    if (!entry || !("follow_up" in entry)) return;
    const observation = entry as ObservationEntry;
    if (!observation.sealed) {
      if (observation.confidentiality !== RESTRICTED) return;
      return; // Not yet sealed: sealedRecipients says whether it can and must be.
    }
    if (observation.confidentiality !== RESTRICTED) at(observation, ["sealed"], `Chỉ thông tin hạn chế (confidentiality: ${RESTRICTED}) mới được mã hóa`);
    if (observation.location !== undefined)
      at(observation, ["location"], "Thông tin đã mã hóa không được ghi địa điểm ở dạng đọc được: địa điểm nằm trong phần mã hóa");
    if (observation.forwarded_to !== undefined && observation.forwarded_to !== SEALED_MARK) {
      at(observation, ["forwarded_to"], `Thông tin đã mã hóa: cơ quan được chuyển phải ghi "${SEALED_MARK}", cơ quan thật nằm trong phần mã hóa`);
    }
    observation.follow_up.forEach((step, index) => {
      for (const key of ["authority", "note"] as const) {
        if (step[key] !== undefined && step[key] !== SEALED_MARK)
          at(observation, ["follow_up", index, key], `Thông tin đã mã hóa: ${key} phải ghi "${SEALED_MARK}"`);
      }
    });
    if (text && text.body.trim() !== SEALED_BODY) {
      atPosition(
        observation.source.file,
        { line: text.bodyLine, column: 1 },
        "Thông tin đã mã hóa không được có nội dung đọc được: nội dung nằm trong phần mã hóa (chạy dan-y seal)",
      );
    }
  },
};

export const sealedRecipients: Rule = {
  id: "sealed-recipients",
  description:
    "Mỗi thông tin hạn chế được mã hóa cho đúng các cơ quan có quyền đọc (cơ quan ghi và các cơ quan cấp trên theo tuyến báo cáo) với khóa công khai hiện có của họ.",
  check({ model }, { at }) {
    const anyKeys = [...model.bodies.values()].some((body) => (body.public_keys ?? []).length > 0);
    const unsealedWithoutKeys: ObservationEntry[] = [];
    for (const observation of model.observations.values()) {
      if (observation.confidentiality !== RESTRICTED) continue;
      const readers = readersOf(model, observation);
      const sealed = observation.sealed;
      if (!sealed) {
        if (readers.recipients.length === 0) unsealedWithoutKeys.push(observation);
        else at(observation, ["confidentiality"], `Thông tin hạn chế chưa được mã hóa: chạy dan-y seal để mã hóa cho ${readers.bodies.join(", ")}`);
        continue;
      }
      const expected = new Set(readers.recipients);
      const actual = new Set(sealed.recipients);
      const missing = [...expected].filter((key) => !actual.has(key));
      const extra = [...actual].filter((key) => !expected.has(key));
      if (missing.length > 0 || extra.length > 0 || sealed.bodies.join(",") !== readers.bodies.join(",")) {
        at(
          observation,
          ["sealed", "recipients"],
          `Mã hóa chưa khớp khóa hiện tại của các cơ quan có quyền đọc (${readers.bodies.join(", ")}): ${missing.length} khóa còn thiếu, ${extra.length} khóa không còn dùng. Chạy dan-y seal để mã hóa lại`,
        );
      }
      const stanzas = stanzaCount(sealed.ciphertext);
      if (stanzas !== sealed.recipients.length) {
        at(
          observation,
          ["sealed", "ciphertext"],
          `Tệp mã hóa có ${stanzas} khóa nhận nhưng ghi ${sealed.recipients.length} khóa: dữ liệu mã hóa bị sửa hoặc hỏng`,
        );
      }
      if (readers.withoutKeys.length > 0) {
        at(
          observation,
          ["sealed", "bodies"],
          `Cơ quan ${readers.withoutKeys.join(", ")} có quyền đọc nhưng chưa có khóa công khai (public_keys): họ chưa đọc được thông tin này`,
          {
            severity: "warning",
          },
        );
      }
    }
    // A repository where no body has a key yet has not turned encryption on: nothing to say per file.
    const [first] = unsealedWithoutKeys;
    if (first && anyKeys) {
      at(
        first,
        ["confidentiality"],
        `${unsealedWithoutKeys.length} thông tin hạn chế còn ở dạng đọc được vì không cơ quan nào có quyền đọc chúng có khóa công khai (public_keys trong bodies/): ai có bản sao kho đều đọc được. Tạo khóa bằng dan-y keys generate rồi chạy dan-y seal`,
        { severity: "warning" },
      );
    }
  },
};
