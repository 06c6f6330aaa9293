import { describe, expect, it } from "vitest";
import { createGrid, isOnGrid } from "./market-grid";

describe("createGrid", () => {
  it("produces canonical decimal doubles", () => {
    const g = createGrid(0.01);
    expect(g.decimals).toBe(2);
    expect(g.fromUnits(900001)).toBe(9000.01);
    expect(g.round(0.1 + 0.2)).toBe(0.3);
    expect(String(g.fromUnits(123456789))).toBe("1234567.89");
  });

  it("floors and ceils with tolerance for float noise on grid points", () => {
    const g = createGrid(0.1);
    expect(g.floorUnits(0.3)).toBe(3); // 0.3 / 0.1 = 2.9999999999999996
    expect(g.ceilUnits(0.3)).toBe(3);
    expect(g.floorUnits(0.35)).toBe(3);
    expect(g.ceilUnits(0.35)).toBe(4);
  });

  it("handles tiny and integer steps", () => {
    expect(createGrid(1e-8).decimals).toBe(8);
    expect(createGrid(1e-8).fromUnits(150_000_001)).toBe(1.50000001);
    expect(createGrid(1).fromUnits(42)).toBe(42);
    expect(createGrid(0.25).round(0.3)).toBe(0.25);
    expect(() => createGrid(0)).toThrow(RangeError);
  });

  it("recognises values on a grid", () => {
    expect(isOnGrid(9000.01, 0.01)).toBe(true);
    expect(isOnGrid(9000.015, 0.01)).toBe(false);
    expect(isOnGrid(0.00012, 0.00001)).toBe(true);
    // large unit counts: 12,345.67890123 XRP on a 1e-8 lot is 1.2e12 units
    expect(isOnGrid(createGrid(1e-8).fromUnits(1_234_567_890_123), 1e-8)).toBe(true);
    expect(isOnGrid(12345.678901235, 1e-8)).toBe(false);
  });
});
