// @ts-check
// `serwist build` (run after `next build`) bundles app/sw.ts into public/sw.js with the list of
// files to precache: the built static assets, public/ and the prerendered pages (/, /~offline).
import { serwist } from '@serwist/next/config'

export default await serwist({
  swSrc: 'app/sw.ts',
  swDest: 'public/sw.js',
  // The install dialog's screenshots are fetched when needed, not kept on every device.
  globIgnores: ['screenshots/**'],
})
