import { Selection } from '../graphql/selection.types.js';
import { FeatureGroup, Product } from './catalog.types.js';
import type { LoadedVersion, ModelVersionRecord } from './model-cache.js';

export function toProduct(version: ModelVersionRecord, { model, defaultSelection }: LoadedVersion): Product {
  return Object.assign(new Product(), {
    code: model.code,
    name: model.name,
    description: model.description,
    pitch: model.pitch,
    modelVersion: version.version,
    currency: model.currency,
    maxQuantityPerLine: model.maxQuantityPerLine,
    version,
    groups: model.groups.map((group) => Object.assign(new FeatureGroup(), group)),
    defaultSelections: Object.entries(defaultSelection ?? {}).map(([feature, value]) =>
      Object.assign(new Selection(), {
        feature,
        value: Array.isArray(value) ? null : value === null ? null : String(value),
        values: Array.isArray(value) ? value : null,
      }),
    ),
  });
}
