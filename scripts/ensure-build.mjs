// `npm start` on a fresh clone: build the production bundle first if there is none yet.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

if (!existsSync(".next/BUILD_ID") || !existsSync("public/sw.js")) {
  console.log('[mnemo] no production build yet: running `npm run build` first')
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
