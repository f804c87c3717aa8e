import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One published version of a product model: the model file exactly as published, never changed
 * afterwards. Publishing a changed model makes a new version; configurations, quotes and orders name
 * the version they were made with.
 */
@Entity({ tableName: 'product_model_version' })
@Unique({ properties: ['productCode', 'version'] })
export class ProductModelVersion {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 100 })
  productCode!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** The model file as published (YAML or JSON text). */
  @Property({ type: 'text' })
  source!: string;

  /** SHA-256 of the source: publishing the same text again is not a new version. */
  @Property({ type: 'string', length: 64 })
  sourceHash!: string;

  @Property({ type: 'datetime' })
  publishedAt!: Date;
}
