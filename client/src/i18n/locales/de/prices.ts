import type en from '../en/prices';

export default {
  netOfTax: '{list}, ohne Steuer',
  taxIncluded: '{list}, inkl. Steuer',
} satisfies typeof en;
