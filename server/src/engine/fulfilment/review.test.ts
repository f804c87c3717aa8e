import { describe, expect, it } from 'vitest';
import {
  capacityReview,
  REVIEW_HORIZON_WORKING_DAYS,
  REVIEW_SHARE_PERCENT,
  type ReviewWorkCentre,
} from './review.js';

/** The e-bike's plant: Wheel building 6 h a day (360 min), Assembly 15 h (900 min), Packing 4 h (240 min). */
const centres = new Map<string, ReviewWorkCentre>([
  ['WHEEL-01', { code: 'WHEEL-01', name: 'Wheel building', minutesPerDay: 360 }],
  ['ASSY-01', { code: 'ASSY-01', name: 'Assembly', minutesPerDay: 900 }],
  ['PACK-01', { code: 'PACK-01', name: 'Packing', minutesPerDay: 240 }],
]);

describe('capacityReview: one order against the next working days of each work centre', () => {
  it('defaults to a quarter of the next 60 working days', () => {
    expect(REVIEW_HORIZON_WORKING_DAYS).toBe(60);
    expect(REVIEW_SHARE_PERCENT).toBe(25);
  });

  it('100 bikes of 50 wheel minutes book 5,000 of Wheel building’s 21,600 minutes: 23.1%, no review', () => {
    const review = capacityReview(
      [
        { workCentre: 'WHEEL-01', minutes: '5000' },
        // 100 × 95 assembly minutes: 9,500 of 54,000, 17.6%.
        { workCentre: 'ASSY-01', minutes: '9500' },
      ],
      centres,
    );
    expect(review).toEqual({
      needsReview: false,
      centres: [
        { code: 'WHEEL-01', name: 'Wheel building', minutes: 5000, capacityMinutes: 21600, percent: 24 },
        { code: 'ASSY-01', name: 'Assembly', minutes: 9500, capacityMinutes: 54000, percent: 18 },
      ],
    });
  });

  it('8,856 wheel minutes are 41% of 21,600: waits for review, named by the largest share', () => {
    const review = capacityReview(
      [
        { workCentre: 'ASSY-01', minutes: '14000' }, // 14,000 / 54,000: 25.9%, over too but smaller
        { workCentre: 'WHEEL-01', minutes: '4428' },
        { workCentre: 'WHEEL-01', minutes: '4428' }, // two lines on one centre add up: 8,856
      ],
      centres,
    );
    expect(review.needsReview).toBe(true);
    if (!review.needsReview) return;
    expect(review.largest).toEqual({
      code: 'WHEEL-01',
      name: 'Wheel building',
      minutes: 8856,
      capacityMinutes: 21600,
      percent: 41,
    });
    expect(review.message).toBe("books 41% of Wheel building's next 60 working days: waits for review");
    expect(review.centres.map((centre) => [centre.code, centre.percent])).toEqual([
      ['ASSY-01', 26],
      ['WHEEL-01', 41],
    ]);
  });

  it('exactly a quarter is allowed; one minute more waits (and reads 26%, never 25%)', () => {
    // Packing: 240 × 60 = 14,400 minutes; a quarter is 3,600.
    expect(capacityReview([{ workCentre: 'PACK-01', minutes: '3600' }], centres).needsReview).toBe(false);
    const over = capacityReview([{ workCentre: 'PACK-01', minutes: '3601' }], centres);
    expect(over).toMatchObject({
      needsReview: true,
      message: "books 26% of Packing's next 60 working days: waits for review",
    });
  });

  it('each operation counts in whole minutes, rounded up as the schedule books it', () => {
    // 3,599.2 rounds up to 3,600: still a quarter. Two operations of 1,800.5 round to 1,801 each: 3,602.
    expect(capacityReview([{ workCentre: 'PACK-01', minutes: '3599.2' }], centres).needsReview).toBe(false);
    const two = capacityReview(
      [
        { workCentre: 'PACK-01', minutes: '1800.5' },
        { workCentre: 'PACK-01', minutes: '1800.5' },
      ],
      centres,
    );
    expect(two.centres[0]!.minutes).toBe(3602);
    expect(two.needsReview).toBe(true);
  });

  it('takes another horizon and share', () => {
    // 10 working days of Wheel building: 3,600 minutes; 1,000 of them are 27.8%: over 25, under 50.
    const operations = [{ workCentre: 'WHEEL-01', minutes: '1000' }];
    expect(capacityReview(operations, centres, { horizonWorkingDays: 10 })).toMatchObject({
      needsReview: true,
      message: "books 28% of Wheel building's next 10 working days: waits for review",
    });
    expect(
      capacityReview(operations, centres, { horizonWorkingDays: 10, sharePercent: 50 }).needsReview,
    ).toBe(false);
  });

  it('an order with no operations books nothing and needs no review', () => {
    expect(capacityReview([], centres)).toEqual({ needsReview: false, centres: [] });
  });

  it('an unknown work centre or minutes that are not a decimal are the caller’s fault', () => {
    expect(() => capacityReview([{ workCentre: 'NOPE', minutes: '1' }], centres)).toThrow(
      'Unknown work centre NOPE',
    );
    expect(() => capacityReview([{ workCentre: 'WHEEL-01', minutes: 'ten' }], centres)).toThrow(
      /not a decimal/,
    );
  });
});
