import type { StateCreator } from 'zustand';
import type { Locale } from '../../../shared/locale';
import type { SessionState } from '../../../shared/office/adminUsers';
import { callOffice, type OfficeError } from '../api/officeApi';
import type { OfficeState } from './officeStore';

export interface SessionSlice {
  /** null while the first answer is on its way. */
  session: SessionState | null;
  /** The language before sign-in (the browser's), then the admin's own. */
  locale: Locale;
  loadSession(): Promise<void>;
  signIn(name: string, password: string): Promise<OfficeError | null>;
  createFirstAdmin(adminToken: string, name: string, password: string): Promise<OfficeError | null>;
  signOut(): Promise<void>;
  /** Changes the language now and remembers it for this admin. */
  chooseLanguage(locale: Locale): Promise<void>;
  /** A call answered 401: the session ended, so show the sign-in page again. */
  sessionEnded(): void;
}

export const createSessionSlice =
  (initialLocale: Locale): StateCreator<OfficeState, [], [], SessionSlice> =>
  (set, get) => {
    /**
     * The last language choice on its way to head office. Signing out waits for it: a sign-out
     * that overtook it would end the session first, the save would be refused, and the admin's
     * next sign-in would come back in the old language.
     */
    let languageSaved: Promise<unknown> = Promise.resolve();
    return {
      session: null,
      locale: initialLocale,

      async loadSession() {
        const result = await callOffice('session.get');
        const session: SessionState = result.ok ? result.value : { signedIn: false };
        set({ session, ...(session.signedIn ? { locale: session.user.language } : {}) });
      },

      async signIn(name, password) {
        const result = await callOffice('session.signIn', { body: { name, password } });
        if (!result.ok) return result.error;
        const session = result.value;
        set({ session, ...(session.signedIn ? { locale: session.user.language } : {}) });
        return null;
      },

      async createFirstAdmin(adminToken, name, password) {
        const result = await callOffice('session.firstAdmin', {
          body: { adminToken, name, password },
        });
        if (!result.ok) return result.error;
        return get().signIn(name, password);
      },

      async signOut() {
        await languageSaved;
        await callOffice('session.signOut');
        set({ session: { signedIn: false }, page: 'stores' });
      },

      async chooseLanguage(locale) {
        set({ locale });
        const session = get().session;
        if (!session?.signedIn) return;
        const saving = callOffice('session.setLanguage', { body: { language: locale } });
        languageSaved = saving;
        const result = await saving;
        if (result.ok)
          set({ session: { ...session, user: { ...session.user, language: locale } } });
      },

      sessionEnded() {
        set({ session: { signedIn: false } });
      },
    };
  };
