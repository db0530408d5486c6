/** The speaker window's line about the presenter: following it, or saying plainly that it is gone. */
import { describe, expect, it } from 'vitest';
import { PRESENTER_HEARTBEAT_MS, PRESENTER_SILENCE_MS, speakerLink } from '../../src/ui/present/speaker-link.ts';

const T = 1_000_000;

describe('the speaker window\'s link to the presenter', () => {
  it('waits until the presenter has answered once', () => {
    expect(speakerLink(undefined, T)).toBe('waiting');
  });

  it('follows a presenter heard within the silence limit, blanked or not', () => {
    expect(speakerLink({ at: T, blank: false, closed: false }, T)).toBe('following');
    expect(speakerLink({ at: T, blank: true, closed: false }, T + PRESENTER_SILENCE_MS)).toBe('blanked');
  });

  it('tolerates a few missed beats but not more', () => {
    const heard = { at: T, blank: false, closed: false };
    expect(speakerLink(heard, T + 3 * PRESENTER_HEARTBEAT_MS)).toBe('following');
    expect(speakerLink(heard, T + PRESENTER_SILENCE_MS + 1)).toBe('closed');
  });

  it('says closed at once when the presenter said goodbye', () => {
    expect(speakerLink({ at: T, blank: false, closed: true }, T)).toBe('closed');
  });
});
