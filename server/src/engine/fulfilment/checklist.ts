import { decidedAssignment } from '../configure/check.js';
import { readSelection } from '../configure/selection.js';
import { type EvaluationContext, EvaluationError, holds } from '../expression/evaluate.js';
import type { Selection } from '../model/model.types.js';
import type { ProductModel } from '../model/product-model.js';

/** One check on an order's quality control checklist. */
export interface QualityChecklistItem {
  code: string;
  label: string;
}

/**
 * The quality control checklist of one configuration: the model's checks whose condition holds, in
 * model order. The selection is read like an order's (choices, plus the features whose "nothing" is a
 * value); a check whose condition cannot be decided (it reads a feature not chosen, or a value outside
 * its domain) stays on the list: checking one thing too many is safer than one too few.
 */
export function qualityChecklist(model: ProductModel, selection: Selection): QualityChecklistItem[] {
  const assignment = decidedAssignment(model, readSelection(model, selection).assignment);
  const context: EvaluationContext = { assignment, feature: (code) => model.featureByCode.get(code) };
  return model.fulfilment.qualityChecks
    .filter((check) => {
      try {
        return holds(check.when, context);
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
        return true;
      }
    })
    .map((check) => ({ code: check.code, label: check.label }));
}
