import { isReviewed, reviewHint } from "./reviewed-flags.ts";
import type { EntryRule } from "./rule.ts";
import { reportHit, scanFreeText } from "./text-scan.ts";

/** Profile and messaging links that point at a person: Facebook, Messenger, Zalo, Telegram, TikTok, Instagram, X, YouTube channels. */
const SOCIAL =
  /(?<![\p{L}\p{N}.-])(?:https?:\/\/)?(?:www\.|m\.|web\.|mobile\.)?(?:fb\.com|fb\.me|facebook\.com|messenger\.com|m\.me|zalo\.me|chat\.zalo\.me|t\.me|telegram\.me|tiktok\.com|instagram\.com|twitter\.com|x\.com|youtube\.com)\/@?[\p{L}\p{N}._%+-]+/giu;

/** Every match has one of these. */
const SCREEN = /fb\.|facebook|messenger|m\.me|zalo|t\.me|telegram|tiktok|instagram|twitter|x\.com|youtube/i;

export const socialLinks: EntryRule = {
  id: "social-links",
  description:
    "Không ghi liên kết trang cá nhân, tài khoản nhắn tin (fb.com/…, facebook.com/…, zalo.me/…, t.me/…, tiktok.com/@…) trong nội dung thông tin và báo cáo.",
  check({ entry, text }, report) {
    if (!entry || !text) return;
    for (const hit of scanFreeText(entry, text, SOCIAL, SCREEN)) {
      if (isReviewed(entry, this.id, hit.match)) continue;
      const message = `Không được ghi liên kết trang cá nhân hay tài khoản nhắn tin ("${hit.match}"): có thể làm lộ danh tính người phản ánh, tố cáo. Hãy ghi "qua mạng xã hội" thay cho liên kết. ${reviewHint(this.id, hit.match)}`;
      reportHit(report, entry, hit, message);
    }
  },
};
