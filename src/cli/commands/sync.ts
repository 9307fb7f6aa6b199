/** `npm run sync`: fetch `origin` and fast-forward `main`. */
import { contentDir } from "../../adapters/content-files.ts";
import { openWorkspace, sync } from "../../adapters/submissions.ts";
import { runCommand } from "../run-command.ts";
import { todayInVietnam } from "../lib/today.ts";

await runCommand(async () => {
  const result = await sync(await openWorkspace(contentDir(), todayInVietnam()));
  console.log(
    result.from === result.to
      ? "main đã là bản mới nhất."
      : `Đã cập nhật main ${result.from?.slice(0, 7) ?? "(trống)"} → ${result.to?.slice(0, 7)} (${result.changed} tệp thay đổi).`,
  );
});
