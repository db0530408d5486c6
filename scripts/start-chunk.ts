/**
 * Vite plugin: puts the project modules that every page (index.html and embed.html) imports
 * statically, with the packages they use, into one chunk. Left to itself the bundler cuts
 * that shared code along every lazy import into a score of small files; each compresses
 * on its own and repeats its import lists, which cost the embed's first load several KB
 * gzipped. Lazy views and the editor keep their own chunks and still load on demand.
 */
import { resolve } from 'node:path';
import type { Plugin, Rolldown } from 'vite';

type Graph = Pick<Rolldown.ChunkingContext, 'getModuleInfo'>;

/** Every module `root` imports statically, directly or not, itself included. */
function staticGraph(root: string, graph: Graph): Set<string> {
  const seen = new Set<string>();
  const stack = [root];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

/**
 * Project and virtual modules (the preload polyfill) only: a package's index re-exports more
 * than a page uses, so its static graph overstates what every page needs. The group takes in
 * the package code that the project modules really use by itself.
 */
const isOwnModule = (id: string) => !/[\\/]node_modules[\\/]/.test(id);

/**
 * Svelte's runtime for template features no start module uses ({#await}, {@html},
 * <svelte:head>, {#key}, snippets, attachments, in:/out: transitions, legacy lifecycles,
 * window and input bindings,
 * $state.snapshot). Every
 * compiled component imports the runtime through one index, so the start group would take
 * these in with the rest; as a group of their own they load with the pages and views that
 * use them. Should a start module come to use one, the start chunk imports this chunk and
 * both pages preload it: nothing breaks, the saving just goes away.
 */
const LATER_RUNTIME =
  /[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/](dom[\\/]blocks[\\/](await|html|svelte-head|key|snippet)|dom[\\/]elements[\\/](attachments|transitions|bindings[\\/](window|input))|dom[\\/]legacy[\\/]lifecycle|loop)\.js$|[\\/]svelte[\\/]src[\\/]internal[\\/]shared[\\/]clone\.js$/;

export function startChunk(): Plugin {
  let root = process.cwd();
  let entries: string[] = [];
  // Worked out once per build, at the group's first call, when the module graph is complete.
  let shared: Set<string> | undefined;

  function sharedModules(graph: Graph): Set<string> {
    if (shared) return shared;
    const graphs = entries.map((entry) => {
      if (!graph.getModuleInfo(entry)) throw new Error(`start chunk: the entry ${entry} is not in the module graph`);
      return staticGraph(entry, graph);
    });
    const [first, ...rest] = graphs;
    shared = new Set([...(first ?? [])].filter((id) => isOwnModule(id) && rest.every((g) => g.has(id))));
    return shared;
  }

  return {
    name: 'bootline-start-chunk',
    config() {
      return {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                groups: [
                  { debugName: 'later-runtime', priority: 1, test: LATER_RUNTIME, name: 'svelte-later', includeDependenciesRecursively: false },
                  { debugName: 'start', name: (id: string, graph: Graph) => (sharedModules(graph).has(id) ? 'start' : null) },
                ],
              },
            },
          },
        },
      };
    },
    configResolved(config) {
      root = config.root;
    },
    // Those runtime files only declare functions and constants, but the package does not say
    // so; without this the start chunk would import their chunk just to keep execution order.
    transform: {
      filter: { id: LATER_RUNTIME },
      handler: (code) => ({ code, map: null, moduleSideEffects: false }),
    },
    buildStart(options) {
      const input = options.input;
      const files = typeof input === 'string' ? [input] : Array.isArray(input) ? input : Object.values(input ?? {});
      entries = files.map((file) => resolve(root, file));
      shared = undefined;
    },
  };
}
