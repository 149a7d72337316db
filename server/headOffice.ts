import { adminAccessService } from './admin/adminAccess';
import { authFailuresService } from './admin/authFailures';
import { analyticsService } from './analytics/analyticsService';
import { catalogueImportService } from './catalogue/catalogueImport';
import { catalogueService } from './catalogue/catalogueService';
import { memberImportService } from './members/memberImport';
import { memberService } from './members/memberService';
import type { ServiceClock } from './platform/clock';
import type { Database } from './db/database';
import { migrate, schemaVersion } from './db/migrate';
import { checkSchemaReadable } from './db/schemaCheck';
import { exceptionsService } from './exceptions/exceptionQueue';
import { jobQueue, jobWorker, type Job, type Schedule } from './jobs/jobQueue';
import { adminUsersService } from './office/adminUsers';
import { consentWordingService } from './consent/wording';
import { messagesService, type MessageSecrets } from './messages/messagesService';
import { reportsService } from './admin/reports';
import { programProposalsService } from './admin/programProposals';
import { programConfigService } from './admin/programConfig';
import { provisioningService } from './admin/provisioning';
import { pullService } from './sync/pull';
import { pushService } from './sync/push';
import { ownOperationsService } from './sync/ownOperations';
import { complaintQueueService } from './voice/complaintQueue';
import { voiceDashboardService } from './voice/dashboard';
import { voiceTrendService } from './voice/trend';
import { serviceRandom, type RandomBytes } from './platform/randomness';
import { terminalsService } from './admin/terminals';
import { dataRequestLogService } from './privacy/dataRequestLog';
import { erasureService } from './privacy/erasure';
import { memberExportService } from './privacy/memberExport';
import { privacyPolicyService } from './privacy/privacyPolicy';
import { retentionService } from './privacy/retention';
import { hostname } from 'node:os';
import { campaignsService } from './campaigns/campaigns';
import { metricsService } from './metrics/metricsService';
import { campaignResultsService } from './campaigns/results';
import { segmentsService } from './campaigns/segments';

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
  /** The SMTP password and SMS secret (default: HEAD_OFFICE_SMTP_PASSWORD, HEAD_OFFICE_SMS_SECRET). */
  messageSecrets?: MessageSecrets;
  /**
   * How long a node trusts a terminal credential it has checked, in ms (default 5,000; 0 asks
   * the database every request). The bound this puts on a revocation: admin/terminalAuthCache.ts.
   */
  terminalAuthCacheMs?: number;
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
  await checkSchemaReadable(db);
  const config = programConfigService(db, clock);
  const proposals = programProposalsService(db, clock);
  const wording = consentWordingService(db, clock);
  const analytics = analyticsService(db, clock);
  await config.ensureProgramConfig();
  await wording.ensureFirstWording();
  const provisioning = provisioningService(db, clock, random);
  const terminals = terminalsService(db, clock, {
    ...(options.terminalAuthCacheMs === undefined
      ? {}
      : { authCacheMs: options.terminalAuthCacheMs }),
  });
  const exceptions = exceptionsService(db, clock, random);
  const authFailures = authFailuresService(db, clock);
  const adminUsers = adminUsersService(db, clock, random, authFailures);
  const access = adminAccessService(db, clock, random);
  const pushes = pushService(db, clock, random);
  const queue = jobQueue(db, clock, random);
  const messages = messagesService(db, clock, random, queue, options.messageSecrets);
  await messages.ensureSettings();
  const retention = retentionService(db, clock);
  /** Head office's scheduled work: each run once across every node on this database. */
  const schedules: Schedule[] = [
    { kind: 'sessions.purge', everyMs: 3_600_000 },
    { kind: 'jobs.purge', everyMs: 86_400_000 },
    ...messages.schedules,
    { kind: 'privacy.retention', everyMs: 86_400_000 },
  ];
  const handlers: Record<string, (job: Job) => Promise<void>> = {
    'sessions.purge': async () => {
      await adminUsers.purgeOldSessions();
    },
    // Done jobs are kept a week (what ran when, for whoever asks), then forgotten.
    'jobs.purge': async () => {
      await queue.purgeDone(7 * 86_400_000);
    },
    ...messages.jobHandlers,
    // Members inactive for the policy's years are anonymised (server/privacy/retention.ts).
    'privacy.retention': async () => {
      await retention.anonymiseInactive();
    },
  };
  return {
    db,
    clock,
    random,
    // Terminals
    enroll: provisioning.enroll,
    authenticateTerminal: terminals.authenticateTerminal,
    push: pushes.push,
    pushParsed: pushes.pushParsed,
    pull: pullService(db, clock).pull,
    ownOperations: ownOperationsService(db, clock).ownOperations,
    // Admins
    ensureAdminToken: access.ensureAdminToken,
    authenticateAdmin: access.authenticateAdmin,
    // Failed authentication, counted across nodes (server/admin/authFailures.ts)
    authFailures,
    // People signing in to the head-office UI (server/office/)
    adminUsers,
    // Scheduled and queued work, on the job table (server/jobs/): never on a node's own timers
    jobs: queue,
    /** This node's job worker (`start()` it; `npm run server` does). `nodeId` must be unique. */
    jobWorker(nodeId = `${hostname()}:${process.pid}:${random.uuidv7(clock.now()).slice(-12)}`) {
      return jobWorker(queue, { nodeId, handlers, schedules });
    },
    // Email and SMS to members: consent, quiet hours, weekly cap, unsubscribe (server/messages/)
    messages,
    // Data-subject requests, exports, erasure and retention (server/privacy/)
    privacy: {
      ...dataRequestLogService(db, clock, random),
      ...erasureService(db, clock),
      ...memberExportService(db, clock),
      ...privacyPolicyService(db, clock),
      ...retention,
    },
    // Loyalty analytics across stores (server/analytics/)
    analytics,
    // Retention cohorts, churn and repeat rate, LTV (server/metrics/)
    metrics: metricsService(db, clock),
    // Segments, campaigns and their results (server/campaigns/)
    campaigns: {
      ...segmentsService(db, clock, random),
      ...campaignsService(db, clock, random),
      ...campaignResultsService(db),
    },
    // The single customer view: member search and page, every view logged (server/members/)
    members: memberService(db, clock, random, {
      analytics,
      memberConsent: wording.memberConsent,
    }),
    // Members from the old system's CSV: dry run, per-row report, idempotent (server/members/)
    memberImport: memberImportService(db, clock, random),
    // The product catalogue, sent to terminals on the products stream (server/catalogue/)
    catalogue: {
      ...catalogueService(db, clock, random),
      ...catalogueImportService(db, clock, random),
    },
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
      programProposals: proposals.list,
      adoptProgramProposal: proposals.adopt,
      dismissProgramProposal: proposals.dismiss,
      ...complaintQueueService(db, clock, random),
      ...voiceDashboardService(db, clock),
      ...voiceTrendService(db),
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
