// The pages of Suqiu, one Vite project with three entries, each its own bundle so that a citizen's
// phone never downloads the staff screens' library:
//   index.html  the citizens' pages (`/`, Vant), mobile first
//   board.html  the public board (`/board`), on a phone and on a wall screen
//   staff.html  the workbench (`/workbench`) and the dashboard (`/dashboard`), Element Plus and ECharts
// Built into web/dist (scripts/build-web.ts), served by the API on port 3000 (api/plugins/web.ts).
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * Vant's stylesheet names a CDN copy of its icon font after the embedded one: the pages load
 * nothing from elsewhere (the CSP refuses it, and many offices have no internet), so the CDN
 * source is dropped and the embedded font is the only one.
 */
function vantIconsFromThisOrigin(): Plugin {
  return {
    name: 'suqiu-vant-icons-from-this-origin',
    enforce: 'pre',
    transform(code, id) {
      if (!/vant[\\/]lib[\\/]index\.css$/.test(id)) return undefined;
      return { code: code.replace(/,\s*url\(\/\/at\.alicdn\.com[^)]*\)\s*format\("[a-z0-9]+"\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [vue(), vantIconsFromThisOrigin()],
  resolve: { alias: { '@shared': here('./src/shared') } },
  // vue-i18n: the ESM bundler build with its JIT message compiler (no eval), no legacy API
  define: { __VUE_I18N_FULL_INSTALL__: false, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false, __VUE_PROD_DEVTOOLS__: false },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    rollupOptions: {
      input: { index: here('./index.html'), board: here('./board.html'), staff: here('./staff.html') },
    },
  },
  logLevel: 'warn',
});
