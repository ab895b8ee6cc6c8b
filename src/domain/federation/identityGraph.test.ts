import { describe, expect, it } from 'vitest';
import { connectedComponents } from './identityGraph.ts';

describe('connected identities', () => {
  it('joins linked nodes only', () => {
    expect(connectedComponents(['a', 'b', 'c', 'd', 'e'], [['a', 'c'], ['d', 'c']])).toEqual([['a', 'c', 'd'], ['b'], ['e']]);
  });

  it('ignores links to unknown nodes and links of a node to itself', () => {
    expect(connectedComponents(['a', 'b'], [['a', 'z'], ['b', 'b']])).toEqual([['a'], ['b']]);
  });

  it('joins long chains', () => {
    const nodes = Array.from({ length: 2000 }, (_, i) => `n${i}`);
    const links = nodes.slice(1).map((node, i) => [nodes[i] ?? '', node] as const);
    expect(connectedComponents(nodes, links)).toHaveLength(1);
  });
});
