import jstat from 'jstat';
import { CONFIDENCE, zFor } from './intervals';

const { jStat } = jstat;

/**
 * How many members each arm needs before a difference of `effect` would be found with the given
 * power, for a two-sided test at the confidence level; the arms keep their current ratio
 * k = treated / control (a 10 % holdout is k = 9):
 *   control = (z(1 − α/2) + z(power))² · (σ_t²/k + σ_c²) / effect²,  treated = k · control,
 * where σ² is p(1 − p) for a proportion (p_c observed in the holdout, p_t = p_c + effect) and
 * the observed variance for a mean. Rounded up. The marketer sets `effect`: the minimum
 * detectable effect worth knowing about.
 */
export const POWER = 0.8;

export interface ArmsNeeded {
  treated: number;
  control: number;
}

function needed(
  ratio: number,
  varianceTreated: number,
  varianceControl: number,
  effect: number,
  confidence: number,
  power: number,
): ArmsNeeded {
  const z = zFor(confidence) + jStat.normal.inv(power, 0, 1);
  const control = Math.ceil(
    (z * z * (varianceTreated / ratio + varianceControl)) / (effect * effect),
  );
  return { treated: Math.ceil(ratio * control), control };
}

export function membersNeededForProportion(
  controlRate: number,
  effect: number,
  ratio: number,
  confidence = CONFIDENCE,
  power = POWER,
): ArmsNeeded | null {
  if (!(effect > 0) || !(ratio > 0)) return null;
  const treatedRate = Math.min(1, Math.max(0, controlRate + effect));
  return needed(
    ratio,
    treatedRate * (1 - treatedRate),
    controlRate * (1 - controlRate),
    effect,
    confidence,
    power,
  );
}

export function membersNeededForMean(
  varianceTreated: number,
  varianceControl: number,
  effect: number,
  ratio: number,
  confidence = CONFIDENCE,
  power = POWER,
): ArmsNeeded | null {
  if (!(effect > 0) || !(ratio > 0)) return null;
  return needed(ratio, varianceTreated, varianceControl, effect, confidence, power);
}

/** Members still to come: what each arm lacks, added up (0 once both have enough). */
export function stillNeeded(have: ArmsNeeded, need: ArmsNeeded | null): number | null {
  if (!need) return null;
  return Math.max(0, need.treated - have.treated) + Math.max(0, need.control - have.control);
}
