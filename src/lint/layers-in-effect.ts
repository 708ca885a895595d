/**
 * Which layers the layer rules (SL01–SL04) check. Layers written in sluice.yml (`lint.layers`) always
 * count: the team said so. Sluice's default layers (staging `stg_`, intermediate `int_`, analytics/marts
 * `dim_` `fact_` `fct_` `mart_`) count only where the project clearly follows them already, so a project
 * with other conventions (jaffle-shop's `marts/orders`) gets no naming findings it never agreed to.
 *
 * "Clearly follows" a default layer: among the root project's models in the layer's folders, at least
 * two carry one of its prefixes, and those are at least three quarters of the models there.
 */
import { layerOf, type LintSettings } from './lint-config.js';

/** Fewer prefixed models than this prove no convention (one `stg_` model may be a coincidence). */
export const MIN_PREFIXED_MODELS = 2;
/** The share of a layer's models that must carry its prefix. */
export const MIN_PREFIXED_SHARE = 0.75;

export interface LayeredModel {
  name: string;
  /** The model's path inside its model folder, posix (`staging/sap/stg_sap__orders.sql`). */
  path: string;
}

/** The default layers that the models do not follow (none when the layers come from sluice.yml). */
export function unfollowedLayers(settings: LintSettings, models: LayeredModel[]): Set<string> {
  const unfollowed = new Set<string>();
  if (settings.layersConfigured) return unfollowed;
  const counts = new Map(settings.layers.map((layer) => [layer.name, { models: 0, prefixed: 0 }]));
  for (const model of models) {
    const layer = layerOf(settings, model.path);
    if (!layer) continue;
    const count = counts.get(layer.name)!;
    count.models++;
    const name = model.name.toLowerCase();
    if (layer.prefixes.some((prefix) => name.startsWith(prefix.toLowerCase()))) count.prefixed++;
  }
  for (const [name, count] of counts) {
    if (count.prefixed < MIN_PREFIXED_MODELS || count.prefixed < MIN_PREFIXED_SHARE * count.models) unfollowed.add(name);
  }
  return unfollowed;
}
