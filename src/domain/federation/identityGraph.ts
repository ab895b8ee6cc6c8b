/**
 * Which identities are one person: the connected components of the links the identity service (IHE PIXm,
 * ITI-83) gave. Nothing else joins two identities — not an equal Patient ID string, not an equal name.
 */

/**
 * The connected components of `nodes` under `links` (pairs of nodes), each in the order the nodes were given,
 * components in the order of their first node. Links naming an unknown node are ignored.
 */
export function connectedComponents(nodes: readonly string[], links: readonly (readonly [string, string])[]): string[][] {
  const parent = new Map<string, string>(nodes.map((node) => [node, node]));
  const root = (node: string): string => {
    let current = node;
    for (;;) {
      const up = parent.get(current) ?? current;
      if (up === current) return current;
      const grandparent = parent.get(up) ?? up;
      parent.set(current, grandparent);
      current = grandparent;
    }
  };
  for (const [a, b] of links) {
    if (!parent.has(a) || !parent.has(b)) continue;
    const rootA = root(a);
    const rootB = root(b);
    if (rootA !== rootB) parent.set(rootB, rootA);
  }
  const components = new Map<string, string[]>();
  for (const node of parent.keys()) {
    const key = root(node);
    const members = components.get(key);
    if (members) members.push(node);
    else components.set(key, [node]);
  }
  return [...components.values()];
}
