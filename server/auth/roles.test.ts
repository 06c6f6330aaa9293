import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/contracts/common";
import { can, permissionsOf, type Permission } from "./roles";

const MATRIX: Record<Role, Record<Permission, boolean>> = {
  viewer: { read: true, trade: false, read_desk: false, manage_keys: false },
  trader: { read: true, trade: true, read_desk: false, manage_keys: false },
  lead: { read: true, trade: true, read_desk: true, manage_keys: true },
};

describe("can", () => {
  for (const [role, perms] of Object.entries(MATRIX) as [Role, Record<Permission, boolean>][]) {
    for (const [permission, allowed] of Object.entries(perms) as [Permission, boolean][]) {
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it("roles are cumulative", () => {
    for (const p of permissionsOf("viewer")) expect(permissionsOf("trader")).toContain(p);
    for (const p of permissionsOf("trader")) expect(permissionsOf("lead")).toContain(p);
  });
});
