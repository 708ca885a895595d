import { createRequire as __sluiceCreateRequire } from 'node:module';
import { dirname as __sluiceDirname } from 'node:path';
import { fileURLToPath as __sluiceFileURLToPath } from 'node:url';
const require = __sluiceCreateRequire(import.meta.url);
const __filename = __sluiceFileURLToPath(import.meta.url);
const __dirname = __sluiceDirname(__filename);
if (!globalThis.__sluiceQuietBuffer) {
  globalThis.__sluiceQuietBuffer = true;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) { const code = typeof rest[0] === 'object' && rest[0] !== null ? rest[0].code : rest[1]; if (code === 'DEP0005') return; return emitWarning.call(this, warning, ...rest); };
}

// src/graph/graph.ts
function emptyGraph() {
  return { nodes: /* @__PURE__ */ new Map(), parents: /* @__PURE__ */ new Map(), children: /* @__PURE__ */ new Map() };
}
function addNode(graph, node) {
  graph.nodes.set(node.uniqueId, node);
  if (!graph.parents.has(node.uniqueId)) graph.parents.set(node.uniqueId, /* @__PURE__ */ new Set());
  if (!graph.children.has(node.uniqueId)) graph.children.set(node.uniqueId, /* @__PURE__ */ new Set());
}
function addEdge(graph, parent, child) {
  graph.parents.get(child).add(parent);
  graph.children.get(parent).add(child);
}
function reachable(edges, start, depth = Infinity) {
  const seen = /* @__PURE__ */ new Set();
  let frontier = [...start];
  for (let step = 0; step < depth && frontier.length; step++) {
    const next = [];
    for (const id of frontier) {
      for (const neighbour of edges.get(id) ?? []) {
        if (!seen.has(neighbour)) {
          seen.add(neighbour);
          next.push(neighbour);
        }
      }
    }
    frontier = next;
  }
  return seen;
}
var ancestors = (graph, ids, depth) => reachable(graph.parents, ids, depth);
var descendants = (graph, ids, depth) => reachable(graph.children, ids, depth);

export {
  emptyGraph,
  addNode,
  addEdge,
  ancestors,
  descendants
};
