/**
 * embed.html's entry. Reads the query string, resolves the starting scenario (a lesson step
 * loads the lessons code lazily), then mounts the one-column embed.
 */
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-500.css';
import '@fontsource/inter/latin-600.css';
import '@fontsource/inter/latin-700.css';
import '@fontsource/jetbrains-mono/latin-400.css';
import '@fontsource/jetbrains-mono/latin-600.css';
import '../../ui/theme/tokens.css';
import '../../ui/theme/base.css';
import './embed.css';
import { mount } from 'svelte';
import EmbedApp from './EmbedApp.svelte';
import { readEmbedParams } from './params.ts';
import { resolveStart } from './start.ts';

const target = document.getElementById('app');
if (!target) throw new Error('embed.html has no #app element');
const params = readEmbedParams(location.search);
const start = await resolveStart(params);
mount(EmbedApp, { target, props: { params, start } });
