import { createApiClient } from './client';

/** The one client for this window. */
export const api = createApiClient();
