import { referenceLabels } from "../../content/labels.ts";
import type { Rule } from "./rule.ts";

/**
 * The follow-up log walks the status list of `content/statuses.yaml`: each step reaches a status
 * that the one before lists in `next`; a forwarding status (`forwards: true`) names its authority.
 */
export const followUp: Rule = {
  id: "follow-up",
  description: "Các bước theo dõi chuyển trạng thái hợp lệ (theo statuses.yaml); trạng thái hiện tại và cơ quan được chuyển khớp với bước cuối.",
  check({ model }, { at }) {
    const { statuses, initialStatus } = referenceLabels(model);
    // Without a valid status list, the references and reference-lists rules say what is wrong.
    if (!initialStatus) return;
    const label = (status: string) => `"${status}" (${statuses.get(status)?.label ?? "không có trong statuses.yaml"})`;
    for (const observation of model.observations.values()) {
      let current = initialStatus;
      let lastAuthority: string | undefined;
      observation.follow_up.forEach((step, index) => {
        const allowed = statuses.get(current)?.next ?? [];
        if (statuses.has(step.status) && !allowed.includes(step.status)) {
          at(
            observation,
            ["follow_up", index, "status"],
            `Không thể chuyển từ ${label(current)} sang ${label(step.status)}; ${allowed.length ? `được phép: ${allowed.join(", ")}` : "đây là trạng thái kết thúc"}`,
          );
        }
        if (statuses.get(step.status)?.forwards) {
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
            ? `Chưa có bước theo dõi nào nên trạng thái phải là "${initialStatus}"; đang ghi ${label(observation.status)}`
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
