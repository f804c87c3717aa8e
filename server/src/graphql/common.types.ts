import { Field, Int, ObjectType } from 'type-graphql';
import {
  type Price as EnginePrice,
  type Reason as EngineReason,
  type Violation as EngineViolation,
  formatMinorUnits,
} from '../engine/index.js';
import { PriceLineKind, PriceMode, priceModeOf, Severity, severityOf } from './model-enums.js';

/** Money: an exact decimal amount in major units with its ISO currency ("1249.00" EUR). */
@ObjectType({
  simpleResolvers: true,
  description: 'An amount of money: exact decimal text in major units, with its ISO 4217 currency.',
})
export class Money {
  @Field(() => String, { description: 'ISO 4217 code, e.g. EUR.' })
  currency!: string;

  @Field(() => String, {
    description: 'Exact decimal in major units with all the currency’s digits, e.g. "1249.00".',
  })
  amount!: string;

  @Field(() => String, {
    description: 'The same amount in integer minor units (cents), as text so that no client rounds it.',
  })
  minorUnits!: string;

  static of(minor: number, currency: string, digits: number): Money {
    return Object.assign(new Money(), {
      currency,
      amount: formatMinorUnits(minor, digits),
      minorUnits: String(minor),
    });
  }
}

@ObjectType({
  simpleResolvers: true,
  description: 'One line of a price: base price, an option surcharge, a formula price or a discount.',
})
export class PriceLine {
  @Field(() => String, {
    description:
      'Unique within the price: base, option:<feature>=<option>, formula:<code>, quantity-break:<n>.',
  })
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => PriceLineKind)
  kind!: PriceLineKind;

  @Field(() => Money, { description: 'Per product unit.' })
  unitAmount!: Money;

  @Field(() => Money, { description: 'Unit amount times quantity.' })
  amount!: Money;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The price list a price comes from, as its explanation names it.',
})
export class PriceListSummary {
  @Field(() => String, { description: 'E.g. usd-list, nordwerk-2026.' })
  code!: string;

  @Field(() => String, { description: 'What people read, e.g. "List prices USD (North America)".' })
  name!: string;

  @Field(() => String, { description: 'ISO 4217: every price of the list is in it.' })
  currency!: string;

  @Field(() => PriceMode, { description: 'Whether its prices include tax.' })
  prices!: PriceMode;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A price as lines that add up to the total, computed on the server only.',
})
export class Price {
  @Field(() => String)
  currency!: string;

  @Field(() => PriceListSummary, {
    nullable: true,
    description:
      'The price list that priced it (its name, currency and whether its prices include tax); null: the product model’s own prices.',
  })
  priceList!: PriceListSummary | null;

  @Field(() => Int)
  quantity!: number;

  @Field(() => String, {
    description: 'How each line is rounded to the minor unit: half-up or half-even, once per line.',
  })
  rounding!: string;

  @Field(() => [PriceLine])
  lines!: PriceLine[];

  @Field(() => Money, { description: 'The sum of the lines’ unit amounts.' })
  unitPrice!: Money;

  @Field(() => Money, { description: 'The sum of the lines’ amounts: unit price times quantity.' })
  total!: Money;

  static of(
    price: Pick<
      EnginePrice,
      'currency' | 'currencyDigits' | 'quantity' | 'rounding' | 'unitPriceMinor' | 'totalMinor'
    > & {
      /** Left out (an order placed before price lists): the model's own prices. */
      priceList?: EnginePrice['priceList'];
      lines: Pick<
        EnginePrice['lines'][number],
        'code' | 'label' | 'kind' | 'unitAmountMinor' | 'amountMinor'
      >[];
    },
  ): Price {
    const money = (minor: number): Money => Money.of(minor, price.currency, price.currencyDigits);
    const list = price.priceList ?? null;
    return Object.assign(new Price(), {
      currency: price.currency,
      priceList: list
        ? Object.assign(new PriceListSummary(), {
            code: list.code,
            name: list.name,
            currency: price.currency,
            prices: priceModeOf(list.prices),
          })
        : null,
      quantity: price.quantity,
      rounding: price.rounding,
      lines: price.lines.map((line) =>
        Object.assign(new PriceLine(), {
          code: line.code,
          label: line.label,
          kind: line.kind,
          unitAmount: money(line.unitAmountMinor),
          amount: money(line.amountMinor),
        }),
      ),
      unitPrice: money(price.unitPriceMinor),
      total: money(price.totalMinor),
    });
  }
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A rule broken by a configuration (or a choice outside its feature’s domain: ruleId "selection").',
})
export class Violation {
  @Field(() => String)
  ruleId!: string;

  @Field(() => String, { description: 'What a person reads.' })
  message!: string;

  @Field(() => Severity)
  severity!: Severity;

  @Field(() => [String], { description: 'The features the rule reads.' })
  features!: string[];

  static of(violation: EngineViolation): Violation {
    return Object.assign(new Violation(), {
      ruleId: violation.ruleId,
      message: violation.message,
      severity: severityOf(violation.severity),
      features: violation.features,
    });
  }
}

@ObjectType({
  simpleResolvers: true,
  description: 'A rule behind an option being unavailable.',
})
export class Reason {
  @Field(() => String)
  ruleId!: string;

  @Field(() => String)
  message!: string;

  @Field(() => [String], { description: 'The features the rule reads.' })
  features!: string[];

  static of(reason: EngineReason): Reason {
    return Object.assign(new Reason(), reason);
  }
}
