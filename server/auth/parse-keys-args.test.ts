import { describe, expect, it } from "vitest";
import { parseKeysArgs } from "./parse-keys-args";

describe("parseKeysArgs", () => {
  it("parses create with defaults", () => {
    expect(parseKeysArgs(["create", "--desk", "alpha"])).toEqual({
      ok: true,
      command: { cmd: "create", desk: "alpha", role: "trader", sandbox: false, label: "" },
    });
  });

  it("parses create with every option, in both --flag value and --flag=value forms", () => {
    const expected = { cmd: "create", desk: "alpha", role: "lead", sandbox: true, label: "ops bot" };
    expect(parseKeysArgs(["create", "--sandbox", "--role", "lead", "--desk", "alpha", "--label", "ops bot"])).toEqual({
      ok: true,
      command: expected,
    });
    expect(parseKeysArgs(["create", "--desk=alpha", "--role=lead", "--sandbox", "--label=ops bot"])).toEqual({
      ok: true,
      command: expected,
    });
  });

  it("parses --qps as the desk's rate limit and refuses nonsense", () => {
    expect(parseKeysArgs(["create", "--desk", "a", "--qps", "2.5"])).toMatchObject({ ok: true, command: { qps: 2.5 } });
    for (const bad of ["0", "-1", "abc", "1e9"]) {
      expect(parseKeysArgs(["create", "--desk", "a", "--qps", bad])).toMatchObject({ ok: false, error: expect.stringMatching(/bad --qps/) });
    }
  });

  it("parses list, revoke, demo and help", () => {
    expect(parseKeysArgs(["list"])).toEqual({ ok: true, command: { cmd: "list" } });
    expect(parseKeysArgs(["list", "--desk", "alpha"])).toEqual({ ok: true, command: { cmd: "list", desk: "alpha" } });
    expect(parseKeysArgs(["revoke", "key_abc"])).toEqual({ ok: true, command: { cmd: "revoke", target: "key_abc" } });
    expect(parseKeysArgs(["demo"])).toEqual({ ok: true, command: { cmd: "demo" } });
    for (const h of ["help", "--help", "-h"]) expect(parseKeysArgs([h])).toEqual({ ok: true, command: { cmd: "help" } });
  });

  it.each([
    [[], /missing command/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["create"], /create needs --desk NAME/],
    [["create", "--desk"], /--desk needs a value/],
    [["create", "--desk", "--sandbox"], /--desk needs a value/],
    [["create", "--desk", "  "], /--desk must not be empty/],
    [["create", "--desk", "a", "--role", "admin"], /bad role "admin"/],
    [["create", "--desk", "a", "--sandbox=yes"], /--sandbox takes no value/],
    [["create", "--desk", "a", "--desk", "b"], /--desk given more than once/],
    [["create", "--desk", "a", "--colour", "red"], /unknown option --colour/],
    [["create", "--desk", "a", "extra"], /unexpected argument "extra"/],
    [["list", "--role", "lead"], /unknown option --role for "list"/],
    [["revoke"], /revoke needs a KEY_ID/],
    [["revoke", "key_a", "key_b"], /unexpected argument "key_b"/],
    [["demo", "now"], /"demo" takes no arguments/],
  ])("%j is refused", (argv, message) => {
    const result = parseKeysArgs(argv);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(message);
      expect(result.error).not.toContain("\n");
    }
  });
});
