/**
 * `dan-y bench workspace`: the workspace server (started as `dan-y start`
 * starts it) on a repository of 100k generated observations. Median and p95
 * time to open the home page, open the provincial MTTQ's review queue, send
 * one observation and approve one, each alone and with 20 users at once; how
 * many users sending at once it holds with p95 ≤ 1 s; the server's resident
 * memory after warm-up. Targets: p95 ≤ 300 ms with 20 users, RSS ≤ 500 MB.
 * Times are the server's own (its request log, DAN_Y_REQUEST_LOG, from the
 * parsed request to the last byte), as the issue asks; what the clients saw
 * on loopback, with their own share of the two cores, is printed beside them.
 * `BENCH_OBSERVATIONS=10000` for a smaller repository; `BENCH_REPOSITORY=<dir>`
 * serves a repository generated before (kept afterwards) instead of generating
 * one. Loopback only.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";

const OBSERVATIONS = Number(process.env.BENCH_OBSERVATIONS ?? 100_000);
const TARGET_MS = 300;
const HOLD_MS = 1000;
const RSS_TARGET_MB = 500;

const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

async function benchWorkspace(): Promise<void> {
  const load = await import("../../workspace/testing/load.ts");
  const { startWorkspaceServer } = await import("../../workspace/testing/workspace-server.ts");
  const { loggedTimes } = await import("../../workspace/server.ts");
  const { percentile, TimedClient } = load;
  const median = (values: readonly number[]) => percentile(values, 0.5);
  /** One measured request: its id in the server's request log and the time the client saw. */
  type Sample = { id: string; client: number };
  let nextId = 0;
  /** Runs `call` with a fresh request id, adding its sample to `samples`. */
  const measured = async <T>(samples: Sample[], call: (headers: Record<string, string>) => Promise<T>): Promise<T> => {
    const id = `do-${nextId++}`;
    const at = performance.now();
    const result = await call({ "X-Request-Id": id });
    samples.push({ id, client: performance.now() - at });
    return result;
  };
  /** The server's times of these samples, from its log (a line may reach us just after its answer). */
  const serverTimes = async (samples: readonly Sample[]): Promise<number[]> => {
    for (let attempt = 0; ; attempt++) {
      const logged = loggedTimes(server.output());
      const missing = samples.find(({ id }) => !logged.has(id));
      if (!missing) return samples.map(({ id }) => logged.get(id) as number);
      if (attempt >= 100) throw new Error(`Máy chủ không ghi thời gian của yêu cầu ${missing.id} (DAN_Y_REQUEST_LOG).`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const line = async (name: string, samples: readonly Sample[], target?: number) => {
    const values = await serverTimes(samples);
    const clients = samples.map((sample) => sample.client);
    console.log(
      `${name.padEnd(44)} trung vị ${median(values).toFixed(0).padStart(5)} ms   p95 ${percentile(values, 0.95).toFixed(0).padStart(5)} ms${target ? `   (mục tiêu p95 ≤ ${target} ms: ${percentile(values, 0.95) <= target ? "đạt" : "CHƯA ĐẠT"})` : ""}   [phía người dùng: ${median(clients).toFixed(0)} / ${percentile(clients, 0.95).toFixed(0)} ms]`,
    );
  };

  const given = process.env.BENCH_REPOSITORY;
  if (!given) console.log(`Sinh kho ${OBSERVATIONS.toLocaleString("vi-VN")} thông tin…`);
  const repository = given ? { dir: given, content: join(given, "content"), remove: () => {} } : load.generatedRepository(OBSERVATIONS);
  const state = mkdtempSync(join(tmpdir(), "dan-y-bench-ban-lam-viec-"));
  const people = load.focalPoints(repository.content);
  await load.grantAccounts(state, people);
  const started = performance.now();
  // DAN_Y_DEBUG_ROUNDS: the server prints the size of each approval round; DAN_Y_REQUEST_LOG: each request's time.
  const server = await startWorkspaceServer({
    today: load.TODAY,
    content: repository.content,
    noSite: true,
    state,
    env: { DAN_Y_DEBUG_ROUNDS: "1", DAN_Y_REQUEST_LOG: "1" },
  });
  /** How many approvals each round took, of the rounds the server made since its output had `from` characters. */
  const roundSizes = (from: number) =>
    [
      ...server
        .output()
        .slice(from)
        .matchAll(/\[approval round\] (\d+)/g),
    ].map((match) => Number(match[1]));
  const describeRounds = (sizes: readonly number[]) => {
    const counts = new Map<number, number>();
    for (const size of sizes) counts.set(size, (counts.get(size) ?? 0) + 1);
    const spread = [...counts].sort(([a], [b]) => a - b).map(([size, count]) => `${count} lượt ${size} bài`);
    return `${sizes.length} lượt cho ${sizes.reduce((sum, size) => sum + size, 0)} bài (${spread.join(", ")})`;
  };
  try {
    console.log(`Máy chủ sẵn sàng sau ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    const { senders, approvers } = load.roles(people, 80);
    const province = approvers[0] as (typeof approvers)[number];
    const reviewer = new TimedClient(server.base);
    await reviewer.signIn(province.id, load.PASSWORD);
    const users = await Promise.all(
      senders.map(async (person) => {
        const client = new TimedClient(server.base);
        await client.signIn(person.id, load.PASSWORD);
        return { person, client };
      }),
    );
    // Warm-up: the first home page loads the approved model, the first queue the review context.
    const first = performance.now();
    await users[0]?.client.request("/");
    console.log(`Lần mở trang đầu (nạp ${OBSERVATIONS.toLocaleString("vi-VN")} thông tin): ${((performance.now() - first) / 1000).toFixed(1)} s`);
    await reviewer.request("/duyet");
    for (const { client } of users.slice(0, 5)) await client.request("/");
    const warm = rssMb(server.pid);

    let counter = 0;
    const send = async (samples: Sample[], user: (typeof users)[number]) => {
      const form = load.observationForm(user.person, counter++);
      const answer = await measured(samples, (headers) => user.client.request("/ghi-nhan?_action=record", { form, headers }));
      if (answer.status !== 303) throw new Error(`Gửi thất bại (${answer.status}): ${answer.text.slice(0, 300)}`);
      return load.sentBranch(answer) as string;
    };

    console.log("\nTừng việc một (10 lần):");
    const alone = { home: [] as Sample[], queue: [] as Sample[], send: [] as Sample[], approve: [] as Sample[] };
    const waiting: string[] = [];
    for (let run = 0; run < 10; run++) {
      const user = users[run % users.length] as (typeof users)[number];
      await measured(alone.home, (headers) => user.client.request("/", { headers }));
      await measured(alone.queue, (headers) => reviewer.request("/duyet", { headers }));
      waiting.push(await send(alone.send, user));
    }
    // An approval counts only when it was made: a refusal (no jurisdiction) answers fast and would flatter the figures.
    let approved = 0;
    const approveOne = async (samples: Sample[], client: InstanceType<typeof TimedClient>, branch: string) => {
      const answer = await measured(samples, (headers) => client.request("/duyet?_action=review", { form: { branch, decision: "duyet" }, headers }));
      if (!answer.text.includes("Đã duyệt vào bản chính")) throw new Error(`Duyệt ${branch} không thành (${answer.status}): ${answer.text.slice(0, 300)}`);
      approved++;
    };
    for (const branch of waiting.splice(0)) await approveOne(alone.approve, reviewer, branch);
    await line("Mở trang chủ (việc cần làm)", alone.home);
    await line("Mở hàng chờ duyệt của MTTQ tỉnh", alone.queue);
    await line("Gửi một thông tin", alone.send);
    await line("Duyệt một bài", alone.approve);

    console.log("\n20 người dùng cùng lúc (mỗi người: trang chủ, gửi, rồi MTTQ tỉnh mở hàng chờ và duyệt):");
    const crowd = users.slice(0, 20);
    const together = { home: [] as Sample[], queue: [] as Sample[], send: [] as Sample[], approve: [] as Sample[] };
    await Promise.all(
      crowd.map(async (user) => {
        for (let round = 0; round < 3; round++) {
          await measured(together.home, (headers) => user.client.request("/", { headers }));
          waiting.push(await send(together.send, user));
        }
      }),
    );
    const approversAtOnce = await Promise.all(
      approvers.map(async (person) => {
        const client = new TimedClient(server.base);
        await client.signIn(person.id, load.PASSWORD);
        return client;
      }),
    );
    // Each reviewer opens their queue and approves the first submission in it that no other reviewer has taken.
    const taken = new Set<string>();
    const roundsFrom = server.output().length;
    await Promise.all(
      approversAtOnce.map(async (client) => {
        for (let round = 0; round < 4; round++) {
          const page = await measured(together.queue, (headers) => client.request("/duyet", { headers }));
          const branch = load.queued(page.text).find((candidate) => waiting.includes(candidate) && !taken.has(candidate));
          if (!branch) continue;
          taken.add(branch);
          await approveOne(together.approve, client, branch);
        }
      }),
    );
    await line("Mở trang chủ", together.home, TARGET_MS);
    await line("Mở hàng chờ duyệt (5 người duyệt cùng lúc)", together.queue, TARGET_MS);
    await line("Gửi một thông tin", together.send, TARGET_MS);
    await line(`Duyệt một bài (5 người duyệt cùng lúc, ${together.approve.length} bài)`, together.approve, TARGET_MS);
    console.log(`  lượt duyệt gộp: ${describeRounds(roundSizes(roundsFrom))}`);
    const afterCrowd = rssMb(server.pid);

    console.log(`\nBao nhiêu người gửi cùng lúc mà p95 ≤ ${HOLD_MS} ms:`);
    let held = 0;
    for (const size of [5, 10, 20, 40, 80]) {
      const group = users.slice(0, Math.min(size, users.length));
      if (group.length < size) break;
      const samples: Sample[] = [];
      await Promise.all(
        group.map(async (user) => {
          for (let round = 0; round < 2; round++) await send(samples, user);
        }),
      );
      const times = await serverTimes(samples);
      const clients = samples.map((sample) => sample.client);
      const p95 = percentile(times, 0.95);
      console.log(
        `  ${String(size).padStart(3)} người: trung vị ${median(times).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms   [phía người dùng: ${median(clients).toFixed(0)} / ${percentile(clients, 0.95).toFixed(0)} ms]`,
      );
      if (p95 > HOLD_MS) break;
      held = size;
    }
    console.log(`  → giữ được ${held} người gửi cùng lúc với p95 ≤ ${HOLD_MS} ms`);
    const after = rssMb(server.pid);
    console.log(`\nĐã duyệt thật ${approved} bài (không tính lần bị từ chối).`);
    // The target holds after warm-up, through the 20 users at once; the end comes after the 80-sender ramp, beyond it.
    const judged = Math.max(warm, afterCrowd);
    console.log(
      `\nBộ nhớ máy chủ (RSS): sau khởi động ${warm.toFixed(0)} MB, sau 20 người cùng lúc ${afterCrowd.toFixed(0)} MB (mục tiêu ≤ ${RSS_TARGET_MB} MB: ${judged <= RSS_TARGET_MB ? "đạt" : "CHƯA ĐẠT"}); cuối phép đo, sau đợt 80 người gửi, ${after.toFixed(0)} MB`,
    );
  } finally {
    await server.stop();
    repository.remove();
    rmSync(state, { recursive: true, force: true });
  }
}

export function register(program: Command): void {
  const command = program
    .command("workspace")
    .description(
      `Đo bàn làm việc trên kho ${OBSERVATIONS.toLocaleString("vi-VN")} thông tin: mở trang chủ, hàng chờ duyệt, gửi, duyệt (trung vị, p95), 20 người cùng lúc, số người gửi cùng lúc giữ được p95 ≤ 1 s, bộ nhớ.`,
    )
    .action(act(benchWorkspace));
  examples(command, [
    ["npx dan-y bench workspace", "đo trên kho 100 nghìn thông tin (npm run bench:workspace)"],
    ["BENCH_OBSERVATIONS=10000 npx dan-y bench workspace", "đo nhanh trên kho 10 nghìn"],
  ]);
}
