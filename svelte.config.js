// SvelteKit configuration: a fully static site (no server), every page prerendered, SSR off in +layout.ts.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// PROVENA_BUILD_DIR lets the e2e suite build beside a running devnet without overwriting its site.
		adapter: adapter({ pages: process.env.PROVENA_BUILD_DIR ?? 'build', assets: process.env.PROVENA_BUILD_DIR ?? 'build', fallback: '404.html', strict: true }),
		alias: {
			$workers: 'workers'
		}
	}
};

export default config;
