/**
 * Key management CLI: `npm run keys -- <command>` (see KEYS_USAGE). Safe to run while
 * the server is up: both use the same database and neither caches keys.
 */
import { ConfigError, parseEnv } from "@/server/env";
import { KEYS_USAGE, parseKeysArgs } from "@/server/auth/parse-keys-args";
import { runKeysCommand } from "@/server/auth/run-keys-command";
import { openStore } from "@/server/store/open-store";

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseKeysArgs(argv);
  if (!parsed.ok) {
    console.error(`keys: ${parsed.error}`);
    return 2;
  }
  if (parsed.command.cmd === "help") {
    console.log(KEYS_USAGE);
    return 0;
  }

  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }

  const store = openStore({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL });
  try {
    await store.migrate();
    return await runKeysCommand(parsed.command, {
      store,
      dataDir: env.DATA_DIR,
      nowMs: Date.now(),
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`keys: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
