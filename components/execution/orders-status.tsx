import type { OrderStatus } from "@/lib/contracts/orders";
import { Badge } from "@/components/ui/badge";
import { STATUS_TONE } from "./orders-math";

/** An order's status as a coloured badge, with `data-status` for tests. */
export function OrderStatusBadge({ status, title, testId }: { status: OrderStatus; title?: string | undefined; testId?: string }) {
  return (
    <span data-testid={testId} data-status={status} className="inline-flex">
      <Badge tone={STATUS_TONE[status]} title={title} className="font-semibold tracking-wide">
        {status}
      </Badge>
    </span>
  );
}
