/**
 * "Predict before you run": the learner types a guess in the unit the page asks for (seconds
 * for times, a plain count, a percentage, or the field's unit); the run then answers.
 */
import type { Trace } from '../sim/trace/types.ts';
import { formatCount, formatField, formatPercent } from './format.ts';
import { fieldUnitText, quantityUnit, RunReader } from './quantity.ts';
import type { Prediction } from './types.ts';

/** The unit the guess is typed in: "s", "%", "" (a count) or a field's unit ("GiB"). */
export function guessUnit(p: Prediction): string {
  const q = p.quantity;
  switch (quantityUnit(q)) {
    case 'ms':
      return 's';
    case 'percent':
      return '%';
    case 'count':
      return '';
    case 'field':
      return q.kind === 'field' ? fieldUnitText(q.path) : '';
  }
}

export interface PredictionCheck {
  /** The run's value, in the guess unit. */
  readonly actual: number;
  readonly guess: number;
  /** actual / guess; Infinity for a guess of 0 with a non-zero answer. */
  readonly ratio: number;
  /** "You guessed 30 s; the run took 112.6 s, 3.8× your guess." */
  readonly text: string;
}

function show(p: Prediction, v: number): string {
  switch (quantityUnit(p.quantity)) {
    case 'ms':
      return `${v.toFixed(1)} s`;
    case 'percent':
      return formatPercent(v);
    case 'count':
      return formatCount(v);
    case 'field':
      return formatField(v, guessUnit(p));
  }
}

export function checkPrediction(p: Prediction, guess: number, trace: Trace): PredictionCheck {
  const raw = new RunReader(trace).value(p.quantity);
  const actual = quantityUnit(p.quantity) === 'ms' ? raw / 1_000 : raw;
  const ratio = guess === 0 ? (actual === 0 ? 1 : Infinity) : actual / guess;
  const said = `You guessed ${show(p, guess)}; the run says ${show(p, actual)}`;
  let verdict: string;
  if (Math.abs(ratio - 1) <= 0.1) verdict = 'within 10%. Well judged.';
  else if (!Number.isFinite(ratio)) verdict = 'not zero.';
  else if (ratio > 1) verdict = `${ratio.toFixed(1)}× your guess.`;
  else verdict = `${(1 / ratio).toFixed(1)}× less than your guess.`;
  return { actual, guess, ratio, text: `${said}: ${verdict}` };
}
