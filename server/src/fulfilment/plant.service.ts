import type { EntityManager } from '@mikro-orm/core';
import type { WorkCentre as ModelWorkCentre } from '../engine/index.js';
import { Holiday } from './holiday.entity.js';
import { WorkCentre } from './work-centre.entity.js';

/** The plant: its work centres (with their capacity) and its holidays. */
export class PlantService {
  /** Work centres are the plant's: the model that names one sets its name and capacity (in the publishing transaction). */
  async recordWorkCentres(em: EntityManager, centres: readonly ModelWorkCentre[]): Promise<void> {
    const known = await em.find(WorkCentre, { code: { $in: centres.map((centre) => centre.code) } });
    const byCode = new Map(known.map((centre) => [centre.code, centre]));
    for (const centre of centres) {
      const record = byCode.get(centre.code) ?? em.create(WorkCentre, { code: centre.code } as WorkCentre);
      record.name = centre.name;
      record.minutesPerDay = centre.minutesPerDay;
    }
  }

  async hasHolidays(em: EntityManager): Promise<boolean> {
    return (await em.count(Holiday, {})) > 0;
  }

  addHolidays(em: EntityManager, holidays: { day: string; name: string }[]): void {
    for (const holiday of holidays) em.create(Holiday, holiday);
  }
}
