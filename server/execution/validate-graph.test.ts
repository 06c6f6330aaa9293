import { describe, expect, it } from "vitest";
import { rootNodes, validateGraph } from "./validate-graph";

const nodes = (...ids: string[]) => ids.map((node_id) => ({ node_id }));

describe("validateGraph", () => {
  it("accepts a DAG and finds its roots", () => {
    const g = { nodes: nodes("a", "b", "c"), edges: [{ from: "a", to: "b" }, { from: "a", to: "c" }, { from: "b", to: "c" }] };
    expect(validateGraph(g)).toEqual([]);
    expect(rootNodes(g)).toEqual(["a"]);
  });

  it("reports duplicate ids and edges to missing nodes by field", () => {
    const g = { nodes: nodes("a", "a"), edges: [{ from: "a", to: "zz" }, { from: "y", to: "a" }] };
    expect(validateGraph(g)).toEqual([
      { field: "nodes.1.node_id", message: 'duplicate node_id "a"' },
      { field: "edges.0.to", message: 'edge to unknown node "zz"' },
      { field: "edges.1.from", message: 'edge from unknown node "y"' },
    ]);
  });

  it("finds cycles, including self-loops and long ones", () => {
    expect(validateGraph({ nodes: nodes("a"), edges: [{ from: "a", to: "a" }] })[0]?.message).toMatch(/cannot trigger itself/);
    const long = { nodes: nodes("a", "b", "c", "d"), edges: [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "d" }, { from: "d", to: "b" }] };
    expect(validateGraph(long)).toEqual([{ field: "edges", message: "cycle: b → c → d → b" }]);
  });

  it("handles a wide graph without recursion limits", () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `n${i}`);
    const chain = { nodes: nodes(...ids), edges: ids.slice(1).map((id, i) => ({ from: ids[i]!, to: id })) };
    expect(validateGraph(chain)).toEqual([]);
  });
});
