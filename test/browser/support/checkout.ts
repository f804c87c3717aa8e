// Filling the checkout page as a customer does: contact, a German delivery address, the terms of sale
// accepted. Browser tests that go through the checkout call this instead of knowing its fields.
import type { Page } from 'playwright-core';

export const byTestId = (id: string): string => `[data-testid="${id}"]`;

/** A German delivery address (the demo plant's city): 19 % VAT, the domestic shipping rate. */
export const GERMAN_ADDRESS = {
  name: 'Ada Lovelace',
  line1: 'Invalidenstraße 117',
  postalCode: '10115',
  city: 'Berlin',
  country: 'DE',
} as const;

export interface CheckoutDetails {
  name?: string;
  email?: string;
  address?: Partial<Record<keyof typeof GERMAN_ADDRESS, string>>;
  /** Leave the terms unticked (to see the page refuse). */
  skipTerms?: boolean;
}

/** Waits for the checkout form (and its countries) to be shown. */
export async function checkoutReady(page: Page): Promise<void> {
  await page.locator(byTestId('checkout-summary')).waitFor();
  await page
    .locator(`${byTestId('input-delivery-country')} option[value="DE"]`)
    .waitFor({ state: 'attached' });
}

/** Fills contact, a German delivery address (or the one given) and accepts the terms of sale. */
export async function fillCheckout(page: Page, details: CheckoutDetails = {}): Promise<void> {
  await checkoutReady(page);
  const address = { ...GERMAN_ADDRESS, ...details.address };
  await page.locator(byTestId('customer-name')).fill(details.name ?? address.name);
  await page.locator(byTestId('customer-email')).fill(details.email ?? 'ada@example.com');
  await page.locator(byTestId('input-delivery-country')).selectOption(address.country);
  await page.locator(byTestId('input-delivery-name')).fill(details.name ?? address.name);
  await page.locator(byTestId('input-delivery-line1')).fill(address.line1);
  await page.locator(byTestId('input-delivery-postalCode')).fill(address.postalCode);
  await page.locator(byTestId('input-delivery-city')).fill(address.city);
  if (!details.skipTerms) await page.locator(byTestId('accept-terms')).check();
}

/** Fills the checkout as fillCheckout does, then places the order. */
export async function placeOrderThroughCheckout(page: Page, details: CheckoutDetails = {}): Promise<void> {
  await fillCheckout(page, details);
  await page.locator(byTestId('place-order')).click();
}
