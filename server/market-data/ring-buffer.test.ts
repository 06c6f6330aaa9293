import { describe, expect, it } from "vitest";
import { RingBuffer } from "./ring-buffer";

describe("RingBuffer", () => {
  it("keeps insertion order below capacity", () => {
    const rb = new RingBuffer<number>(4);
    rb.push(1);
    rb.push(2);
    expect(rb.size).toBe(2);
    expect(rb.toArray()).toEqual([1, 2]);
    expect(rb.at(0)).toBe(1);
    expect(rb.last()).toBe(2);
  });

  it("overwrites the oldest entries once full", () => {
    const rb = new RingBuffer<number>(3);
    for (let i = 1; i <= 7; i++) rb.push(i);
    expect(rb.size).toBe(3);
    expect(rb.toArray()).toEqual([5, 6, 7]);
    expect(rb.at(0)).toBe(5);
    expect(rb.at(-1)).toBe(7);
    expect(rb.at(-3)).toBe(5);
    expect(rb.at(3)).toBeUndefined();
    expect(rb.at(-4)).toBeUndefined();
  });

  it("filters oldest first and clears", () => {
    const rb = new RingBuffer<number>(5);
    for (let i = 0; i < 8; i++) rb.push(i);
    expect(rb.filter((x) => x % 2 === 0)).toEqual([4, 6]);
    rb.clear();
    expect(rb.size).toBe(0);
    expect(rb.last()).toBeUndefined();
    rb.push(9);
    expect(rb.toArray()).toEqual([9]);
  });

  it("rejects a non-positive capacity", () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5)).toThrow(RangeError);
  });
});
