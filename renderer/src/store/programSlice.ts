import type { StateCreator } from 'zustand';
import { api } from '../api';
import { programToForm, type ProgramForm } from '../program/programForm';
import { checkProgramForm } from '../program/programIssues';
import type { AppState, ProgramSlice } from './types';

export const createProgramSlice: StateCreator<AppState, [], [], ProgramSlice> = (set, get) => {
  const currency = () => get().terminal?.currency ?? 'HKD';

  /** Replaces the form and re-checks it with the schema the core will use. */
  const setForm = (form: ProgramForm, dirty: boolean) => {
    const { program, issues } = checkProgramForm(form, currency());
    set({ programForm: form, programDraft: program, programIssues: issues, programDirty: dirty });
  };

  return {
    program: null,
    programForm: null,
    programDraft: null,
    programIssues: {},
    programIssuesShown: false,
    programDirty: false,
    async loadProgram() {
      const result = await api.invoke('program.get', {});
      if (!result.ok) return get().showError(result.error);
      set({ program: result.value });
      // Never throw away a manager's unsaved edit because the screen was opened again.
      if (!get().programDirty) {
        setForm(programToForm(result.value, currency()), false);
        set({ programIssuesShown: false });
      }
    },
    editProgram(section, change) {
      const form = get().programForm;
      if (!form) return;
      setForm({ ...form, [section]: change(form[section]) }, true);
      set({ programIssuesShown: true });
    },
    discardProgramChanges() {
      const program = get().program;
      if (!program) return;
      setForm(programToForm(program, currency()), false);
      set({ programIssuesShown: false });
    },
    async saveProgram(managerPin) {
      const draft = get().programDraft;
      set({ programIssuesShown: true });
      if (!draft) {
        return { code: 'invalid_input', message: 'The program has values to fix.' };
      }
      const result = await api.invoke('program.update', { program: draft, managerPin });
      if (!result.ok) return result.error;
      set({ program: result.value, programIssuesShown: false });
      setForm(programToForm(result.value, currency()), false);
      // A sale left open behind the program screen is priced by the program just saved.
      if (get().lines.length > 0) void get().refreshPreview();
      await get().refreshStatus();
      return null;
    },
  };
};
