import { STATUSES, type Status } from "../../../../schemas/observation.ts";
import type { Rule } from "./rule.ts";

/** Which status may follow which. Closed states (resolved, duplicate, not competent, closed) may only be reopened by forwarding again. */
export const ALLOWED_TRANSITIONS: Record<Status, readonly Status[]> = {
  moi: ["da-chuyen", "da-giai-quyet", "khong-thuoc-tham-quyen", "trung-lap", "dong-chua-giai-quyet"],
  "da-chuyen": ["da-chuyen", "da-tra-loi", "da-giai-quyet", "dong-chua-giai-quyet"],
  "da-tra-loi": ["da-chuyen", "da-giai-quyet", "dong-chua-giai-quyet"],
  "da-giai-quyet": [],
  "khong-thuoc-tham-quyen": ["da-chuyen"],
  "trung-lap": [],
  "dong-chua-giai-quyet": ["da-chuyen"],
};

const label = (status: Status) => `"${status}" (${STATUSES[status]})`;

export const followUp: Rule = {
  id: "follow-up",
  description: "Các bước theo dõi chuyển trạng thái hợp lệ; trạng thái hiện tại và cơ quan được chuyển khớp với bước cuối.",
  check({ model }, { at }) {
    for (const observation of model.observations.values()) {
      let current: Status = "moi";
      let lastAuthority: string | undefined;
      observation.follow_up.forEach((step, index) => {
        if (!ALLOWED_TRANSITIONS[current].includes(step.status)) {
          const allowed = ALLOWED_TRANSITIONS[current];
          at(
            observation,
            ["follow_up", index, "status"],
            `Không thể chuyển từ ${label(current)} sang ${label(step.status)}; ${allowed.length ? `được phép: ${allowed.join(", ")}` : "đây là trạng thái kết thúc"}`,
          );
        }
        if (step.status === "da-chuyen") {
          if (!step.authority) at(observation, ["follow_up", index], "Bước chuyển cơ quan chức năng cần ghi cơ quan nhận (authority)");
          else lastAuthority = step.authority;
        }
        current = step.status;
      });
      if (observation.status !== current) {
        at(
          observation,
          ["status"],
          observation.follow_up.length === 0
            ? `Chưa có bước theo dõi nào nên trạng thái phải là "moi"; đang ghi ${label(observation.status)}`
            : `Trạng thái phải khớp bước theo dõi cuối cùng ${label(current)}; đang ghi ${label(observation.status)}`,
        );
      }
      if (observation.forwarded_to !== lastAuthority) {
        at(
          observation,
          lastAuthority && !observation.forwarded_to ? [] : ["forwarded_to"],
          lastAuthority
            ? `Cơ quan được chuyển (forwarded_to) phải là "${lastAuthority}", theo bước chuyển cuối cùng${observation.forwarded_to ? `; đang ghi "${observation.forwarded_to}"` : ""}`
            : "Có cơ quan được chuyển (forwarded_to) nhưng nhật ký theo dõi chưa có bước chuyển (da-chuyen) nào",
        );
      }
    }
  },
};
