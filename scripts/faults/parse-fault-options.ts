/** `npm run faults -- [--store sqlite|postgres|both] [--cycles N] [--seed S] [--port P] [--scenario NAME[,NAME…]]`. */
export const SCENARIOS = ["chaos", "twap-restart", "cancel-then-kill", "pg-outage", "disk-full", "read-only", "sqlite-deleted"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface FaultOptions {
  stores: ("sqlite" | "postgres")[];
  /** Chaos cycles per store; undefined = the defaults (50 SQLite, 10 PostgreSQL). */
  cycles: number | undefined;
  seed: number;
  port: number;
  pgPort: number;
  scenarios: ScenarioName[];
  settleMs: number;
}

export const DEFAULT_CYCLES = { sqlite: 50, postgres: 10 } as const;
/** The regression repros run with the chaos cycles unless scenarios are named. */
const DEFAULT_SCENARIOS: ScenarioName[] = ["chaos", "twap-restart", "cancel-then-kill"];

export function parseFaultOptions(argv: readonly string[]): FaultOptions {
  const o: FaultOptions = { stores: ["sqlite"], cycles: undefined, seed: 1, port: 3400, pgPort: 5450, scenarios: DEFAULT_SCENARIOS, settleMs: 20_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    const value = argv[i + 1];
    const need = () => {
      if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    const int = (min: number) => {
      const v = need();
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be an integer ≥ ${min}, got "${v}"`);
      return n;
    };
    switch (flag) {
      case "--store": {
        const v = need();
        if (v === "both") o.stores = ["sqlite", "postgres"];
        else if (v === "sqlite" || v === "postgres") o.stores = [v];
        else throw new Error(`--store must be sqlite, postgres or both, got "${v}"`);
        break;
      }
      case "--cycles":
        o.cycles = int(0);
        break;
      case "--seed":
        o.seed = int(0);
        break;
      case "--port":
        o.port = int(1);
        break;
      case "--pg-port":
        o.pgPort = int(1);
        break;
      case "--settle-ms":
        o.settleMs = int(1_000);
        break;
      case "--scenario": {
        const names = need().split(",").map((s) => s.trim());
        for (const n of names) if (!(SCENARIOS as readonly string[]).includes(n)) throw new Error(`unknown scenario "${n}"; known: ${SCENARIOS.join(", ")}`);
        o.scenarios = names as ScenarioName[];
        break;
      }
      default:
        throw new Error(`unknown option "${flag}"`);
    }
  }
  return o;
}
