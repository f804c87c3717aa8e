import { Arg, Ctx, Query, Resolver, UseMiddleware } from 'type-graphql';
import { Allow, ApiScope } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidArgs } from '../graphql/input-validation.js';
import { countryName } from './address.js';
import { POSTAL_CODES, REGIONS } from './address-formats.js';
import { checkoutInput, localeArgument } from './checkout.inputs.js';
import { toCheckoutSummary, toPaymentTermsOption } from './checkout.mapper.js';
import type { CheckoutTerms } from './checkout.service.js';
import {
  CheckoutInput,
  CheckoutSummary,
  PaymentTermsOption,
  Region,
  ShippingCountry,
  TermsOfSale,
} from './checkout.types.js';

@Resolver()
export class CheckoutResolver {
  @Query(() => CheckoutSummary, {
    description:
      'What an order of these lines would cost delivered to this address: the goods priced as placeOrder prices them, shipping by zone and the build’s weight, tax by destination (reverse charge, export), total, deposit and the promise. Writes nothing. Bad input is a BAD_USER_INPUT error naming the field (input.deliveryAddress.postalCode).',
  })
  @UseMiddleware(ValidArgs({ input: checkoutInput }))
  @Allow({ users: 'anyone', scope: ApiScope.CONFIGURE })
  async checkout(
    @Arg('input', () => CheckoutInput) input: CheckoutInput,
    @Ctx() { checkout, pricing, viewer }: RequestContext,
  ): Promise<CheckoutSummary> {
    // The input was read by checkoutInput: addresses checked and normalised, the VAT id in its stored form.
    const terms = input as unknown as CheckoutTerms;
    const result = await checkout.summarize(input.lines, terms, (line, field) =>
      pricing.forViewer(viewer, line, field),
    );
    return toCheckoutSummary(result);
  }

  @Query(() => [ShippingCountry], {
    description:
      'The countries we ship to, in zone order, each named in `locale` (default en) with what its addresses need.',
  })
  @UseMiddleware(ValidArgs(localeArgument))
  @Allow({ users: 'anyone', scope: ApiScope.CATALOG_READ })
  shippingCountries(
    @Arg('locale', () => String, { nullable: true }) locale: string | null,
    @Ctx() { checkout }: RequestContext,
  ): ShippingCountry[] {
    const language = (locale ?? 'en').split(/[-_]/)[0]!.toLowerCase();
    return [...checkout.data().zoneByCountry].map(([code, zone]) => {
      const regions = REGIONS[code] ?? {};
      return Object.assign(new ShippingCountry(), {
        code,
        name: countryName(code, language),
        regionRequired: REGIONS[code] !== undefined,
        regions: Object.entries(regions).map(([regionCode, name]) =>
          Object.assign(new Region(), { code: regionCode, name }),
        ),
        postalCodeExample: POSTAL_CODES[code]?.example ?? null,
        zone: zone.label,
      });
    });
  }

  @Query(() => [PaymentTermsOption], { description: 'The ways to pay an order, the default one marked.' })
  @Allow({ users: 'anyone', scope: ApiScope.CATALOG_READ })
  paymentTermsOptions(@Ctx() { checkout }: RequestContext): PaymentTermsOption[] {
    return checkout.data().paymentTerms.map(toPaymentTermsOption);
  }

  @Query(() => TermsOfSale, {
    description:
      'The terms of sale in force: a customer’s order must accept this version (acceptedTermsVersion).',
  })
  @Allow({ users: 'anyone', scope: ApiScope.CATALOG_READ })
  termsOfSale(@Ctx() { checkout }: RequestContext): TermsOfSale {
    return Object.assign(new TermsOfSale(), checkout.data().termsOfSale);
  }
}
