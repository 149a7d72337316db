import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, type TestDatabase } from './databases';
import { TestClock } from './terminalScript';

export interface FreshHeadOffice {
  db: Database;
  clock: TestClock;
  headOffice: HeadOffice;
}

/**
 * The database lifetime every head-office suite repeats: opened (already migrated) once for the
 * describe block and closed after it. Call inside describe(), then `fresh()` in a beforeEach:
 * each test gets an emptied database, so no test sees another's rows.
 */
export function databasePerTest(testDb: TestDatabase): { fresh(): Promise<Database> } {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });
  return {
    async fresh() {
      if (!db) throw new Error('the test database is not open yet: call fresh() in a beforeEach');
      await resetDatabase(db);
      return db;
    },
  };
}

/** As databasePerTest, with a new head office on a test clock (starting at `startMs`) per test. */
export function headOfficePerTest(testDb: TestDatabase): {
  fresh(startMs?: number): Promise<FreshHeadOffice>;
} {
  const database = databasePerTest(testDb);
  return {
    async fresh(startMs) {
      const db = await database.fresh();
      const clock = new TestClock(startMs);
      const headOffice = await createHeadOffice(db, { now: clock.now });
      return { db, clock, headOffice };
    },
  };
}
