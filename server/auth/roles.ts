/**
 * What each role may do. Roles are cumulative: a lead can do everything a trader can,
 * a trader everything a viewer can.
 */
import type { Role } from "@/lib/contracts/common";

export type Permission = "read" | "trade" | "read_desk" | "manage_keys";

const PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ["read"],
  trader: ["read", "trade"],
  lead: ["read", "trade", "read_desk", "manage_keys"],
};

export function can(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return PERMISSIONS[role];
}
