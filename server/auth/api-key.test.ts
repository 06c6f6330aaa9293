import { describe, expect, it } from "vitest";
import { displayPrefix, generateApiKey, hashApiKey, isWellFormedKey, keyKind, parseBearer } from "./api-key";

const ZERO_KEY = `seq_test_${"0".repeat(64)}`;

describe("generateApiKey", () => {
  it("makes well-formed live and test keys, different every time", () => {
    const live = generateApiKey("live");
    const test = generateApiKey("test");
    expect(live).toMatch(/^seq_live_[0-9a-f]{64}$/);
    expect(test).toMatch(/^seq_test_[0-9a-f]{64}$/);
    expect(generateApiKey("live")).not.toBe(live);
    expect(keyKind(live)).toBe("live");
    expect(keyKind(test)).toBe("test");
  });
});

describe("isWellFormedKey", () => {
  it.each([
    [ZERO_KEY, true],
    [`seq_live_${"ab".repeat(32)}`, true],
    [`seq_live_${"AB".repeat(32)}`, false],
    [`seq_prod_${"0".repeat(64)}`, false],
    [`seq_test_${"0".repeat(63)}`, false],
    [`seq_test_${"0".repeat(65)}`, false],
    [`seq_test_${"0".repeat(63)}g`, false],
    [` ${ZERO_KEY}`, false],
    [`${ZERO_KEY}\n`, false],
    ["", false],
  ])("%j → %s", (key, expected) => {
    expect(isWellFormedKey(key)).toBe(expected);
  });

  it("keyKind is undefined for a malformed key", () => {
    expect(keyKind("seq_live_abc")).toBeUndefined();
  });
});

describe("hashApiKey", () => {
  it("is SHA-256 hex (known vectors, checked with sha256sum)", () => {
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashApiKey(ZERO_KEY)).toBe("c629e6f2eed859e6960fb6e3c3153e21c84361a5eb15749433e23dc8809263e2");
  });
});

describe("displayPrefix", () => {
  it("keeps the kind and four hex characters", () => {
    expect(displayPrefix(`seq_test_3f9a${"0".repeat(60)}`)).toBe("seq_test_3f9a…");
  });
});

describe("parseBearer", () => {
  it("accepts Bearer with any scheme case", () => {
    expect(parseBearer(`Bearer ${ZERO_KEY}`)).toEqual({ ok: true, key: ZERO_KEY });
    expect(parseBearer(`bearer ${ZERO_KEY}`)).toEqual({ ok: true, key: ZERO_KEY });
    expect(parseBearer(`BEARER ${ZERO_KEY}`)).toEqual({ ok: true, key: ZERO_KEY });
  });

  it("reports a missing header", () => {
    expect(parseBearer(null)).toEqual({ ok: false, reason: "missing" });
    expect(parseBearer("")).toEqual({ ok: false, reason: "missing" });
    expect(parseBearer("   ")).toEqual({ ok: false, reason: "missing" });
  });

  it.each([
    ["Bearer", "no token"],
    [ZERO_KEY, "no scheme"],
    [`Basic ${ZERO_KEY}`, "other scheme"],
    [`Bearer ${ZERO_KEY} extra`, "two tokens"],
    [`Bearer ${ZERO_KEY},${ZERO_KEY}`, "joined tokens"],
    ["Bearer seq_test_abc", "short key"],
    [`Bearer ${ZERO_KEY.toUpperCase()}`, "upper-case key"],
    [`Bearer\t${ZERO_KEY}`, "tab separator"],
  ])("%j is malformed (%s)", (header) => {
    expect(parseBearer(header)).toEqual({ ok: false, reason: "malformed" });
  });
});
