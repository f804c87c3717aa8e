/**
 * The configuration engine: pure TypeScript, plain data in and out; no ORM, no GraphQL, no I/O,
 * no clock. The rest of the server imports the engine only through this file.
 */

export {
  type ExplosionProblem,
  type ExplosionResult,
  explode,
  type OrderBomLine,
  type OrderExplosion,
  type WorkOperation,
} from './bom/explode.js';
export { CACHE_LIMITS } from './cache-limits.js';
export {
  type ChargeKind,
  type CheckoutCharge,
  type CheckoutInput,
  type CheckoutProblem,
  type CheckoutResult,
  type CheckoutTotals,
  checkoutTotals,
  depositOf,
  paymentTermsOf,
  type ShippingWeight,
  shippingRate,
  shippingWeight,
  taxRule,
  vatIdCountry,
  type WeighedBomLine,
} from './checkout/checkout.js';
export {
  type CheckoutData,
  type CheckoutDataLoad,
  type CheckoutDataProblem,
  type CountryTax,
  loadCheckoutData,
  loadCheckoutDataTexts,
  type PaymentTerms,
  type ShippingRates,
  type ShippingZone,
} from './checkout/checkout-data.js';
export { Decimal, decimalText, parseDecimal } from './common/decimal.js';
export { formatMinorUnits, type Money, toMinorUnits } from './common/money.js';
export {
  type AutocompleteOptions,
  autocomplete,
  type Completion,
  randomConfigurations,
  seededRandom,
} from './configure/autocomplete.js';
export { type CheckResult, check, decidedAssignment, type Violation } from './configure/check.js';
export {
  checkModel,
  type DeadOption,
  type ModelCheck,
  modelCheckProblems,
} from './configure/model-check.js';
export {
  type BlockingChoice,
  type ChoiceSource,
  type FeatureState,
  type OptionState,
  type OptionStateKind,
  type Propagation,
  propagate,
  type Reason,
} from './configure/propagate.js';
export {
  type CheapestCompletion,
  type CheapestOptions,
  type ChoiceChange,
  type ConflictResolution,
  cheapestCompletion,
  cheapestCompletionByPrice,
  resolveConflict,
} from './configure/resolve.js';
export {
  type ReadSelection,
  readSelection,
  type SelectionProblem,
  withDefaults,
} from './configure/selection.js';
export {
  ChoiceSession,
  type ExclusionExplanation,
  explainExclusion,
  type GuidanceStructure,
  prepareGuidance,
} from './configure/session.js';
export {
  type ConfigurationCost,
  type CostProblem,
  type CostResult,
  costOf,
  type LabourCostLine,
  type Margin,
  type MarginResult,
  type MaterialCostLine,
  type MissingCost,
  margin,
} from './costing/cost.js';
export {
  addCalendarDays,
  addWorkingDays,
  calendarProblem,
  dayOfWeek,
  type IsoDate,
  isIsoDate,
  isoDate,
  isWorkingDay,
  nextWorkingDay,
  WEEKDAYS_CALENDAR,
  type WorkingCalendar,
  workingDayAfter,
  workingDaysBetween,
} from './fulfilment/calendar.js';
export {
  type QualityChecklistItem,
  qualityChecklist,
} from './fulfilment/checklist.js';
export {
  allowedActions,
  nextAutomatic,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  type OrderAction,
  type OrderFacts,
  type OrderStatus,
  type TransitionRefusal,
  type TransitionResult,
  transition,
} from './fulfilment/lifecycle.js';
export {
  type Bottleneck,
  type CapacityBooking,
  type DeliveryPromise,
  MAX_PROMISE_CALENDAR_DAYS,
  type MaterialSupply,
  type OptionLeadTime,
  type PlannedOperation,
  type PromiseInput,
  type PromiseProblem,
  type PromiseResult,
  promiseDelivery,
  promiseEffect,
  type ScheduledOperation,
  type WorkCentreLoad,
} from './fulfilment/promise.js';
export {
  type CapacityReview,
  type CapacityShareOptions,
  type CentreShare,
  capacityReview,
  REVIEW_HORIZON_WORKING_DAYS,
  REVIEW_SHARE_PERCENT,
  type ReviewOperation,
  type ReviewWorkCentre,
} from './fulfilment/review.js';
export {
  importXcsp,
  parseSalesHistory,
  type SalesHistory,
  XCSP_MAX_COMPLEMENT_COMBINATIONS,
  XCSP_MAX_DOMAIN_VALUES,
  type XcspImportOptions,
  type XcspImportResult,
  type XcspImportStats,
} from './import/xcsp.js';
export { type LoadResult, loadProductModel, loadProductModelText } from './model/load.js';
export type * from './model/model.types.js';
export type * from './model/product-model.js';
export { readFeatureValue, writeFeatureValue } from './model/values.js';
export {
  type ConfigurationChanges,
  configurationChanges,
  type PricedValues,
  type PriceLineChange,
  type ValueChange,
} from './pricing/changes.js';
export {
  type Price,
  type PriceContext,
  type PriceLine,
  type PriceLineKind,
  type PriceListReference,
  type PriceProblem,
  type PriceResult,
  price,
} from './pricing/price.js';
export {
  CURRENCY_MINOR_UNITS,
  currencyMinorUnits,
  inEffect,
  loadPriceList,
  loadPriceLists,
  loadPriceListsText,
  type PricedProductModel,
  type PricedWithResult,
  type PriceList,
  type PriceListEntry,
  type PriceListModelSource,
  type PriceListProblem,
  type PriceListSource,
  type PriceListsLoad,
  pricedWith,
} from './pricing/price-list.js';
export {
  type ApprovalCheck,
  type ApprovalResult,
  type ApprovalRule,
  type ApprovalTrigger,
  type ApprovalUnchecked,
  approvalsNeeded,
  percentText,
} from './quotes/approval.js';
export { defaultValidUntil, isExpired } from './quotes/expiry.js';
export {
  allowedActions as allowedQuoteActions,
  QUOTE_ACTIONS,
  QUOTE_ACTORS,
  QUOTE_STATUSES,
  type QuoteAction,
  type QuoteActor,
  type QuoteFacts,
  type QuoteStatus,
  type QuoteTransitionRefusal,
  type QuoteTransitionResult,
  transition as quoteTransition,
} from './quotes/lifecycle.js';
export {
  type QuoteRevision,
  type RevisionChange,
  type RevisionChangeKind,
  type RevisionChangesResult,
  type RevisionLine,
  revisionChanges,
} from './quotes/revision.js';
export { type QuoteTaxResult, quoteTax } from './quotes/tax.js';
export {
  type QuoteInput,
  type QuoteLineInput,
  type QuoteLineTotals,
  type QuoteProblem,
  type QuoteTotals,
  type QuoteTotalsResult,
  quoteTotals,
  shareOut,
} from './quotes/totals.js';
