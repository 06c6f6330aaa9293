/**
 * Creates a key for a desk: generates it, stores its hash and display prefix, and hands
 * the plaintext back once. Nothing else ever sees the plaintext.
 */
import type { Role } from "@/lib/contracts/common";
import type { ApiKeyRecord, Store } from "@/server/store/port";
import { displayPrefix, generateApiKey, hashApiKey } from "./api-key";

export interface IssueApiKeyInput {
  deskId: string;
  role: Role;
  /** true → seq_test_ key that trades in the sandbox. */
  sandbox: boolean;
  label?: string;
}

export interface IssuedApiKey {
  key: string;
  record: ApiKeyRecord;
}

export async function issueApiKey(store: Store, input: IssueApiKeyInput): Promise<IssuedApiKey> {
  const key = generateApiKey(input.sandbox ? "test" : "live");
  const record = await store.createApiKey({
    deskId: input.deskId,
    role: input.role,
    sandbox: input.sandbox,
    hash: hashApiKey(key),
    prefix: displayPrefix(key),
    label: input.label ?? "",
  });
  return { key, record };
}
