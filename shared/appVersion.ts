/**
 * The terminal's version, as head office sees it (enrollment and the x-app-version header). A
 * leaf module: the sync transport and enrollment both need it, and neither should import the
 * other for it (that made the circle context → transport → enrollTerminal → context).
 * test/unit/appVersion.test.ts keeps it equal to package.json's version.
 */
export const APP_VERSION = '0.1.0';
