// Keeps `npm ci` working when the registry serves only this platform's optional binaries
// (@next/swc-*, @tailwindcss/oxide-*, …): npm then leaves the other platforms out of
// package-lock.json and `npm ci` refuses the lock as out of sync. This adds an `optional`
// entry for each missing one; npm skips it on install like any optional dependency that
// does not fit the platform. Runs after every `npm install` (postinstall); idempotent.
import fs from 'node:fs'

const file = 'package-lock.json'
if (!fs.existsSync(file)) process.exit(0)
const lock = JSON.parse(fs.readFileSync(file, 'utf8'))
const packages = lock.packages ?? {}
let added = 0
for (const [at, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = at ? `${at}/node_modules/${name}` : `node_modules/${name}`
    if (packages[`node_modules/${name}`] || packages[nested]) continue
    packages[`node_modules/${name}`] = { version: String(spec).replace(/^[\^~=]+/, ''), optional: true }
    added++
  }
}
if (added > 0) {
  fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
  console.log(`[mnemo] package-lock.json: recorded ${added} optional platform packages`)
}
