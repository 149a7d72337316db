import { birthdayGreeting, isBirthdayOn, type MessageChannel } from '../../shared/rules/messaging';
import { addCalendarDays, isTimeZone, zonedDate } from '../../shared/zonedTime';
import type { Database } from '../db/database';
import type { JobQueue } from '../jobs/jobQueue';
import type { ServiceClock } from '../platform/clock';
import type { ServiceRandom } from '../platform/randomness';
import { enqueueMessage } from './enqueueMessage';
import type { MessageSettingsStore } from './messageSettings';
import { HOME_ZONE_SQL } from './messageRows';

/** The recurring job: hourly, so each zone's new day is met within the hour it begins. */
export const BIRTHDAY_JOB = 'messages.birthdays';
export const birthdaySchedule = { kind: BIRTHDAY_JOB, everyMs: 3_600_000 } as const;

/**
 * Queues a greeting for every member whose birthday is today on their home store's calendar and
 * who has granted birthday greetings on email or SMS (email first, where both are granted and an
 * address is known). One greeting per member per year: its dedupe key names the year, so the
 * hourly runs on every node make it once.
 */
export async function queueBirthdayGreetings(deps: {
  db: Database;
  clock: ServiceClock;
  random: ServiceRandom;
  jobs: JobQueue;
  settings: MessageSettingsStore;
}): Promise<number> {
  const nowMs = deps.clock.now();
  const { settings } = await deps.settings.read();
  // Every zone's today lies within a day of UTC's: read those three month-days, then decide
  // per member on their own zone's calendar.
  const utcToday = zonedDate(nowMs, 'UTC');
  const monthDays = [-1, 0, 1].map((d) => addCalendarDays(utcToday, d).slice(5));
  if (monthDays.includes('02-28') || monthDays.includes('03-01')) monthDays.push('02-29');
  const { rows } = await deps.db.query<{
    id: string;
    birthday: string;
    zone: string | null;
    email_ok: boolean;
    sms_ok: boolean;
  }>(
    `SELECT mb.id, mb.birthday, ${HOME_ZONE_SQL} AS zone,
       (mb.email IS NOT NULL AND mb.email <> '' AND EXISTS (SELECT 1 FROM consent_current c
         WHERE c.member_id = mb.id AND c.channel = 'email' AND c.purpose = 'birthday'
           AND c.answer = 'granted')) AS email_ok,
       EXISTS (SELECT 1 FROM consent_current c
         WHERE c.member_id = mb.id AND c.channel = 'sms' AND c.purpose = 'birthday'
           AND c.answer = 'granted') AS sms_ok
     FROM member mb
     WHERE mb.merged_into IS NULL AND mb.birthday IS NOT NULL
       AND substr(mb.birthday, 6, 5) = ANY($1::text[])`,
    [monthDays],
  );
  let queued = 0;
  for (const row of rows) {
    const zone =
      row.zone && row.zone.length <= 64 && isTimeZone(row.zone)
        ? row.zone
        : settings.defaultTimeZone;
    const today = zonedDate(nowMs, zone);
    if (!isBirthdayOn(row.birthday, today)) continue;
    const channel: MessageChannel | null = row.email_ok ? 'email' : row.sms_ok ? 'sms' : null;
    if (!channel) continue;
    const made = await deps.db.transaction((tx) =>
      enqueueMessage(
        tx,
        { jobs: deps.jobs, random: deps.random, nowMs },
        {
          memberId: row.id,
          channel,
          purpose: 'birthday',
          template: 'birthday',
          content: birthdayGreeting,
          dedupeKey: `birthday:${today.slice(0, 4)}:${row.id}`,
        },
      ),
    );
    if (made.created) queued++;
  }
  return queued;
}
