import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["schemas/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
