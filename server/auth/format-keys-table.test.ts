import { describe, expect, it } from "vitest";
import type { ApiKeyRecord } from "@/server/store/port";
import { formatKeysTable, formatUtcMinute } from "./format-keys-table";

const key: ApiKeyRecord = {
  id: "key_1",
  deskId: "desk_1",
  role: "trader",
  sandbox: true,
  hash: "h",
  prefix: "seq_test_3f9a…",
  label: "",
  createdAtMs: Date.UTC(2024, 0, 2, 3, 4, 5),
  revokedAtMs: null,
  lastUsedAtMs: Date.UTC(2024, 0, 3, 10, 0),
};

describe("formatKeysTable", () => {
  it("aligns columns and never shows the hash", () => {
    const text = formatKeysTable([
      { key, deskName: "alpha" },
      { key: { ...key, id: "key_22", sandbox: false, label: "ops", revokedAtMs: Date.UTC(2024, 1, 1) }, deskName: "b" },
    ]);
    expect(text.split("\n")).toEqual([
      "id      desk   role    sandbox  prefix          label  created            last used          revoked",
      "key_1   alpha  trader  yes      seq_test_3f9a…  -      2024-01-02 03:04Z  2024-01-03 10:00Z  -",
      "key_22  b      trader  no       seq_test_3f9a…  ops    2024-01-02 03:04Z  2024-01-03 10:00Z  2024-02-01 00:00Z",
    ]);
  });

  it("prints only the header for no keys", () => {
    expect(formatKeysTable([])).toBe("id  desk  role  sandbox  prefix  label  created  last used  revoked");
  });

  it("formats missing times as -", () => {
    expect(formatUtcMinute(null)).toBe("-");
  });
});
