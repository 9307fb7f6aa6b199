/**
 * Where the province declared `publishing_keys`, focal points' contacts must be
 * sealed (see core/crypto/sealed-contacts.ts): no plain phone, e-mail, Zalo or
 * Facebook, and each `sealed_contacts` encrypted to the publishing keys.
 */
import { CONTACT_FIELDS, publishingKeysOf } from "../../crypto/sealed-contacts.ts";
import { stanzaCount } from "../../crypto/sealed-observation.ts";
import type { Rule } from "./rule.ts";

export const sealedContacts: Rule = {
  id: "sealed-contacts",
  description: "Khi tỉnh khai báo khóa xuất bản (publishing_keys), liên hệ của đầu mối phải được mã hóa cho các khóa ấy, không còn ở dạng đọc được trong kho.",
  reportsOn: ["body"],
  check({ model }, { at }) {
    for (const body of model.bodies.values()) {
      const keys = publishingKeysOf(model, body);
      if (keys.length === 0) continue;
      body.focal_points.forEach((person, index) => {
        for (const field of CONTACT_FIELDS) {
          if (person[field] === undefined) continue;
          at(body, ["focal_points", index, field], `Đầu mối ${person.name}: liên hệ chưa được mã hóa: chạy npx dan-y seal --contacts`);
        }
        const sealed = person.sealed_contacts;
        if (!sealed) return;
        const missing = keys.filter((key) => !sealed.recipients.includes(key));
        if (missing.length > 0) {
          at(
            body,
            ["focal_points", index, "sealed_contacts", "recipients"],
            `Đầu mối ${person.name}: liên hệ chưa được mã hóa cho ${missing.length} khóa xuất bản (publishing_keys) của tỉnh: chạy npx dan-y seal --contacts`,
          );
        }
        if (stanzaCount(sealed.ciphertext) !== sealed.recipients.length) {
          at(
            body,
            ["focal_points", index, "sealed_contacts", "ciphertext"],
            `Đầu mối ${person.name}: dữ liệu mã hóa liên hệ không có đúng ${sealed.recipients.length} khóa nhận đã ghi: dữ liệu bị sửa hoặc hỏng`,
          );
        }
      });
    }
  },
};
