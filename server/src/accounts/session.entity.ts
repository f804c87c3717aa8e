import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from './user.entity.js';

/**
 * A signed-in browser. The cookie holds a random token; the table holds only its SHA-256, so a copy of the
 * database signs nobody in. Deleted at sign-out, at "sign out everywhere" and when the user is disabled.
 */
@Entity({ tableName: 'user_session' })
@Index({ properties: ['user'] })
export class Session {
  /** SHA-256 (hex) of the cookie's token. */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** When it was last used (written at most once a minute): a session idle too long has ended. */
  @Property({ type: 'datetime' })
  lastSeenAt!: Date;

  /** The latest it ends, however often it is used. */
  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
