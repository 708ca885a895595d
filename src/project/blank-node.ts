/** A node with its identity filled in and nothing else yet: no description, config defaults, no code. */
import { defaultConfig } from './config.js';
import type { Node } from './types.js';

export type NodeIdentity = Pick<Node, 'uniqueId' | 'resourceType' | 'name' | 'packageName' | 'path' | 'originalFilePath' | 'absolutePath' | 'fqn'>;

export function blankNode(identity: NodeIdentity, schema = ''): Node {
  return {
    ...identity,
    description: '',
    config: defaultConfig(identity.resourceType),
    tags: [],
    columns: {},
    meta: {},
    rawCode: '',
    refs: [],
    sources: [],
    dependsOn: { nodes: [], macros: [] },
    relation: { schema, identifier: identity.name },
  };
}
