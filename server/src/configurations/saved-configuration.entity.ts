import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A configuration someone saved to share: a short code restores exactly the same state. */
@Entity({ tableName: 'saved_configuration' })
export class SavedConfiguration {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Unique()
  @Property({ type: 'string', length: 32 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  productCode!: string;

  @Property({ type: 'integer' })
  modelVersion!: number;

  /** The choices as made (not the defaults filled in): the model's defaults apply again when opened. */
  @Property({ type: 'json' })
  selections!: { feature: string; value?: string | null; values?: string[] | null }[];

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
