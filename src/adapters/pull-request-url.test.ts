import { expect, it } from "vitest";
import { pullRequestUrl } from "./submissions.ts";

const BRANCH = "submissions/xa-thach-ha/2026-11-27-tram-y-te";

it("opens a pull request on GitHub, GitLab and Gitea/Forgejo, and nothing on a plain server", () => {
  expect(pullRequestUrl("https://github.com/mttq-ha-tinh/dan-y.git", BRANCH)).toBe(
    "https://github.com/mttq-ha-tinh/dan-y/compare/main...submissions/xa-thach-ha/2026-11-27-tram-y-te?expand=1",
  );
  expect(pullRequestUrl("git@github.com:mttq-ha-tinh/dan-y.git", BRANCH)).toContain("https://github.com/mttq-ha-tinh/dan-y/compare/main...");
  expect(pullRequestUrl("https://gitlab.example.vn/mttq/dan-y.git", BRANCH)).toBe(
    "https://gitlab.example.vn/mttq/dan-y/-/merge_requests/new?merge_request[source_branch]=submissions%2Fxa-thach-ha%2F2026-11-27-tram-y-te",
  );
  expect(pullRequestUrl("https://gitea.mttq.local/tinh/dan-y", BRANCH)).toBe(
    "https://gitea.mttq.local/tinh/dan-y/compare/main...submissions/xa-thach-ha/2026-11-27-tram-y-te",
  );
  expect(pullRequestUrl("http://10.0.0.5/git/dan-y.git", BRANCH)).toBeUndefined();
});
