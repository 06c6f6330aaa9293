/**
 * Structural checks on an order graph before anything is written: unique node ids, edges
 * between existing nodes, no self-loops, and no cycles (a cycle would make a node wait on
 * itself, so the graph could never finish). Problems are reported per field, in the
 * envelope's `details` shape, all at once.
 */
export interface GraphShape {
  nodes: readonly { node_id: string }[];
  edges: readonly { from: string; to: string }[];
}

export interface GraphProblem {
  field: string;
  message: string;
}

export function validateGraph(graph: GraphShape): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const index = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    if (index.has(n.node_id)) problems.push({ field: `nodes.${i}.node_id`, message: `duplicate node_id "${n.node_id}"` });
    else index.set(n.node_id, i);
  });
  const out = new Map<string, string[]>();
  graph.edges.forEach((e, i) => {
    if (!index.has(e.from)) problems.push({ field: `edges.${i}.from`, message: `edge from unknown node "${e.from}"` });
    if (!index.has(e.to)) problems.push({ field: `edges.${i}.to`, message: `edge to unknown node "${e.to}"` });
    if (e.from === e.to) problems.push({ field: `edges.${i}`, message: `node "${e.from}" cannot trigger itself` });
    const list = out.get(e.from) ?? [];
    list.push(e.to);
    out.set(e.from, list);
  });
  if (problems.length) return problems;
  const cycle = findCycle([...index.keys()], out);
  if (cycle) problems.push({ field: "edges", message: `cycle: ${cycle.join(" → ")}` });
  return problems;
}

/** Iterative DFS with colours; returns one cycle's node path, or undefined. */
function findCycle(nodes: string[], out: Map<string, string[]>): string[] | undefined {
  const colour = new Map<string, 0 | 1 | 2>();
  for (const start of nodes) {
    if (colour.get(start)) continue;
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    const path: string[] = [start];
    colour.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const children = out.get(top.node) ?? [];
      if (top.next >= children.length) {
        colour.set(top.node, 2);
        stack.pop();
        path.pop();
        continue;
      }
      const child = children[top.next++]!;
      const c = colour.get(child) ?? 0;
      if (c === 1) return [...path.slice(path.indexOf(child)), child];
      if (c === 0) {
        colour.set(child, 1);
        stack.push({ node: child, next: 0 });
        path.push(child);
      }
    }
  }
  return undefined;
}

/** Nodes no edge points to: they start when the graph is accepted. */
export function rootNodes(graph: GraphShape): string[] {
  const targets = new Set(graph.edges.map((e) => e.to));
  return graph.nodes.map((n) => n.node_id).filter((id) => !targets.has(id));
}
