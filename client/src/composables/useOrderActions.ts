/**
 * The operations board's actions on an order (accept after review, confirm, cancel, work orders, quality check, ship,
 * deliver, receive a requisition, change its expected date): each one mutation whose answer is the
 * order as it is now, or an ActionRefused saying why nothing changed. Failures of the transport are
 * refusals too, in words: nothing an operator does fails silently.
 */
import type { AnyVariables, DocumentInput } from '@urql/core';
import { ref } from 'vue';
import type { ActionResult, TrackedOrder } from '../components/operations/fulfilment';
import {
  AcceptOrderReviewDocument,
  CancelOrderDocument,
  CompleteOrderWorkOrdersDocument,
  CompleteWorkOrderDocument,
  ConfirmOrderDocument,
  DeliverOrderDocument,
  type QualityCheckInput,
  ReceivePurchaseRequisitionDocument,
  RecordQualityCheckDocument,
  ShipOrderDocument,
  StartOrderWorkOrdersDocument,
  StartWorkOrderDocument,
  UpdatePurchaseRequisitionDocument,
} from '../graphql/graphql';
import { i18n } from '../i18n';
import { useServer } from './useServer';

export type ActionOutcome =
  | { ok: true; order: TrackedOrder }
  | { ok: false; message: string; code: string; field: string | null };

/** No answer (or none in GraphQL): a refusal in words too, so nothing an operator does fails silently. */
const unreachable = (): ActionOutcome => ({
  ok: false,
  code: 'UNREACHABLE',
  field: null,
  message: i18n.global.t('errors.unreachableNothingChanged'),
});

/** The board's actions, each one mutation (never resent by itself: see useRetry). Call in a component's setup. */
function useActions() {
  const server = useServer();

  async function act<T extends object, V extends AnyVariables>(
    document: DocumentInput<T, V>,
    variables: V,
  ): Promise<ActionOutcome> {
    const answer = await server.mutate(document, variables);
    if (answer.kind === 'down') {
      return unreachable();
    }
    if (answer.kind === 'error') {
      const first = answer.errors[0]!;
      const field = first.extensions?.field;
      return {
        ok: false,
        code: String(first.extensions?.code ?? 'ERROR'),
        field: typeof field === 'string' ? field : null,
        message: first.message,
      };
    }
    // The mutation's one field: an Order or an ActionRefused (ActionResultView).
    const result = Object.values(answer.data).find((value) => typeof value === 'object' && value !== null) as
      | ActionResult
      | undefined;
    if (result?.__typename === 'Order') return { ok: true, order: result };
    if (result?.__typename === 'ActionRefused') {
      return { ok: false, message: result.message, code: result.code, field: result.field };
    }
    return unreachable();
  }

  return {
    acceptReview: (number: string) => act(AcceptOrderReviewDocument, { number }),
    confirm: (number: string) => act(ConfirmOrderDocument, { number }),
    cancel: (number: string, reason: string) => act(CancelOrderDocument, { number, reason }),
    startWork: (id: number) => act(StartWorkOrderDocument, { id }),
    completeWork: (id: number) => act(CompleteWorkOrderDocument, { id }),
    startAllWork: (number: string) => act(StartOrderWorkOrdersDocument, { number }),
    completeAllWork: (number: string) => act(CompleteOrderWorkOrdersDocument, { number }),
    recordQualityCheck: (input: QualityCheckInput) => act(RecordQualityCheckDocument, { input }),
    ship: (number: string, carrier: string, trackingNumber: string) =>
      act(ShipOrderDocument, { number, carrier, trackingNumber }),
    deliver: (number: string) => act(DeliverOrderDocument, { number }),
    receive: (id: number) => act(ReceivePurchaseRequisitionDocument, { id }),
    updateRequisition: (id: number, expectedDate: string) =>
      act(UpdatePurchaseRequisitionDocument, { id, expectedDate }),
  };
}

/**
 * Runs actions one at a time per key (an order number, a requisition id): `busy` names the key being
 * worked on, `refusals` holds the last refusal per key until the next action on it.
 */
export function useOrderActions() {
  const actions = useActions();
  const busy = ref<string | null>(null);
  const refusals = ref<Record<string, string>>({});

  async function run(key: string, action: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
    busy.value = key;
    const { [key]: _, ...rest } = refusals.value;
    refusals.value = rest;
    try {
      const outcome = await action();
      if (!outcome.ok) refusals.value = { ...refusals.value, [key]: outcome.message };
      return outcome;
    } finally {
      if (busy.value === key) busy.value = null;
    }
  }

  return { busy, refusals, run, actions };
}
