import { describe, expect, it } from "vitest";
import { createRng } from "@/server/shared/rng";
import { IndexMinHeap, MinHeap } from "./min-heap";

describe("MinHeap", () => {
  it("pops in ascending order (heapsort against Array.sort on seeded data)", () => {
    const rng = createRng(3);
    const values = Array.from({ length: 500 }, () => Math.floor(rng.next() * 100));
    const heap = new MinHeap<number>((a, b) => a - b);
    for (const v of values) heap.push(v);
    expect(heap.size).toBe(500);
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop() as number);
    expect(out).toEqual([...values].sort((a, b) => a - b));
    expect(heap.pop()).toBeUndefined();
  });

  it("replaceTop re-sifts a grown key", () => {
    const heap = new MinHeap<{ id: string; key: number }>((a, b) => a.key - b.key || (a.id < b.id ? -1 : 1));
    heap.push({ id: "a", key: 1 });
    heap.push({ id: "b", key: 2 });
    heap.push({ id: "c", key: 3 });
    heap.replaceTop({ id: "a", key: 2.5 });
    expect([heap.pop()?.id, heap.pop()?.id, heap.pop()?.id]).toEqual(["b", "a", "c"]);
  });

  it("breaks equal keys by the comparator's tie rule, deterministically", () => {
    const heap = new MinHeap<[number, string]>((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    for (const id of ["okx", "binance", "kraken", "bybit"]) heap.push([1, id]);
    expect([1, 2, 3, 4].map(() => heap.pop()?.[1])).toEqual(["binance", "bybit", "kraken", "okx"]);
  });

  it("clear() empties it for reuse", () => {
    const heap = new MinHeap<number>((a, b) => a - b);
    heap.push(2);
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
    heap.replaceTop(7);
    expect(heap.peek()).toBe(7);
  });
});

describe("IndexMinHeap", () => {
  it("pops ids by key, ties by rank (seeded heapsort)", () => {
    const rng = createRng(8);
    const n = 300;
    const key = Array.from({ length: n }, () => Math.floor(rng.next() * 20));
    const rank = Array.from({ length: n }, (_, i) => n - i);
    const heap = new IndexMinHeap(key, rank, 4);
    for (let i = 0; i < n; i++) heap.push(i);
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop());
    const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => key[a]! - key[b]! || rank[a]! - rank[b]!);
    expect(out).toEqual(expected);
    expect(heap.pop()).toBe(-1);
    expect(heap.peek()).toBe(-1);
  });

  it("second() is the runner-up without popping", () => {
    const key = [5, 1, 3, 2, 4];
    const heap = new IndexMinHeap(key, [0, 1, 2, 3, 4]);
    expect(heap.second()).toBe(-1);
    [0, 1, 2, 3, 4].forEach((i) => heap.push(i));
    expect([heap.peek(), heap.second()]).toEqual([1, 3]);
    heap.pop();
    expect([heap.peek(), heap.second()]).toEqual([3, 2]);
  });

  it("replaceTop after the top's key grows", () => {
    const key = [1, 2, 3];
    const heap = new IndexMinHeap(key, [0, 1, 2]);
    [0, 1, 2].forEach((i) => heap.push(i));
    key[0] = 2.5;
    heap.replaceTop(0);
    expect([heap.pop(), heap.pop(), heap.pop()]).toEqual([1, 0, 2]);
  });
});
