import type { Currency } from '../../../shared/money';
import type { CatalogueCodes } from '../../../shared/office/catalogue';
import type { ProgramForm } from '../../src/program/programForm';
import type { IssueMap } from '../../src/program/programIssues';

/** What every section of the program editor gets: the form, a way to change it, its issues. */
export interface SectionProps {
  form: ProgramForm;
  edit: (change: (form: ProgramForm) => ProgramForm) => void;
  issues: IssueMap;
  currency: Currency;
  /** The catalogue's SKUs and category codes (null until read, or for who may not read it). */
  catalogue: CatalogueCodes | null;
}
