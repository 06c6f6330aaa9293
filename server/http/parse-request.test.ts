import { describe, expect, it } from "vitest";
import { z } from "zod";
import { QuotesQuerySchema } from "@/lib/contracts/market";
import { parseJsonBody, parseQuery } from "./parse-request";

const get = (qs: string) => new Request(`http://x/v1/quotes?${qs}`);

describe("parseQuery", () => {
  it("parses a comma list, trimming and upper-casing symbols", () => {
    expect(parseQuery(get("symbols=btc-usd,%20eth-usd,,"), QuotesQuerySchema)).toEqual({ symbols: ["BTC-USD", "ETH-USD"] });
  });

  it("refuses unknown and repeated parameters as INVALID_PARAMS naming them", () => {
    expect(() => parseQuery(get("symbols=BTC-USD&limit=3"), QuotesQuerySchema)).toThrow(/unknown query parameter: limit/);
    expect(() => parseQuery(get("symbols=BTC-USD&symbols=ETH-USD"), QuotesQuerySchema)).toThrow(/more than once/);
  });

  it("reports a bad list element by its index", () => {
    const r = (() => {
      try {
        parseQuery(get("symbols=BTC-USD,nope"), QuotesQuerySchema);
      } catch (e) {
        return e as z.ZodError;
      }
    })();
    expect(r?.issues[0]?.path).toEqual(["symbols", 1]);
  });
});

describe("parseJsonBody", () => {
  const schema = z.strictObject({ key: z.string() });
  const post = (body: string, type = "application/json") => new Request("http://x/v1/session", { method: "POST", body, headers: { "content-type": type } });

  it("parses valid JSON through the contract", async () => {
    expect(await parseJsonBody(post('{"key":"k"}'), schema)).toEqual({ key: "k" });
  });

  it("refuses wrong content type, bad JSON and oversize bodies", async () => {
    await expect(parseJsonBody(post('{"key":"k"}', "text/plain"), schema)).rejects.toThrow(/Content-Type/);
    await expect(parseJsonBody(post("{nope"), schema)).rejects.toThrow(/not valid JSON/);
    await expect(parseJsonBody(post(JSON.stringify({ key: "x".repeat(300_000) })), schema)).rejects.toThrow(/exceeds/);
  });
});
