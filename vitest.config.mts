import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["{lib,server,components,scripts}/**/*.test.ts"],
    environment: "node",
    // Store contract tests open real databases; keep file-level parallelism modest on 2 cores.
    maxWorkers: 2,
  },
});
