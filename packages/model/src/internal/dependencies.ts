/**
 * Textual dependencies between aux variables and user functions (model-dsl.md §3.5): a name
 * depends on every aux/function whose name occurs as a token `[A-Za-z_][A-Za-z0-9_]*` in its raw
 * text (comments, argument names and the `e5` of `1e5` included, as in dynlib).
 */
import { ModelErrorCode } from "../errors.ts";
import { type LoadContext, loadError } from "./context.ts";

const TOKEN = /[A-Za-z_][A-Za-z0-9_]*/g;

/** The distinct identifier tokens of a text, in order of first occurrence. */
export function tokens(text: string): string[] {
  return [...new Set(text.match(TOKEN) ?? [])];
}

/** name → aux/function names it depends on (aux first, then functions, declaration order). */
export function dependencyGraph(
  aux: Readonly<Record<string, string>>,
  functions: Readonly<Record<string, { readonly expr: string }>>,
): Map<string, string[]> {
  const nodes = [...Object.keys(aux), ...Object.keys(functions)];
  // Declaration index of every node: dependencies are listed in this order, and looking tokens up
  // here (instead of scanning all nodes per node) keeps long aux chains linear.
  const order = new Map(nodes.map((name, index) => [name, index]));
  const graph = new Map<string, string[]>();
  for (const name of nodes) {
    const text = name in aux ? (aux[name] as string) : (functions[name] as { expr: string }).expr;
    const used = tokens(text).filter((token) => order.has(token));
    used.sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
    graph.set(name, used);
  }
  return graph;
}

/**
 * Throws "Cyclic dependency detected involving 'a': a -> b -> a" for the first cycle met by a
 * depth-first search in declaration order (M-14).
 */
export function checkAcyclic(
  context: LoadContext,
  graph: ReadonlyMap<string, readonly string[]>,
  auxNames: ReadonlySet<string>,
): void {
  // Iterative DFS (a long aux chain must not exhaust the JS stack).
  const done = new Set<string>();
  for (const root of graph.keys()) {
    if (done.has(root)) continue;
    const path: string[] = [root];
    const onPath = new Set<string>([root]);
    const cursor: number[] = [0];
    while (path.length > 0) {
      const name = path.at(-1) as string;
      const next = (graph.get(name) ?? [])[cursor.at(-1) as number];
      if (next === undefined) {
        path.pop();
        cursor.pop();
        onPath.delete(name);
        done.add(name);
        continue;
      }
      cursor[cursor.length - 1] = (cursor.at(-1) as number) + 1;
      if (onPath.has(next)) {
        const cycle = [...path.slice(path.indexOf(next)), next];
        const location = auxNames.has(next) ? `[aux].${next}` : `[functions.${next}].expr`;
        throw loadError(
          context,
          ModelErrorCode.CYCLE,
          `Cyclic dependency detected involving '${next}': ${cycle.join(" -> ")}`,
          location,
        );
      }
      if (done.has(next)) continue;
      path.push(next);
      onPath.add(next);
      cursor.push(0);
    }
  }
}
