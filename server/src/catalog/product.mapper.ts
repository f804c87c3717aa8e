import { Money } from '../graphql/common.types.js';
import { FeatureGroup, Product } from './catalog.types.js';
import type { LoadedVersion } from './model-cache.js';
import type { ProductModelVersion } from './product-model-version.entity.js';

export function toProduct(version: ProductModelVersion, { model, defaultPrice }: LoadedVersion): Product {
  return Object.assign(new Product(), {
    code: model.code,
    name: model.name,
    description: model.description,
    pitch: model.pitch,
    modelVersion: version.version,
    currency: model.currency,
    startingPrice: defaultPrice
      ? Money.of(defaultPrice.totalMinor, model.currency, model.currencyDigits)
      : null,
    groups: model.groups.map((group) => Object.assign(new FeatureGroup(), group)),
  });
}
