import type { z } from "zod";
import { ApiError } from "./api-error";

const MAX_BODY_BYTES = 256 * 1024;

/** Query string → contract. Repeated parameters are refused rather than silently merged. */
export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.output<T> {
  const params = new URL(request.url).searchParams;
  const record: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in record) {
      throw new ApiError("INVALID_PARAMS", `parameter "${key}" given more than once`, [
        { field: key, message: "give it once (lists are comma-separated)" },
      ]);
    }
    record[key] = value;
  }
  const result = schema.safeParse(record);
  if (!result.success) {
    const unknown = result.error.issues.find((i) => i.code === "unrecognized_keys");
    if (unknown && "keys" in unknown) {
      const keys = unknown.keys as string[];
      throw new ApiError(
        "INVALID_PARAMS",
        `unknown query parameter${keys.length > 1 ? "s" : ""}: ${keys.join(", ")}`,
        keys.map((k) => ({ field: k, message: "not a parameter of this endpoint" })),
      );
    }
    throw result.error;
  }
  return result.data;
}

/** JSON body → contract, with content-type, size and syntax checks that end in the envelope. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError("BAD_REQUEST", "Content-Type must be application/json", [
      { field: "Content-Type", message: type ? `got ${type}` : "missing" },
    ]);
  }
  const text = await readLimited(request);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError("BAD_REQUEST", "Body is not valid JSON", [{ field: "(body)", message: "JSON syntax error" }]);
  }
  return schema.parse(json);
}

async function readLimited(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function tooLarge() {
  return new ApiError("BAD_REQUEST", `Body exceeds ${MAX_BODY_BYTES} bytes`, [{ field: "(body)", message: "too large" }]);
}
