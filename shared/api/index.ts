import type { z } from 'zod';
import { mergeOperations } from './operation';
import { terminalOperations } from './terminal';
import { memberOperations } from './member';
import { saleOperations } from './sale';
import { loyaltyOperations } from './loyalty';
import { syncOperations } from './sync';
import { analyticsOperations } from './analytics';
import { staffOperations } from './staff';
import { shiftOperations } from './shift';
import { reportOperations } from './report';
import { backupOperations } from './backup';
import { consentOperations } from './consent';
import { programOperations } from './program';
import { displayOperations } from './display';
import { feedbackOperations } from './feedback';
import { complaintOperations } from './complaint';
import { printerOperations } from './printer';
import { catalogueOperations } from './catalogue';
import { taxOperations } from './tax';
import type { Result } from '../result';

/** The one API contract. Preload, IPC, the HTTP host and the renderer client all derive from it. */
export const contract = mergeOperations(
  terminalOperations,
  memberOperations,
  saleOperations,
  loyaltyOperations,
  syncOperations,
  analyticsOperations,
  staffOperations,
  shiftOperations,
  reportOperations,
  backupOperations,
  consentOperations,
  programOperations,
  displayOperations,
  feedbackOperations,
  complaintOperations,
  printerOperations,
  catalogueOperations,
  taxOperations,
);

export type Contract = typeof contract;
export type OperationName = keyof Contract & string;
export type ApiInput<K extends OperationName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends OperationName> = z.output<Contract[K]['input']>;
export type ApiOutput<K extends OperationName> = Exclude<Contract[K]['output'], undefined>;
export type ApiResult<K extends OperationName> = Promise<Result<ApiOutput<K>>>;

export const operationNames = Object.keys(contract) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** What the preload exposes as `window.api`: one named function per operation. */
export type TerminalApi = {
  [K in OperationName]: (input: ApiInput<K>) => ApiResult<K>;
};

/** Operations whose handler awaits (declared with asyncOperation); the rest answer synchronously. */
export type AsyncOperationName = {
  [K in OperationName]: Contract[K] extends { awaits: true } ? K : never;
}[OperationName];

export const asyncOperationNames = operationNames.filter(
  (name) => (contract[name] as { awaits?: true }).awaits === true,
) as AsyncOperationName[];
