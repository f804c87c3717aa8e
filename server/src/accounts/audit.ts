import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../db/clock.js';
import { type AuditAction, AuditRecord } from './audit-record.entity.js';

/** Records a change to who may do what; written by the caller's next flush, with the change itself. */
export function audit(
  em: EntityManager,
  clock: Clock,
  actor: string,
  action: AuditAction,
  subject: string,
  detail: string | null = null,
): void {
  em.persist(em.create(AuditRecord, { at: clock.now(), actor, action, subject, detail }));
}
