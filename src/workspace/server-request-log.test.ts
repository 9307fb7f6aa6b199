/**
 * The request log (DAN_Y_REQUEST_LOG=1): one line per answered request with the
 * server's own time and the caller's request id, read back by the workspace
 * benchmark; the query string and an id that is not a plain token stay out.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it, vi } from "vitest";
import { loggedTimes, logWhenAnswered } from "./server.ts";

afterEach(() => vi.restoreAllMocks());

/** The request-log lines this process writes from now on (other output passes through). */
function capturedLogLines(): string[] {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array) => boolean;
  vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array) => {
    if (!String(chunk).startsWith("[yêu cầu]")) return write(chunk);
    lines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write);
  return lines;
}

it("logs method, path, status, the time to the last byte and the request id, and reads the times back by id", async () => {
  const lines = capturedLogLines();
  const server = createServer((request, response) => {
    logWhenAnswered(request, response, new URL(request.url ?? "/", "http://localhost").pathname);
    response.writeHead(201);
    response.write("một ");
    // The log's time runs to the last byte, not to the headers.
    setTimeout(() => response.end("hai"), 40);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    expect(await (await fetch(`${base}/ban-lam-viec/duyet?don-vi=xa-mot`, { headers: { "X-Request-Id": "do-7" } })).text()).toBe("một hai");
    await (await fetch(`${base}/ban-lam-viec/`, { method: "POST", headers: { "X-Request-Id": "../khong-hop-le" } })).text();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  await vi.waitFor(() => expect(lines).toHaveLength(2));
  expect(lines[0]).toMatch(/^\[yêu cầu\] GET \/ban-lam-viec\/duyet 201 \d+\.\d ms #do-7\n$/);
  expect(lines[1]).toMatch(/^\[yêu cầu\] POST \/ban-lam-viec\/ 201 \d+\.\d ms\n$/);
  const times = loggedTimes(lines.join(""));
  expect([...times.keys()]).toEqual(["do-7"]);
  expect(times.get("do-7")).toBeGreaterThanOrEqual(35);
});

it("logs a request whose client went away before the answer as abandoned, with the time until then", async () => {
  const lines = capturedLogLines();
  const server = createServer((request, response) => {
    logWhenAnswered(request, response, "/cham");
    // Never answered: the client gives up first.
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const abandoned = fetch(`${base}/cham`, { headers: { "X-Request-Id": "do-9" }, signal: AbortSignal.timeout(100) });
    await expect(abandoned).rejects.toThrow();
    await vi.waitFor(() => expect(lines).toHaveLength(1));
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  expect(lines[0]).toMatch(/^\[yêu cầu\] GET \/cham bỏ dở \d+\.\d ms #do-9\n$/);
  // Not a measured time: the benchmark's reader skips it.
  expect(loggedTimes(lines.join("")).size).toBe(0);
});
