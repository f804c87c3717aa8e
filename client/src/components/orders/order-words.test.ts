import { describe, expect, it } from 'vitest';
import { carrierTrackingUrl, shipDayText } from './order-words';

describe('order words', () => {
  it('links the known carriers’ tracking pages (DHL, UPS, DPD, FedEx), whatever the case; none for others', () => {
    expect(carrierTrackingUrl('dhl express', '123')).toBe(
      'https://www.dhl.com/global-en/home/tracking.html?tracking-id=123',
    );
    expect(carrierTrackingUrl('UPS', '1Z999')).toBe('https://www.ups.com/track?tracknum=1Z999');
    expect(carrierTrackingUrl('DPD', '0152')).toBe('https://tracking.dpd.de/status/en_US/parcel/0152');
    expect(carrierTrackingUrl('FedEx', '7777')).toBe('https://www.fedex.com/fedextrack/?trknbr=7777');
    expect(carrierTrackingUrl('Fed Ex', 'a&b')).toBe('https://www.fedex.com/fedextrack/?trknbr=a%26b');
    expect(carrierTrackingUrl('Hermes', '1')).toBeNull();
    expect(carrierTrackingUrl('UPSIDE Logistics', '1')).toBeNull();
  });

  it('writes a ship date with its weekday in the reader’s language, on the day given', () => {
    expect(shipDayText('2026-12-15', 'en-GB')).toBe('Tue, 15 Dec 2026');
    expect(shipDayText('2026-12-15', 'de-DE')).toBe('Di., 15. Dez. 2026');
  });
});
