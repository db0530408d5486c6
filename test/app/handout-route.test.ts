/** "#/handout/<lesson>": the handout's link names the lesson only, and reads back to the same place. */
import { describe, expect, it } from 'vitest';
import { hashToRoute, routeToHash } from '../../src/app/url-state.ts';
import { Router, sameRoute } from '../../src/app/state/router.svelte.ts';

describe('handout route', () => {
  it('reads a handout link as the handout of that lesson', () => {
    expect(hashToRoute('#/handout/04-prezero')).toEqual({ page: 'handout', lesson: '04-prezero' });
    expect(routeToHash({ page: 'handout', lesson: '04-prezero' })).toBe('#/handout/04-prezero');
  });

  it('keeps no step in the link, whatever step the router last had', () => {
    const router = new Router({ page: 'lesson', lesson: '04-prezero', step: 3 });
    router.go({ page: 'handout', lesson: '04-prezero' });
    expect(router.route).toEqual({ page: 'handout', lesson: '04-prezero' });
    expect(routeToHash(router.route)).toBe('#/handout/04-prezero');
    expect(sameRoute(hashToRoute(routeToHash(router.route)), router.route)).toBe(true);
  });

  it('sends a handout link without a lesson to the lesson list', () => {
    expect(hashToRoute('#/handout')).toEqual({ page: 'lessons' });
    expect(hashToRoute('#/handout/')).toEqual({ page: 'lessons' });
  });
});
