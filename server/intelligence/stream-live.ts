import { LiveResponseSchema } from "@/lib/contracts/live";
import type { Core } from "@/server/core";
import { getLive } from "./get-live";

const PUSH_EVERY_MS = 1_000;

/**
 * Server-sent events of the live view: one `update` a second until the order is final
 * (then one last update and the stream ends), or until the client goes away. The first
 * read happens before the response starts, so an unknown order is a 404 envelope, not an
 * empty stream.
 */
export async function streamLive(core: Core, deskId: string, id: string, signal: AbortSignal): Promise<Response> {
  const first = LiveResponseSchema.parse(await getLive(core, deskId, id));
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (data: unknown) => controller.enqueue(encoder.encode(`event: update\ndata: ${JSON.stringify(data)}\n\n`));
      const close = () => {
        if (timer) clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      signal.addEventListener("abort", close, { once: true });
      send(first);
      if (first.schedule.status === "done") return close();
      const next = async () => {
        if (signal.aborted) return;
        try {
          const view = LiveResponseSchema.parse(await getLive(core, deskId, id));
          send(view);
          if (view.schedule.status === "done") return close();
        } catch (err) {
          core.log.error(`live stream for ${id} failed`, err);
          controller.enqueue(encoder.encode(`event: error\ndata: {"message":"live view unavailable; reconnect"}\n\n`));
          return close();
        }
        timer = setTimeout(next, PUSH_EVERY_MS);
      };
      timer = setTimeout(next, PUSH_EVERY_MS);
    },
    cancel() {
      if (timer) clearTimeout(timer);
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}
