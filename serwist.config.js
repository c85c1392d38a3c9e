// @ts-check
// `serwist build` (run after `next build`) bundles app/sw.ts into public/sw.js with the list of
// files to precache: the built static assets and public/. Pages render per request (each gets
// its own Content-Security-Policy nonce, see proxy.ts), so none is prerendered: the offline page
// is precached from the server at install, revisioned by the build id.
import fs from 'node:fs'
import { serwist } from '@serwist/next/config'

const buildId = fs.existsSync('.next/BUILD_ID') ? fs.readFileSync('.next/BUILD_ID', 'utf8').trim() : String(Date.now())

export default await serwist({
  swSrc: 'app/sw.ts',
  swDest: 'public/sw.js',
  // The install dialog's screenshots are fetched when needed, not kept on every device.
  globIgnores: ['screenshots/**'],
  additionalPrecacheEntries: [{ url: '/~offline', revision: buildId }],
})
