/**
 * What the presenter's keys do on the stage: keymap.ts reads a press into an action, and this
 * carries the action out on the session and through the stage's controls. The digits typed
 * towards "go to step N" and the key sheet live here because keys are what change them.
 */
import { speedLabel } from '../../app/state/playhead.svelte.ts';
import { routeToHash } from '../../app/url-state.ts';
import { isTypingTarget, readKey, type PresenterAction } from './keymap.ts';
import type { PresenterSession } from './presenter-session.svelte.ts';

/** What the stage lets its keys do beyond the session. */
export interface StageControls {
  /** Asks for step k (0-based); the route enters it. */
  step(k: number): void;
  leave(): void;
  /** A short line in the footer, for a key that has no other visible effect. */
  say(text: string): void;
  /** A speaker window would follow the stage (the browser has BroadcastChannel). */
  readonly linked: boolean;
  theme(): void;
  edit(): void;
}

/** The parts of a key press the stage reads; a KeyboardEvent has them all. */
export type StageKeyEvent = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target' | 'defaultPrevented' | 'preventDefault'>;

export class StageKeys {
  /** Digits typed so far towards "go to step N". */
  digits = $state('');
  /** The key sheet is open. */
  help = $state(false);
  readonly #session: PresenterSession;
  readonly #stage: StageControls;

  constructor(session: PresenterSession, stage: StageControls) {
    this.#session = session;
    this.#stage = stage;
  }

  /** The window's keydown: keys typed into a field are the field's. */
  readonly onkeydown = (e: StageKeyEvent): void => {
    if (e.defaultPrevented || isTypingTarget(e.target)) return;
    const read = readKey(this.digits, e);
    this.digits = read.digits;
    if (!read.action) {
      if (/^[0-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) e.preventDefault();
      return;
    }
    // With the sheet open only its own keys and Escape do anything, so a stray key cannot move on unseen.
    if (this.help && read.action.type !== 'help' && read.action.type !== 'leave') return;
    e.preventDefault();
    this.act(read.action);
  };

  act(a: PresenterAction): void {
    const session = this.#session;
    const stage = this.#stage;
    const count = session.lesson.steps.length;
    switch (a.type) {
      case 'next':
        if (session.step < count - 1) stage.step(session.step + 1);
        else stage.say('This is the last step');
        break;
      case 'previous':
        if (session.step > 0) stage.step(session.step - 1);
        break;
      case 'first':
        stage.step(0);
        break;
      case 'last':
        stage.step(count - 1);
        break;
      case 'go':
        if (a.step <= count) stage.step(a.step - 1);
        else stage.say(`There is no step ${a.step}: this lesson has ${count}`);
        break;
      case 'play':
        session.finishTyping();
        session.playhead.toggle();
        break;
      case 'faster':
      case 'slower':
        session.changeSpeed(a.type === 'faster' ? 1 : -1);
        stage.say(`Speed: ${speedLabel(session.playhead.speed)}`);
        break;
      case 'fullscreen':
        void toggleFullscreen(stage.say);
        break;
      case 'blank':
        session.blank = !session.blank;
        break;
      case 'instant':
        session.toggleInstant();
        stage.say(session.instant ? 'Edits appear at once' : 'Edits are typed out');
        break;
      case 'edit':
        stage.edit();
        break;
      case 'theme':
        stage.theme();
        break;
      case 'speaker':
        openSpeaker(session, stage);
        break;
      case 'help':
        this.help = !this.help;
        break;
      case 'leave':
        if (this.help) this.help = false;
        else if (session.blank) session.blank = false;
        else stage.leave();
        break;
    }
  }
}

/** Opens the speaker window on the stage's step, or says why it would not follow or did not open. */
function openSpeaker(session: PresenterSession, stage: StageControls): void {
  if (!stage.linked) {
    stage.say('This browser cannot link two windows (no BroadcastChannel): the speaker window would not follow');
    return;
  }
  const lesson = session.lesson.id;
  const hash = routeToHash({ page: 'speaker', lesson, step: session.step + 1 });
  const w = window.open(`${location.pathname}${location.search}${hash}`, `bootline-speaker-${lesson}`, 'popup,width=1100,height=760');
  stage.say(w ? 'Speaker window open: it follows these slides' : 'The browser blocked the speaker window; allow pop-ups for this site');
}

async function toggleFullscreen(say: (text: string) => void): Promise<void> {
  try {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen();
  } catch (e) {
    // The browser refuses without a user gesture or in a frame that does not allow it.
    say(`Full screen was refused: ${e instanceof Error ? e.message : String(e)}`);
  }
}
