import { areaCoverage } from './areaCoverage';
import { danglingInitiative } from './danglingInitiative';
import { disableDirective } from './disableDirective';
import { duplicateEntry } from './duplicateEntry';
import { duplicateId } from './duplicateId';
import { emptyOutOfScope } from './emptyOutOfScope';
import { emptySection } from './emptySection';
import { invalidValue } from './invalidValue';
import { keyResultCount } from './keyResultCount';
import { ladderGap } from './ladderGap';
import { ladderOrder } from './ladderOrder';
import { levelMismatch } from './levelMismatch';
import { missingAuthority } from './missingAuthority';
import { missingSection } from './missingSection';
import { outputKeyResult } from './outputKeyResult';
import { pastDue } from './pastDue';
import { placeholderText } from './placeholderText';
import { reportingCycle } from './reportingCycle';
import { reportsToRank } from './reportsToRank';
import type { Rule } from './rule';
import { trackMismatch } from './trackMismatch';
import { unknownField } from './unknownField';
import { unknownKind } from './unknownKind';
import { unknownResponsibility } from './unknownResponsibility';
import { unknownSkill } from './unknownSkill';
import { unmeasurableGoal } from './unmeasurableGoal';
import { unresolvedReference } from './unresolvedReference';
import { visionTooLong } from './visionTooLong';
import { yamlSyntax } from './yamlSyntax';

/** Rules that run on every document, before its kind is known. */
export const DOCUMENT_RULES: readonly Rule[] = [yamlSyntax, unknownKind];

/** Rules that run once the kind is known, in the order of the document model's table. */
export const KIND_RULES: readonly Rule[] = [
  missingSection,
  emptySection,
  unknownField,
  invalidValue,
  unknownResponsibility,
  unknownSkill,
  unresolvedReference,
  duplicateId,
  duplicateEntry,
  reportingCycle,
  ladderOrder,
  ladderGap,
  missingAuthority,
  areaCoverage,
  unmeasurableGoal,
  keyResultCount,
  visionTooLong,
  outputKeyResult,
  emptyOutOfScope,
  danglingInitiative,
  placeholderText,
  levelMismatch,
  reportsToRank,
  trackMismatch,
  pastDue,
];

/** Rules that run after all the others, on what they found before disable comments applied. */
export const LAST_RULES: readonly Rule[] = [disableDirective];

export const RULES: readonly Rule[] = [...DOCUMENT_RULES, ...KIND_RULES, ...LAST_RULES];

export type { Rule };
