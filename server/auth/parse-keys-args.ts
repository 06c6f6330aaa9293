/**
 * Argument parsing for `npm run keys -- <command>`, kept pure so every usage error is
 * tested without a database. Errors are one line, naming what was wrong.
 */
import { RoleSchema, type Role } from "@/lib/contracts/common";

export type KeysCommand =
  | { cmd: "create"; desk: string; role: Role; sandbox: boolean; label: string; qps?: number }
  | { cmd: "list"; desk?: string }
  | { cmd: "revoke"; target: string }
  | { cmd: "demo" }
  | { cmd: "help" };

export type ParseKeysArgsResult = { ok: true; command: KeysCommand } | { ok: false; error: string };

export const KEYS_USAGE = `Usage: npm run keys -- <command>
  create --desk NAME [--role trader|lead|viewer] [--sandbox] [--label TEXT] [--qps N]
         creates the desk if missing; prints the new key alone on the last line
         (seq_test_ with --sandbox, otherwise seq_live_; role defaults to trader;
         --qps sets the desk's API rate limit, burst 2 × N)
  list [--desk NAME]     lists keys (never the keys themselves, only their prefixes)
  revoke KEY_ID|KEY      revokes a key by id (key_…) or by the full key
  demo                   prints the demo desk's sandbox keys
  help                   prints this text`;

const HINT = 'run "npm run keys -- help" for usage';

interface FlagSpec {
  takesValue: boolean;
}

interface ParsedFlags {
  values: Map<string, string | true>;
  positionals: string[];
}

function fail(error: string): ParseKeysArgsResult {
  return { ok: false, error: `${error}; ${HINT}` };
}

function parseFlags(
  cmd: string,
  args: readonly string[],
  specs: Readonly<Record<string, FlagSpec>>,
): ParsedFlags | string {
  const values = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = specs[name];
    if (!spec) return `unknown option --${name} for "${cmd}"`;
    if (values.has(name)) return `--${name} given more than once`;
    if (!spec.takesValue) {
      if (eq !== -1) return `--${name} takes no value`;
      values.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      value = args[i + 1];
      if (value === undefined || value.startsWith("--")) return `--${name} needs a value`;
      i++;
    }
    values.set(name, value);
  }
  return { values, positionals };
}

function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags.values.get(name);
  return typeof value === "string" ? value : undefined;
}

function parseCreate(args: readonly string[]): ParseKeysArgsResult {
  const flags = parseFlags("create", args, {
    desk: { takesValue: true },
    role: { takesValue: true },
    sandbox: { takesValue: false },
    label: { takesValue: true },
    qps: { takesValue: true },
  });
  if (typeof flags === "string") return fail(flags);
  if (flags.positionals.length > 0) return fail(`unexpected argument "${flags.positionals[0]}" for "create"`);
  const desk = stringFlag(flags, "desk")?.trim();
  if (desk === undefined) return fail("create needs --desk NAME");
  if (desk === "") return fail("--desk must not be empty");
  const roleText = stringFlag(flags, "role") ?? "trader";
  const role = RoleSchema.safeParse(roleText);
  if (!role.success) return fail(`bad role "${roleText}" (expected trader, lead or viewer)`);
  const qpsText = stringFlag(flags, "qps");
  const qps = qpsText === undefined ? undefined : Number(qpsText);
  if (qps !== undefined && !(Number.isFinite(qps) && qps > 0 && qps <= 10_000)) {
    return fail(`bad --qps "${qpsText}" (expected a number > 0 and <= 10000)`);
  }
  return {
    ok: true,
    command: {
      cmd: "create",
      desk,
      role: role.data,
      sandbox: flags.values.get("sandbox") === true,
      label: stringFlag(flags, "label") ?? "",
      ...(qps !== undefined ? { qps } : {}),
    },
  };
}

function parseList(args: readonly string[]): ParseKeysArgsResult {
  const flags = parseFlags("list", args, { desk: { takesValue: true } });
  if (typeof flags === "string") return fail(flags);
  if (flags.positionals.length > 0) return fail(`unexpected argument "${flags.positionals[0]}" for "list"`);
  const desk = stringFlag(flags, "desk")?.trim();
  if (desk === "") return fail("--desk must not be empty");
  return { ok: true, command: desk === undefined ? { cmd: "list" } : { cmd: "list", desk } };
}

function parseRevoke(args: readonly string[]): ParseKeysArgsResult {
  const flags = parseFlags("revoke", args, {});
  if (typeof flags === "string") return fail(flags);
  const [target, extra] = flags.positionals;
  if (target === undefined || target.trim() === "") return fail("revoke needs a KEY_ID or the full key");
  if (extra !== undefined) return fail(`unexpected argument "${extra}" for "revoke"`);
  return { ok: true, command: { cmd: "revoke", target: target.trim() } };
}

function parseNoArgs(cmd: "demo" | "help", args: readonly string[]): ParseKeysArgsResult {
  if (args.length > 0) return fail(`"${cmd}" takes no arguments`);
  return { ok: true, command: { cmd } };
}

/** argv without the node and script entries, i.e. process.argv.slice(2). */
export function parseKeysArgs(argv: readonly string[]): ParseKeysArgsResult {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case undefined:
      return fail("missing command (create, list, revoke, demo)");
    case "create":
      return parseCreate(rest);
    case "list":
      return parseList(rest);
    case "revoke":
      return parseRevoke(rest);
    case "demo":
      return parseNoArgs("demo", rest);
    case "help":
    case "--help":
    case "-h":
      return { ok: true, command: { cmd: "help" } };
    default:
      return fail(`unknown command "${cmd}" (expected create, list, revoke or demo)`);
  }
}
