// The running version, from package.json (inlined at build time by next.config.ts).
export const version: string = process.env.MNEMO_VERSION ?? '0.0.0-dev'
