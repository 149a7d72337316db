import type { Currency } from '../../../shared/money';
import type { ProgramForm } from '../../src/program/programForm';
import type { IssueMap } from '../../src/program/programIssues';

/** What every section of the program editor gets: the form, a way to change it, its issues. */
export interface SectionProps {
  form: ProgramForm;
  edit: (change: (form: ProgramForm) => ProgramForm) => void;
  issues: IssueMap;
  currency: Currency;
}
