import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A place where work is done, with its capacity per working day. Created when a model naming it is published. */
@Entity({ tableName: 'work_centre' })
export class WorkCentre {
  @PrimaryKey({ type: 'string', length: 64 })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Capacity: minutes of work per working day. */
  @Property({ type: 'integer' })
  minutesPerDay!: number;
}
