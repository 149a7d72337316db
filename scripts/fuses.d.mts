import type { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Types for scripts/fuses.mjs (plain JavaScript, so `npm start` needs no compiler). */
export type FuseSet = { version: FuseVersion.V1 } & Record<FuseV1Options, boolean>;
export declare const FUSE_ON: number;
export declare const FUSE_OFF: number;
export declare const productionFuses: Readonly<FuseSet>;
export declare const developmentFuses: Readonly<FuseSet>;
export declare function describeFuses(config: FuseSet): Record<string, boolean>;
export declare function fusesDiffering(wire: Record<string, unknown>, config: FuseSet): string[];
export declare function applyFuses(binary: string, config: FuseSet): Promise<{ changed: string[] }>;
