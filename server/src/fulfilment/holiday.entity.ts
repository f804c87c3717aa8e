import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A day the plant does not work (besides weekends). */
@Entity({ tableName: 'holiday' })
export class Holiday {
  /** YYYY-MM-DD */
  @PrimaryKey({ type: 'string', length: 10 })
  day!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;
}
