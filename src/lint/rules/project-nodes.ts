/**
 * What project rules look at: the root project's models (a package's models are not the team's to
 * change, so they get no findings), and the layer a model's folder puts it in, with its rank (layers
 * are listed lowest first in sluice.yml).
 */
import type { Node } from '../../project/types.js';
import { layerOf, type Layer } from '../lint-config.js';
import type { ProjectLintContext } from '../rule.js';

export function projectModels(context: ProjectLintContext): Node[] {
  const models: Node[] = [];
  for (const node of context.graph.nodes.values()) {
    if (node.resourceType === 'model' && node.packageName === context.project.name) models.push(node);
  }
  return models;
}

export interface ModelLayer {
  layer: Layer;
  /** 0 for the lowest layer (staging by default). */
  rank: number;
}

/**
 * By the model's path inside its model folder (`staging/sap/stg_sap__orders.sql`), as dbt's fqn sees it.
 * A default layer the project does not follow is no layer for the rules (layers-in-effect.ts).
 */
export function modelLayer(context: ProjectLintContext, node: Node): ModelLayer | null {
  const layer = layerOf(context.settings, node.path);
  if (!layer || context.settings.unfollowedLayers.has(layer.name)) return null;
  return { layer, rank: context.settings.layers.indexOf(layer) };
}

/** The lowest layer is where raw data comes in: staging by default. */
export function isStagingLayer(context: ProjectLintContext, place: ModelLayer | null): boolean {
  return place !== null && place.rank === 0;
}

/** The lowest layer, when the rules check it. */
export function stagingLayer(context: ProjectLintContext): Layer | null {
  const lowest = context.settings.layers[0];
  return lowest && !context.settings.unfollowedLayers.has(lowest.name) ? lowest : null;
}
