import type { LiveHazard } from '@cowlens/server/protocol';

/**
 * What each kind of hazard means for the user's program, beside the runtime's own message about
 * the case at hand: the panel says why a hazard matters, not only that there is one.
 */
export const WHY_IT_MATTERS: Readonly<Record<LiveHazard['kind'], string>> = {
  'uninstrumented-write':
    'In cow mode the program may compute something different: copies share storage that changed behind their back. Instrument the code that writes, or run in observe mode.',
  'eager-fallback': 'This site copies eagerly, as written: the program is unaffected, but the copy saves nothing.',
};
