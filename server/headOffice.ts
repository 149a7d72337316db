import { adminAccessService } from './admin/adminAccess';
import { analyticsService } from './analytics/analyticsService';
import type { ServiceClock } from './platform/clock';
import type { Database } from './db/database';
import { migrate, schemaVersion } from './db/migrate';
import { exceptionsService } from './exceptions/exceptionQueue';
import { adminUsersService } from './office/adminUsers';
import { consentWordingService } from './consent/wording';
import { reportsService } from './admin/reports';
import { programConfigService } from './admin/programConfig';
import { provisioningService } from './admin/provisioning';
import { pullService } from './sync/pull';
import { pushService } from './sync/push';
import { serviceRandom, type RandomBytes } from './platform/randomness';
import { terminalsService } from './admin/terminals';

export type { AdminAuth } from './admin/adminAccess';
export type { TerminalAuth } from './admin/terminals';

export interface HeadOfficeOptions {
  /** Wall clock in milliseconds; simulations and tests pass their own. */
  now?: () => number;
  /**
   * Random bytes for ids, credentials, admin tokens, enrollment codes and terminal numbers.
   * Default: the operating system's (node:crypto). A simulation passes a seeded generator to
   * replay a run exactly; never do that in production, where credentials must be unguessable.
   */
  random?: RandomBytes;
}

export interface Health {
  status: 'ok';
  database: Database['kind'];
  schemaVersion: number;
  serverTime: string;
}

/**
 * Head office without HTTP: plain async functions over one database. The HTTP layer (http/)
 * and the sync simulation both drive this same object. Every function takes the caller's input
 * as `unknown` and parses it; errors come back as values (platform/errors.ts), and only a fault of the
 * database or of head office itself throws.
 */
export async function createHeadOffice(db: Database, options: HeadOfficeOptions = {}) {
  const clock: ServiceClock = { now: options.now ?? Date.now };
  const random = serviceRandom(options.random);
  await migrate(db);
  const config = programConfigService(db, clock);
  const wording = consentWordingService(db, clock);
  await config.ensureProgramConfig();
  await wording.ensureFirstWording();
  const provisioning = provisioningService(db, clock, random);
  const terminals = terminalsService(db, clock);
  const exceptions = exceptionsService(db, clock, random);
  const adminUsers = adminUsersService(db, clock, random);
  const access = adminAccessService(db, clock, random);
  return {
    db,
    clock,
    random,
    // Terminals
    enroll: provisioning.enroll,
    authenticateTerminal: terminals.authenticateTerminal,
    push: pushService(db, clock, random).push,
    pull: pullService(db, clock).pull,
    // Admins
    ensureAdminToken: access.ensureAdminToken,
    authenticateAdmin: access.authenticateAdmin,
    // People signing in to the head-office UI (server/office/)
    adminUsers,
    // Loyalty analytics across stores (server/analytics/)
    analytics: analyticsService(db, clock),
    admin: {
      createStore: provisioning.createStore,
      listStores: provisioning.listStores,
      createEnrollmentCode: provisioning.createEnrollmentCode,
      listTerminals: terminals.listTerminals,
      revokeTerminal: terminals.revokeTerminal,
      getConfig: config.getConfig,
      setConfig: config.setConfig,
      listExceptions: exceptions.listExceptions,
      getException: exceptions.getException,
      resolveException: exceptions.resolveException,
      configHistory: config.configHistory,
      report: reportsService(db).report,
      listConsentWording: wording.listConsentWording,
      publishConsentWording: wording.publishConsentWording,
      memberConsent: wording.memberConsent,
    },
    async health(): Promise<Health> {
      return {
        status: 'ok',
        database: db.kind,
        schemaVersion: await schemaVersion(db),
        serverTime: new Date(clock.now()).toISOString(),
      };
    },
    close: () => db.close(),
  };
}

export type HeadOffice = Awaited<ReturnType<typeof createHeadOffice>>;
