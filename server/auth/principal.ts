/**
 * Who is calling: the key and its desk, as every handler needs them. Built from the
 * database on each request so revocations and desk changes apply at once.
 */
import type { Role } from "@/lib/contracts/common";
import type { ApiKeyRecord, Store } from "@/server/store/port";

export interface Principal {
  deskId: string;
  deskName: string;
  keyId: string;
  /** Display prefix of the key (e.g. "seq_test_3f9a…"), safe to show in the dashboard. */
  keyPrefix: string;
  role: Role;
  sandbox: boolean;
  qps: number;
  restrictTradersToOwnOrders: boolean;
}

/** Undefined if the key's desk is gone (should not happen: keys reference desks). */
export async function loadPrincipal(store: Store, key: ApiKeyRecord): Promise<Principal | undefined> {
  const desk = await store.getDesk(key.deskId);
  if (!desk) return undefined;
  return {
    deskId: desk.id,
    deskName: desk.name,
    keyId: key.id,
    keyPrefix: key.prefix,
    role: key.role,
    sandbox: key.sandbox,
    qps: desk.qps,
    restrictTradersToOwnOrders: desk.restrictTradersToOwnOrders,
  };
}
