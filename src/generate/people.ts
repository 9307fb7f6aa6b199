/** Fictional people for focal points: names, titles and contacts that belong to nobody. */
import type { FocalPoint } from "../../schemas/body.ts";
import { slugify } from "../core/content/slugify.ts";
import type { Random } from "./random.ts";

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phan", "Hoàng", "Võ", "Đặng", "Bùi", "Hồ", "Ngô", "Dương", "Đinh", "Thái", "Đậu", "Chu"];
const MIDDLE_MALE = ["Văn", "Đình", "Hữu", "Xuân", "Quang", "Minh", "Đức", "Công"];
const MIDDLE_FEMALE = ["Thị", "Thị Thu", "Thị Thanh", "Thị Hồng", "Thị Minh", "Ngọc"];
const GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Sơn", "Thắng", "Tuấn", "Vinh"];
const GIVEN_FEMALE = ["Anh", "Chi", "Dung", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Oanh", "Phương", "Thảo", "Yến"];

const TITLES: Record<string, string> = {
  mttq: "Phó Chủ tịch Ủy ban MTTQ",
  "hoi-ccb": "Phó Chủ tịch Hội Cựu chiến binh",
  "cong-doan": "Phó Chủ tịch Công đoàn",
  "hoi-nong-dan": "Phó Chủ tịch Hội Nông dân",
  "doan-thanh-nien": "Phó Bí thư Đoàn",
  "hoi-phu-nu": "Phó Chủ tịch Hội Phụ nữ",
};

export function fictionalPerson(random: Random, unitId: string, organisationId: string, levelId: string): FocalPoint {
  const female = random.chance(0.5);
  const name = `${random.pick(FAMILY)} ${random.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE)} ${random.pick(female ? GIVEN_FEMALE : GIVEN_MALE)}`;
  const title =
    levelId === "khu-dan-cu"
      ? "Trưởng ban công tác Mặt trận"
      : levelId === "tinh"
        ? `Trưởng ban Tuyên giáo, ${(TITLES[organisationId] ?? "Đầu mối").replace(/^Phó /, "").toLowerCase()} tỉnh`
        : (TITLES[organisationId] ?? "Đầu mối tiếp nhận thông tin");
  const digits = String(random.int(1000000, 9999999));
  const phone = `09${random.int(1, 9)}${digits[0]} ${digits.slice(1, 4)} ${digits.slice(4)}`;
  const id = `${unitId}-${organisationId}-${slugify(name)}`;
  const handle = slugify(name).replace(/-/g, ".");
  return { id, name, title, phone, email: `${handle}@example.vn`, zalo: phone.replace(/ /g, ""), facebook: `https://facebook.com/${handle}` };
}
